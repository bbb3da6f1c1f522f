import { API_BASE } from '../api/swagger.js'
import type { SimContext } from './core/context.js'
import type { SimEvent } from './events.js'
import { stagesFor } from './host/stages.js'
import { hostNetworks } from './machine/cluster-refresh.js'
import type { ClusterRecord, HostRecord, InfraEnvRecord, MonitoredOperator } from './model/types.js'
import { imageUrl } from './service/infra-env-service.js'
import { CLUSTER_VALIDATIONS, evaluateClusterValidations } from './validations/cluster-validations.js'
import { evaluateHostValidations, HOST_VALIDATIONS } from './validations/host-validations.js'
import { V, V_NAME } from './validations/status.js'

/** Go's zero time, which the real API shows for timestamps never set. */
const ZERO_TIME = '0001-01-01T00:00:00.000Z'

export function iso(ms: number): string {
  return ms ? new Date(ms).toISOString() : ZERO_TIME
}

const GENERIC: Record<string, string> = {
  s: 'Validation passed',
  f: 'Validation failed',
  p: 'Validation pending',
  e: 'Validation error',
  d: 'Validation disabled'
}

/**
 * `validations_info` as the real service stores it: `{"<category>": [{id, status, message}]}`. Statuses are the
 * ones the last monitor pass stored; messages are re-rendered and fall back to a generic text when the data
 * changed since that pass.
 */
export function hostValidationsInfo(sim: SimContext, host: HostRecord): string {
  if (!host.validations) return ''
  const cluster = sim.store.clusterOf(host)
  const fresh = evaluateHostValidations(sim, host, cluster, sim.now())
  const groups: Record<string, { id: string; status: string; message: string }[]> = {}
  HOST_VALIDATIONS.forEach((spec, i) => {
    const code = host.validations[i]
    if (!code || code === V.absent) return
    const message = fresh.codes[i] === code ? fresh.messages[i]! : GENERIC[code]!
    ;(groups[spec.category] ??= []).push({ id: spec.id, status: V_NAME[code]!, message })
  })
  return JSON.stringify(groups)
}

export function clusterValidationsInfo(sim: SimContext, cluster: ClusterRecord): string {
  if (!cluster.validations) return ''
  const fresh = evaluateClusterValidations(sim, cluster)
  const groups: Record<string, { id: string; status: string; message: string }[]> = {}
  CLUSTER_VALIDATIONS.forEach((spec, i) => {
    const code = cluster.validations[i]
    if (!code) return
    const message = fresh.codes[i] === code ? fresh.messages[i]! : GENERIC[code]!
    ;(groups[spec.category] ??= []).push({ id: spec.id, status: V_NAME[code]!, message })
  })
  return JSON.stringify(groups)
}

function imagesStatus(host: HostRecord): string {
  if (!host.images || host.images.size === 0) return ''
  return JSON.stringify(Object.fromEntries(host.images))
}

function disksInfo(host: HostRecord): string {
  const r = host.diskSpeed
  if (!r) return ''
  return JSON.stringify({
    [r.path]: { disk_speed: { exit_code: r.exitCode, speed_ms: r.speedMs, tested: r.tested }, path: r.path }
  })
}

export interface HostViewOptions {
  /** Strip `free_addresses` (cluster views do). */
  stripFreeAddresses?: boolean
  withInventory?: boolean
  withConnectivity?: boolean
}

