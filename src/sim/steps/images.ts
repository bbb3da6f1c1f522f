import { createHash } from 'node:crypto'
import { minorOf, normalizeArch } from '../config/releases.js'
import type { SimContext } from '../core/context.js'
import type { ClusterRecord } from '../model/types.js'

/**
 * The release payload images the real service looks up with `oc adm release info` (MCO, must-gather). The
 * simulator derives stable placeholders from the release image instead of reading a registry.
 */
export function mcoImage(cluster: ClusterRecord): string {
  const digest = createHash('sha256').update(`machine-config-operator:${cluster.releaseImage}`).digest('hex')
  return `quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:${digest}`
}

export function mustGatherImage(sim: SimContext, cluster: ClusterRecord): string {
  const minor = minorOf(cluster.openshiftVersion)
  const key = `${minor}-${normalizeArch(cluster.cpuArchitecture)}`
  const configured = sim.opts.mustGatherImages[key] ?? sim.opts.mustGatherImages[minor]
  if (configured) return configured
  const digest = createHash('sha256').update(`must-gather:${cluster.releaseImage}`).digest('hex')
  return `quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:${digest}`
}

/** The images the container-image-availability step asks for: release, MCO, must-gather and installer. */
export function preparationImages(sim: SimContext, cluster: ClusterRecord): string[] {
  return [cluster.releaseImage, mcoImage(cluster), mustGatherImage(sim, cluster), sim.opts.installerImage]
}
