import { randomUUID } from 'node:crypto'
import {
  DEFAULT_RELEASE_IMAGES,
  findOsImage,
  findReleaseImage,
  minorOf,
  normalizeArch
} from '../config/releases.js'
import type { SimContext } from '../core/context.js'
import { simError } from '../errors.js'
import { InfraEnvRecord } from '../model/types.js'
import { getInfraEnv } from './host-service.js'
import { checkPullSecret } from './pull-secret.js'
import { keptText } from '../core/stored-text.js'

export interface InfraEnvParams {
  name?: string
  pull_secret?: string
  cluster_id?: string | null
  openshift_version?: string | null
  cpu_architecture?: string
  image_type?: string
  ssh_authorized_key?: string | null
  proxy?: { http_proxy?: string | null; https_proxy?: string | null; no_proxy?: string | null }
  additional_ntp_sources?: string | null
  ignition_config_override?: string
  static_network_config?: unknown[]
  kernel_arguments?: unknown[]
  additional_trust_bundle?: string | null
}

const IMAGE_EXPIRATION_MS = 4 * 60 * 60 * 1000

function applyCommon(infraEnv: InfraEnvRecord, p: InfraEnvParams): void {
  if (p.pull_secret !== undefined) {
    checkPullSecret(p.pull_secret)
    infraEnv.pullSecret = p.pull_secret
  }
  if (p.ssh_authorized_key !== undefined && p.ssh_authorized_key !== null)
    infraEnv.sshAuthorizedKey = p.ssh_authorized_key
  if (p.image_type) infraEnv.imageType = p.image_type
  if (p.proxy) {
    infraEnv.proxy = Object.fromEntries(
      Object.entries(p.proxy).filter(([, v]) => typeof v === 'string')
    ) as InfraEnvRecord['proxy']
  }
  if (p.additional_ntp_sources !== undefined && p.additional_ntp_sources !== null)
    infraEnv.additionalNtpSources = p.additional_ntp_sources
  if (p.ignition_config_override !== undefined) infraEnv.ignitionConfigOverride = p.ignition_config_override
  if (p.static_network_config)
    infraEnv.staticNetworkConfig = p.static_network_config.length
      ? JSON.stringify(p.static_network_config)
      : ''
  if (p.kernel_arguments)
    infraEnv.kernelArguments = p.kernel_arguments.length ? JSON.stringify(p.kernel_arguments) : ''
  if (p.additional_trust_bundle !== undefined && p.additional_trust_bundle !== null)
    infraEnv.additionalTrustBundle = p.additional_trust_bundle
}

/** `POST /v2/infra-envs` (201). */
export function registerInfraEnv(
  sim: SimContext,
  p: InfraEnvParams & { name: string; pull_secret: string }
): InfraEnvRecord {
  const now = sim.now()
  const infraEnv = new InfraEnvRecord(keptText(randomUUID()), now)
  infraEnv.name = p.name
  const arch = p.cpu_architecture ?? 'x86_64'
  if (p.cluster_id) {
    const cluster = sim.store.clusters.get(p.cluster_id)
    if (!cluster) throw simError('CLUSTER_NOT_FOUND', p.cluster_id)
    if (
      cluster.cpuArchitecture !== 'multi' &&
      normalizeArch(cluster.cpuArchitecture) !== normalizeArch(arch)
    ) {
      throw simError(
        'INVALID_HOST_PARAMS',
        `infra-env CPU architecture ${arch} does not match the cluster's ${cluster.cpuArchitecture}`
      )
    }
    infraEnv.clusterId = cluster.id
    infraEnv.openshiftVersion = cluster.openshiftVersion
  } else {
    const requested =
      p.openshift_version ||
      sim.opts.releaseImages.find(r => r.default)?.version ||
      DEFAULT_RELEASE_IMAGES[0]!.version
    infraEnv.openshiftVersion =
      findReleaseImage(sim.opts.releaseImages, requested, arch)?.version ?? requested
  }
  infraEnv.cpuArchitecture = arch
  if (!findOsImage(sim.opts.osImages, infraEnv.openshiftVersion, arch))
    throw simError('NO_OS_IMAGE', minorOf(infraEnv.openshiftVersion), arch)
  applyCommon(infraEnv, p)
  infraEnv.expiresAt = now + IMAGE_EXPIRATION_MS
  sim.store.infraEnvs.set(infraEnv.id, infraEnv)
  return infraEnv
}

/** `PATCH /v2/infra-envs/{ie}` (201). */
export function updateInfraEnv(sim: SimContext, infraEnvId: string, p: InfraEnvParams): InfraEnvRecord {
  const infraEnv = getInfraEnv(sim, infraEnvId)
  if (p.openshift_version && !infraEnv.clusterId) {
    const version =
      findReleaseImage(sim.opts.releaseImages, p.openshift_version, infraEnv.cpuArchitecture)?.version ??
      p.openshift_version
    if (!findOsImage(sim.opts.osImages, version, infraEnv.cpuArchitecture))
      throw simError('NO_OS_IMAGE', minorOf(version), infraEnv.cpuArchitecture)
    infraEnv.openshiftVersion = version
  }
  applyCommon(infraEnv, p)
  infraEnv.updatedAt = sim.now()
  infraEnv.expiresAt = infraEnv.updatedAt + IMAGE_EXPIRATION_MS
  return infraEnv
}

/** `DELETE /v2/infra-envs/{ie}` (204): refused while hosts remain. */
export function deregisterInfraEnv(sim: SimContext, infraEnvId: string): void {
  const infraEnv = getInfraEnv(sim, infraEnvId)
  if (infraEnv.hosts.size) throw simError('INFRA_ENV_HAS_HOSTS', infraEnv.id, infraEnv.hosts.size)
  sim.store.infraEnvs.delete(infraEnv.id)
}

/** The image-service URL of the discovery ISO. */
export function imageUrl(sim: SimContext, infraEnv: InfraEnvRecord): string {
  const params = new URLSearchParams({
    arch: infraEnv.cpuArchitecture,
    type: infraEnv.imageType,
    version: minorOf(infraEnv.openshiftVersion)
  })
  if (sim.opts.agentKey) params.set('api_key', sim.opts.agentKey)
  return `${sim.imageServiceUrl()}/images/${infraEnv.id}?${params.toString()}`
}