/** The swagger `host` model. */
export function hostView(
  sim: SimContext,
  host: HostRecord,
  options: HostViewOptions = {}
): Record<string, unknown> {
  const cluster = sim.store.clusterOf(host)
  const withInventory = options.withInventory ?? true
  const withConnectivity = options.withConnectivity ?? true
  const progress = host.progress
  return {
    kind: host.kind,
    id: host.id,
    href: `${API_BASE}/v2/infra-envs/${host.infraEnvId}/hosts/${host.id}`,
    cluster_id: host.clusterId,
    infra_env_id: host.infraEnvId,
    status: host.status,
    status_info: host.statusInfo,
    validations_info: hostValidationsInfo(sim, host),
    logs_info: host.logsInfo,
    status_updated_at: iso(host.statusUpdatedAt),
    progress: {
      current_stage: progress?.currentStage ?? '',
      progress_info: progress?.progressInfo ?? '',
      installation_percentage: progress?.installationPercentage ?? 0,
      stage_started_at: iso(progress?.stageStartedAt ?? 0),
      stage_updated_at: iso(progress?.stageUpdatedAt ?? 0),
      ...(progress?.stageTimedOut ? { stage_timed_out: true } : {})
    },
    stage_started_at: iso(progress?.stageStartedAt ?? 0),
    stage_updated_at: iso(progress?.stageUpdatedAt ?? 0),
    progress_stages: host.clusterId ? [...stagesFor(host, cluster)] : null,
    connectivity: withConnectivity ? host.connectivity : '',
    api_vip_connectivity: host.apiVipConnectivity,
    tang_connectivity: host.tangConnectivity,
    inventory: withInventory ? host.inventory : '',
    ...(options.stripFreeAddresses ? {} : { free_addresses: host.freeAddresses }),
    ntp_sources: host.ntpSources,
    disks_info: disksInfo(host),
    role: host.role,
    suggested_role: host.suggestedRole || host.role,
    bootstrap: host.bootstrap,
    logs_collected_at: iso(host.logsCollectedAt),
    logs_started_at: iso(host.logsStartedAt),
    installer_version: host.installerVersion,
    installation_disk_path: host.installationDiskPath,
    installation_disk_id: host.installationDiskId,
    updated_at: iso(host.updatedAt),
    created_at: iso(host.createdAt),
    checked_in_at: iso(host.checkedInAt),
    connection_timed_out: host.connectionTimedOut,
    registered_at: iso(host.registeredAt),
    discovery_agent_version: host.agentVersion,
    requested_hostname: host.hostname(),
    user_name: 'admin',
    media_status: host.mediaDisconnected ? 'disconnected' : 'connected',
    deleted_at: null,
    ignition_config_overrides: host.ignitionConfigOverrides,
    installer_args: host.installerArgs,
    timestamp: host.timestamp,
    machine_config_pool_name: host.machineConfigPoolName,
    images_status: imagesStatus(host),
    domain_name_resolutions: host.domainResolutions,
    ignition_endpoint_token_set: false,
    node_labels: host.nodeLabels,
    disks_to_be_formatted: host.disksToBeFormatted,
    skip_formatting_disks: host.skipFormattingDisks
  }
}

function operatorView(cluster: ClusterRecord, op: MonitoredOperator): Record<string, unknown> {
  return {
    cluster_id: cluster.id,
    name: op.name,
    operator_type: op.operator_type,
    namespace: op.namespace,
    subscription_name: op.subscription_name,
    timeout_seconds: op.timeout_seconds,
    version: op.version,
    properties: op.properties,
    ...(op.status ? { status: op.status } : {}),
    status_info: op.status_info,
    status_updated_at: iso(op.status_updated_at)
  }
}

export function operatorsView(cluster: ClusterRecord, name?: string): Record<string, unknown>[] {
  return cluster.monitoredOperators.filter(o => !name || o.name === name).map(o => operatorView(cluster, o))
}

const FINALIZING_STAGES = [
  'Waiting for cluster operators',
  'Adding router ca',
  'Applying olm manifests',
  'Waiting for olm operators csv initialization',
  'Waiting for olm operators csv',
  'Waiting for OLM operator setup jobs',
  'Done'
]

