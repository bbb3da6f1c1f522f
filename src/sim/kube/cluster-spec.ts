/**
 * What the internal cluster is made from in kube-api mode: a ClusterDeployment, its AgentClusterInstall, the
 * ClusterImageSet the ACI names and the pull secret the CD references (service-behavior §4.4). Problems are
 * input errors, reported in the ACI's SpecSynced condition.
 */
import { findReleaseImage, minorOf, normalizeArch, type ReleaseImage } from '../config/releases.js'
import type { KubeObject } from '../../kube/objects.js'
import type { ClusterParams } from '../service/cluster-service.js'

export class SpecInputError extends Error {}

interface CdSpec {
  clusterName?: string
  baseDomain?: string
  pullSecretRef?: { name?: string }
  clusterInstallRef?: { group?: string; kind?: string; name?: string }
}

export interface AciSpec {
  clusterDeploymentRef?: { name?: string }
  imageSetRef?: { name?: string }
  networking?: {
    machineNetwork?: { cidr?: string }[]
    clusterNetwork?: { cidr?: string; hostPrefix?: number }[]
    serviceNetwork?: string[]
    networkType?: string
    userManagedNetworking?: boolean
  }
  provisionRequirements?: { controlPlaneAgents?: number; workerAgents?: number; arbiterAgents?: number }
  apiVIP?: string
  apiVIPs?: string[]
  ingressVIP?: string
  ingressVIPs?: string[]
  sshPublicKey?: string
  holdInstallation?: boolean
  platformType?: string
}

export function cdSpec(cd: KubeObject): CdSpec {
  return (cd.spec ?? {}) as CdSpec
}

export function aciSpec(aci: KubeObject): AciSpec {
  return (aci.spec ?? {}) as AciSpec
}

/** The ACI a CD points at, or undefined when its clusterInstallRef is not an AgentClusterInstall (ignored). */
export function aciNameOf(cd: KubeObject): string | undefined {
  const ref = cdSpec(cd).clusterInstallRef
  if (!ref?.name || ref.kind !== 'AgentClusterInstall') return undefined
  return ref.name
}

/** controlPlaneAgents + workerAgents + arbiterAgents. */
export function requiredAgents(aci: KubeObject): { masters: number; workers: number; arbiters: number } {
  const r = aciSpec(aci).provisionRequirements ?? {}
  return { masters: r.controlPlaneAgents ?? 0, workers: r.workerAgents ?? 0, arbiters: r.arbiterAgents ?? 0 }
}

/** The release a ClusterImageSet names: an exact RELEASE_IMAGES url, else the version in the image tag. */
export function releaseOf(
  imageSet: KubeObject,
  releases: readonly ReleaseImage[]
): { version: string; arch: string; url: string } {
  const url = (imageSet.spec as { releaseImage?: string } | undefined)?.releaseImage
  if (!url) throw new SpecInputError(`ClusterImageSet ${imageSet.metadata.name} has no spec.releaseImage`)
  const exact = releases.find(r => r.url === url)
  if (exact) return { version: exact.version, arch: normalizeArch(exact.cpu_architecture), url }
  const tag = /:(\d+\.\d+(?:\.\d+)?(?:-[a-z]+\.\d+)?)(?:-(x86_64|aarch64|arm64|ppc64le|s390x|multi))?$/.exec(
    url
  )
  if (!tag) throw new SpecInputError(`cannot tell the OpenShift version of release image ${url}`)
  const arch = normalizeArch(tag[2])
  // Not in RELEASE_IMAGES: the real service would read the payload (`oc adm release info`); the simulator
  // takes the release of the same x.y.
  const release =
    findReleaseImage(releases, tag[1]!, arch) ?? findReleaseImage(releases, minorOf(tag[1]!), arch)
  if (!release) throw new SpecInputError(`OpenShift ${tag[1]} (${arch}) is not a known release image`)
  return { version: release.version, arch, url }
}

/** The parameters of the internal cluster, as the service's ClusterDeployments controller builds them. */
export function clusterParams(
  cd: KubeObject,
  aci: KubeObject,
  release: { version: string; arch: string; url: string },
  pullSecret: string
): ClusterParams & { name: string; openshift_version: string; pull_secret: string } {
  const c = cdSpec(cd)
  const a = aciSpec(aci)
  const required = requiredAgents(aci)
  if (required.masters < 1)
    throw new SpecInputError('spec.provisionRequirements.controlPlaneAgents must be at least 1')
  const sno = required.masters === 1 && required.workers === 0
  // UMN is true when set, or for a single node (§4.4).
  const umn = a.networking?.userManagedNetworking ?? sno
  const apiVips = a.apiVIPs ?? (a.apiVIP ? [a.apiVIP] : [])
  const ingressVips = a.ingressVIPs ?? (a.ingressVIP ? [a.ingressVIP] : [])
  const networking = a.networking ?? {}
  return {
    name: c.clusterName || cd.metadata.name,
    openshift_version: release.version,
    ocp_release_image: release.url,
    cpu_architecture: release.arch,
    pull_secret: pullSecret,
    ...(c.baseDomain ? { base_dns_domain: c.baseDomain } : {}),
    control_plane_count: required.masters,
    high_availability_mode: sno ? 'None' : 'Full',
    user_managed_networking: umn,
    ...(networking.clusterNetwork?.length
      ? {
          cluster_networks: networking.clusterNetwork.map(n => ({
            cidr: n.cidr ?? '',
            ...(n.hostPrefix !== undefined ? { host_prefix: n.hostPrefix } : {})
          }))
        }
      : {}),
    ...(networking.serviceNetwork?.length
      ? { service_networks: networking.serviceNetwork.map(cidr => ({ cidr })) }
      : {}),
    ...(networking.machineNetwork?.length && !umn
      ? { machine_networks: networking.machineNetwork.map(n => ({ cidr: n.cidr ?? '' })) }
      : {}),
    ...(networking.networkType ? { network_type: networking.networkType } : {}),
    ...(apiVips.length && !umn ? { api_vips: apiVips.map(ip => ({ ip })) } : {}),
    ...(ingressVips.length && !umn ? { ingress_vips: ingressVips.map(ip => ({ ip })) } : {}),
    ...(a.sshPublicKey ? { ssh_public_key: a.sshPublicKey } : {}),
    ...(umn ? { platform: { type: 'none' } } : { platform: { type: 'baremetal' } })
  }
}