function clusterProgress(cluster: ClusterRecord): Record<string, unknown> {
  const status = cluster.status
  const hosts = [...cluster.hosts.values()]
  const past = (list: string[]): boolean => list.includes(status)
  const preparing = past(['installing', 'installing-pending-user-action', 'finalizing', 'installed'])
    ? 100
    : 0
  const installing =
    status === 'installed' || status === 'finalizing'
      ? 100
      : hosts.length && past(['installing', 'installing-pending-user-action'])
        ? Math.round(
            hosts.reduce((sum, h) => sum + (h.progress?.installationPercentage ?? 0), 0) / hosts.length
          )
        : 0
  const stageIndex = FINALIZING_STAGES.indexOf(cluster.progress.finalizingStage)
  const finalizing =
    status === 'installed'
      ? 100
      : status === 'finalizing' && stageIndex >= 0
        ? Math.round(((stageIndex + 1) / FINALIZING_STAGES.length) * 100)
        : 0
  return {
    total_percentage: Math.round(preparing * 0.1 + installing * 0.6 + finalizing * 0.3),
    preparing_for_installation_stage_percentage: preparing,
    installing_stage_percentage: installing,
    finalizing_stage_percentage: finalizing,
    ...(cluster.progress.finalizingStage
      ? {
          finalizing_stage: cluster.progress.finalizingStage,
          finalizing_stage_started_at: iso(cluster.progress.finalizingStageStartedAt),
          finalizing_stage_timed_out: cluster.progress.finalizingStageTimedOut
        }
      : {})
  }
}

export interface ClusterViewOptions {
  withHosts?: boolean
}

/** The swagger `cluster` model; `hosts` carry full inventories, `free_addresses` stripped (service-behavior §6). */
export function clusterView(
  sim: SimContext,
  cluster: ClusterRecord,
  options: ClusterViewOptions = {}
): Record<string, unknown> {
  const hosts = [...cluster.hosts.values()]
  const umn = cluster.userManagedNetworking
  return {
    kind: cluster.kind,
    id: cluster.id,
    href: `${API_BASE}/v2/clusters/${cluster.id}`,
    name: cluster.name,
    openshift_version: cluster.openshiftVersion,
    ocp_release_image: cluster.releaseImage,
    openshift_cluster_id: cluster.openshiftClusterId || undefined,
    image_info: { created_at: iso(0), expires_at: iso(0) },
    platform: { type: cluster.platformType },
    base_dns_domain: cluster.baseDnsDomain,
    cluster_network_cidr: cluster.clusterNetworks[0]?.cidr ?? '',
    cluster_network_host_prefix: cluster.clusterNetworks[0]?.host_prefix ?? 0,
    service_network_cidr: cluster.serviceNetworks[0]?.cidr ?? '',
    machine_network_cidr: cluster.machineNetworks[0]?.cidr ?? '',
    api_vips: cluster.apiVips.map(v => ({ cluster_id: cluster.id, ip: v.ip, verification: v.verification })),
    ingress_vips: cluster.ingressVips.map(v => ({
      cluster_id: cluster.id,
      ip: v.ip,
      verification: v.verification
    })),
    cluster_networks: cluster.clusterNetworks.map(n => ({ cluster_id: cluster.id, ...n })),
    service_networks: cluster.serviceNetworks.map(n => ({ cluster_id: cluster.id, ...n })),
    machine_networks: cluster.machineNetworks.map(n => ({ cluster_id: cluster.id, ...n })),
    ssh_public_key: cluster.sshPublicKey,
    http_proxy: cluster.httpProxy,
    https_proxy: cluster.httpsProxy,
    no_proxy: cluster.noProxy,
    status: cluster.status,
    status_info: cluster.statusInfo,
    status_updated_at: iso(cluster.statusUpdatedAt),
    progress: clusterProgress(cluster),
    ...(options.withHosts === false
      ? {}
      : { hosts: hosts.map(h => hostView(sim, h, { stripFreeAddresses: true })) }),
    enabled_host_count: hosts.length,
    total_host_count: hosts.length,
    ready_host_count: hosts.filter(h => h.status === 'known').length,
    schedulable_masters: cluster.schedulableMasters,
    schedulable_masters_forced_true: hosts.length < 5,
    updated_at: iso(cluster.updatedAt),
    created_at: iso(cluster.createdAt),
    install_started_at: iso(cluster.installStartedAt),
    install_completed_at: iso(cluster.installCompletedAt),
    host_networks: hostNetworks(cluster),
    pull_secret_set: Boolean(cluster.pullSecret),
    vip_dhcp_allocation: cluster.vipDhcpAllocation,
    validations_info: clusterValidationsInfo(sim, cluster),
    logs_info: cluster.logsInfo,
    controller_logs_collected_at: iso(cluster.controllerLogsCollectedAt),
    controller_logs_started_at: iso(cluster.controllerLogsStartedAt),
    connectivity_majority_groups: cluster.majorityGroupsText,
    ip_collisions: cluster.ipCollisionsText,
    ignored_host_validations: cluster.ignoredHostValidations.length
      ? JSON.stringify(cluster.ignoredHostValidations)
      : '',
    ignored_cluster_validations: cluster.ignoredClusterValidations.length
      ? JSON.stringify(cluster.ignoredClusterValidations)
      : '',
    deleted_at: null,
    user_managed_networking: umn,
    additional_ntp_source: cluster.additionalNtpSource,
    monitored_operators: operatorsView(cluster),
    hyperthreading: cluster.hyperthreading,
    network_type: cluster.networkType,
    cpu_architecture: cluster.cpuArchitecture,
    high_availability_mode: cluster.isSingleNode() ? 'None' : 'Full',
    control_plane_count: cluster.controlPlaneCount,
    disk_encryption: cluster.diskEncryption,
    imported: false,
    'last-installation-preparation': cluster.lastPreparation,
    email_domain: 'example.com',
    user_name: 'admin',
    org_id: '',
    tags: cluster.tags,
    load_balancer: { type: umn ? 'user-managed' : cluster.loadBalancerType },
    feature_usage: ''
  }
}

/** The swagger `infra-env` model. */
export function infraEnvView(sim: SimContext, infraEnv: InfraEnvRecord): Record<string, unknown> {
  return {
    kind: 'InfraEnv',
    id: infraEnv.id,
    href: `${API_BASE}/v2/infra-envs/${infraEnv.id}`,
    name: infraEnv.name,
    type: infraEnv.imageType,
    openshift_version: infraEnv.openshiftVersion,
    cpu_architecture: infraEnv.cpuArchitecture,
    ...(infraEnv.clusterId ? { cluster_id: infraEnv.clusterId } : {}),
    pull_secret_set: Boolean(infraEnv.pullSecret),
    ssh_authorized_key: infraEnv.sshAuthorizedKey,
    proxy: infraEnv.proxy,
    additional_ntp_sources: infraEnv.additionalNtpSources,
    static_network_config: infraEnv.staticNetworkConfig,
    ignition_config_override: infraEnv.ignitionConfigOverride,
    kernel_arguments: infraEnv.kernelArguments || null,
    additional_trust_bundle: infraEnv.additionalTrustBundle,
    download_url: imageUrl(sim, infraEnv),
    size_bytes: 0,
    generator_version: 'assisted-swarm-sim',
    expires_at: iso(infraEnv.expiresAt),
    created_at: iso(infraEnv.createdAt),
    updated_at: iso(infraEnv.updatedAt),
    email_domain: 'example.com',
    user_name: 'admin',
    org_id: ''
  }
}

export function eventView(e: SimEvent): Record<string, unknown> {
  return {
    name: e.name,
    ...(e.clusterId ? { cluster_id: e.clusterId } : {}),
    ...(e.hostId ? { host_id: e.hostId } : {}),
    ...(e.infraEnvId ? { infra_env_id: e.infraEnvId } : {}),
    severity: e.severity,
    category: 'user',
    message: e.message,
    event_time: iso(e.time),
    ...(e.props ? { props: e.props } : {})
  }
}
