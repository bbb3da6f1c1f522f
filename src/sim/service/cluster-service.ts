import { randomUUID, X509Certificate } from 'node:crypto'
import { findReleaseImage, normalizeArch } from '../config/releases.js'
import type { SimContext } from '../core/context.js'
import { simError } from '../errors.js'
import { CLUSTER_INFO } from '../machine/cluster-refresh.js'
import { HOST_INFO } from '../machine/host-refresh.js'
import {
  ClusterRecord,
  type ClusterStatus,
  type HostStatus,
  type MonitoredOperator,
  type Vip
} from '../model/types.js'
import { isIpText, parseCidr } from '../net/ip.js'
import { refreshNow } from './host-service.js'
import { checkPullSecret } from './pull-secret.js'
import { keptText } from '../core/stored-text.js'

export function getCluster(sim: SimContext, clusterId: string): ClusterRecord {
  const cluster = sim.store.clusters.get(clusterId)
  if (!cluster) throw simError('CLUSTER_NOT_FOUND', clusterId)
  return cluster
}

type Network = { cidr?: string; host_prefix?: number }

/** Fields shared by cluster-create-params and v2-cluster-update-params. */
export interface ClusterParams {
  name?: string | null
  openshift_version?: string
  ocp_release_image?: string
  cpu_architecture?: string
  high_availability_mode?: string
  control_plane_count?: number | null
  base_dns_domain?: string | null
  cluster_network_cidr?: string | null
  cluster_network_host_prefix?: number | null
  service_network_cidr?: string | null
  machine_network_cidr?: string | null
  cluster_networks?: Network[] | null
  service_networks?: Network[] | null
  machine_networks?: Network[] | null
  api_vips?: { ip?: string }[] | null
  ingress_vips?: { ip?: string }[] | null
  pull_secret?: string | null
  ssh_public_key?: string | null
  vip_dhcp_allocation?: boolean | null
  user_managed_networking?: boolean | null
  network_type?: string | null
  platform?: { type?: string } | null
  http_proxy?: string | null
  https_proxy?: string | null
  no_proxy?: string | null
  additional_ntp_source?: string | null
  hyperthreading?: string | null
  schedulable_masters?: boolean
  tags?: string | null
  disk_encryption?: { enable_on?: string; mode?: string; tang_servers?: string }
  load_balancer?: { type?: string }
  olm_operators?: { name?: string }[]
}

const DNS_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)*[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const CLUSTER_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/

function vipsOf(list: { ip?: string }[] | null | undefined, kind: string): Vip[] {
  return (list ?? []).map(v => {
    if (!v.ip || !isIpText(v.ip))
      throw simError(
        'INVALID_CLUSTER_PARAMS',
        `${kind} VIP ${JSON.stringify(v.ip ?? '')} is not a valid IP address`
      )
    return { ip: v.ip, verification: 'unverified' as const }
  })
}

function networksOf(list: Network[], kind: string): Network[] {
  for (const n of list) {
    if (!n.cidr || !parseCidr(n.cidr))
      throw simError(
        'INVALID_CLUSTER_PARAMS',
        `${kind} CIDR ${JSON.stringify(n.cidr ?? '')} is not a valid CIDR`
      )
  }
  return list
}

function builtinOperators(sim: SimContext): MonitoredOperator[] {
  const make = (name: string, namespace: string): MonitoredOperator => ({
    name,
    operator_type: 'builtin',
    namespace,
    subscription_name: '',
    timeout_seconds: 3600,
    version: '',
    status: '',
    status_info: '',
    status_updated_at: 0,
    properties: ''
  })
  return [
    make('console', 'openshift-console'),
    ...(sim.opts.checkClusterVersion ? [make('cvo', 'openshift-cluster-version')] : [])
  ]
}

function applyParams(_sim: SimContext, cluster: ClusterRecord, p: ClusterParams, creating: boolean): void {
  if (p.name !== undefined && p.name !== null) {
    if (!CLUSTER_NAME.test(p.name))
      throw simError(
        'INVALID_CLUSTER_PARAMS',
        `cluster name ${JSON.stringify(p.name)} is not a valid DNS label`
      )
    cluster.name = p.name
  }
  if (p.base_dns_domain !== undefined && p.base_dns_domain !== null) {
    if (p.base_dns_domain && !DNS_NAME.test(p.base_dns_domain)) {
      throw simError(
        'INVALID_CLUSTER_PARAMS',
        `base domain ${JSON.stringify(p.base_dns_domain)} is not a valid DNS name`
      )
    }
    cluster.baseDnsDomain = p.base_dns_domain
  }
  if (p.pull_secret !== undefined && p.pull_secret !== null) {
    checkPullSecret(p.pull_secret)
    cluster.pullSecret = p.pull_secret
  }
  if (p.ssh_public_key !== undefined && p.ssh_public_key !== null) cluster.sshPublicKey = p.ssh_public_key
  if (p.cluster_networks) {
    cluster.clusterNetworks = networksOf(p.cluster_networks, 'cluster network').map(n => ({
      cidr: n.cidr!,
      host_prefix: n.host_prefix ?? 23
    }))
  } else if (p.cluster_network_cidr) {
    networksOf([{ cidr: p.cluster_network_cidr }], 'cluster network')
    cluster.clusterNetworks = [
      {
        cidr: p.cluster_network_cidr,
        host_prefix: p.cluster_network_host_prefix ?? cluster.clusterNetworks[0]?.host_prefix ?? 23
      }
    ]
  } else if (p.cluster_network_host_prefix && cluster.clusterNetworks[0]) {
    cluster.clusterNetworks = [{ ...cluster.clusterNetworks[0], host_prefix: p.cluster_network_host_prefix }]
  }
  if (p.service_networks)
    cluster.serviceNetworks = networksOf(p.service_networks, 'service network').map(n => ({ cidr: n.cidr! }))
  else if (p.service_network_cidr)
    cluster.serviceNetworks = networksOf([{ cidr: p.service_network_cidr }], 'service network').map(n => ({
      cidr: n.cidr!
    }))
  if (p.machine_networks)
    cluster.machineNetworks = networksOf(p.machine_networks, 'machine network').map(n => ({ cidr: n.cidr! }))
  else if (p.machine_network_cidr)
    cluster.machineNetworks = networksOf([{ cidr: p.machine_network_cidr }], 'machine network').map(n => ({
      cidr: n.cidr!
    }))
  if (p.user_managed_networking !== undefined && p.user_managed_networking !== null) {
    if (cluster.isSingleNode() && !p.user_managed_networking) {
      throw simError(
        'INVALID_CLUSTER_PARAMS',
        'User Managed Networking must be enabled on single node OpenShift'
      )
    }
    cluster.userManagedNetworking = p.user_managed_networking
  }
  if (p.platform?.type) {
    cluster.platformType = p.platform.type
    if (p.platform.type === 'none') cluster.userManagedNetworking = true
  }
  if (p.vip_dhcp_allocation !== undefined && p.vip_dhcp_allocation !== null)
    cluster.vipDhcpAllocation = p.vip_dhcp_allocation && !cluster.userManagedNetworking
  if (p.api_vips !== undefined && p.api_vips !== null) cluster.apiVips = vipsOf(p.api_vips, 'API')
  if (p.ingress_vips !== undefined && p.ingress_vips !== null)
    cluster.ingressVips = vipsOf(p.ingress_vips, 'Ingress')
  if (
    (cluster.apiVips.length || cluster.ingressVips.length) &&
    (cluster.isSingleNode() || cluster.userManagedNetworking)
  ) {
    if (p.api_vips?.length || p.ingress_vips?.length) {
      throw simError(
        'INVALID_CLUSTER_PARAMS',
        'API and Ingress VIPs cannot be set with user-managed networking or on a single-node cluster'
      )
    }
  }
  for (const api of cluster.apiVips) {
    if (cluster.ingressVips.some(i => i.ip === api.ip))
      throw simError('INVALID_CLUSTER_PARAMS', `the API and Ingress VIPs must differ (both ${api.ip})`)
  }
  if (p.network_type !== undefined && p.network_type !== null) cluster.networkType = p.network_type
  if (p.http_proxy !== undefined && p.http_proxy !== null) cluster.httpProxy = p.http_proxy
  if (p.https_proxy !== undefined && p.https_proxy !== null) cluster.httpsProxy = p.https_proxy
  if (p.no_proxy !== undefined && p.no_proxy !== null) cluster.noProxy = p.no_proxy
  if (p.additional_ntp_source !== undefined && p.additional_ntp_source !== null)
    cluster.additionalNtpSource = p.additional_ntp_source
  if (p.hyperthreading) cluster.hyperthreading = p.hyperthreading
  if (p.schedulable_masters !== undefined) cluster.schedulableMasters = p.schedulable_masters
  if (p.tags !== undefined && p.tags !== null) cluster.tags = p.tags
  if (p.disk_encryption)
    cluster.diskEncryption = {
      ...cluster.diskEncryption,
      ...p.disk_encryption
    } as ClusterRecord['diskEncryption']
  if (p.load_balancer?.type) cluster.loadBalancerType = p.load_balancer.type
  if (p.olm_operators?.length && creating) {
    throw simError(
      'INVALID_CLUSTER_PARAMS',
      `OLM operators are not supported by the simulator: ${p.olm_operators.map(o => o.name).join(', ')}`
    )
  }
  cluster.stepArgs.clear()
  cluster.connectivityDirty = true
}

/** `POST /v2/clusters` (201). */
export function registerCluster(
  sim: SimContext,
  p: ClusterParams & { name: string; openshift_version: string; pull_secret: string }
): ClusterRecord {
  const arch = normalizeArch(p.cpu_architecture)
  const release = findReleaseImage(sim.opts.releaseImages, p.openshift_version, arch)
  if (!release) throw simError('UNSUPPORTED_VERSION', p.openshift_version, p.cpu_architecture ?? 'x86_64')
  const now = sim.now()
  const cluster = new ClusterRecord(keptText(randomUUID()), now)
  cluster.openshiftVersion = release.version
  cluster.releaseImage = p.ocp_release_image || release.url
  cluster.cpuArchitecture = p.cpu_architecture ?? 'x86_64'
  const count = p.control_plane_count ?? (p.high_availability_mode === 'None' ? 1 : 3)
  if (
    p.high_availability_mode === 'None' &&
    p.control_plane_count !== undefined &&
    p.control_plane_count !== null &&
    p.control_plane_count !== 1
  ) {
    throw simError('INVALID_CLUSTER_PARAMS', 'high_availability_mode None requires control_plane_count 1')
  }
  if (!Number.isInteger(count) || count < 1 || count > 5) {
    throw simError('INVALID_CLUSTER_PARAMS', `control_plane_count must be between 1 and 5, got ${count}`)
  }
  cluster.controlPlaneCount = count
  cluster.userManagedNetworking = count === 1
  cluster.platformType = count === 1 ? 'none' : 'baremetal'
  cluster.clusterNetworks = [{ cidr: '10.128.0.0/14', host_prefix: 23 }]
  cluster.serviceNetworks = [{ cidr: '172.30.0.0/16' }]
  cluster.monitoredOperators = builtinOperators(sim)
  cluster.statusInfo = CLUSTER_INFO.insufficient
  applyParams(sim, cluster, p, true)
  if (p.user_managed_networking === true && !p.platform?.type) cluster.platformType = 'none'
  sim.store.addCluster(cluster)
  sim.clusterEvent(
    cluster,
    'info',
    'cluster_registration_succeeded',
    `Successfully registered cluster ${cluster.name} with id ${cluster.id}`
  )
  sim.markClusterDirty(cluster)
  return cluster
}

/** `POST /v2/clusters/import` (201): an existing cluster that only takes day-2 hosts (`adding-hosts`). */
export function importCluster(
  sim: SimContext,
  p: { name: string; api_vip_dnsname: string; openshift_version?: string; openshift_cluster_id: string }
): ClusterRecord {
  const requested =
    p.openshift_version ||
    sim.opts.releaseImages.find(r => r.default)?.version ||
    sim.opts.releaseImages[0]?.version ||
    ''
  const release = findReleaseImage(sim.opts.releaseImages, requested, 'x86_64')
  if (!release) throw simError('UNSUPPORTED_VERSION', requested, 'x86_64')
  const cluster = new ClusterRecord(keptText(randomUUID()), sim.now())
  cluster.kind = 'AddHostsCluster'
  cluster.status = 'adding-hosts'
  cluster.statusInfo = 'cluster is adding hosts to existing OCP cluster'
  cluster.name = p.name
  cluster.apiVipDnsName = p.api_vip_dnsname
  cluster.openshiftClusterId = p.openshift_cluster_id
  cluster.openshiftVersion = release.version
  cluster.releaseImage = release.url
  cluster.clusterNetworks = [{ cidr: '10.128.0.0/14', host_prefix: 23 }]
  cluster.serviceNetworks = [{ cidr: '172.30.0.0/16' }]
  cluster.lastPreparation = { status: 'success', reason: '' }
  sim.store.addCluster(cluster)
  sim.clusterEvent(
    cluster,
    'info',
    'cluster_registration_succeeded',
    `Successfully imported cluster ${cluster.name} with id ${cluster.id}`
  )
  return cluster
}

const UPDATABLE = new Set<ClusterStatus>(['pending-for-input', 'insufficient', 'ready', 'adding-hosts'])

/** `PATCH /v2/clusters/{c}` (201): applies the change and refreshes at once, as the real service does. */
export function updateCluster(sim: SimContext, cluster: ClusterRecord, p: ClusterParams): ClusterRecord {
  if (!UPDATABLE.has(cluster.status))
    throw simError('CLUSTER_WRONG_STATE', 'update', cluster.id, cluster.status)
  const vipsChanged = p.api_vips !== undefined || p.ingress_vips !== undefined
  applyParams(sim, cluster, p, false)
  if (vipsChanged && !p.machine_networks && !p.machine_network_cidr && !cluster.userManagedNetworking)
    cluster.machineNetworks = []
  cluster.updatedAt = sim.now()
  sim.markClusterHostsDirty(cluster)
  refreshNow(sim, cluster)
  return cluster
}

/** `POST /v2/clusters/{c}/actions/install` (202). */
export function installCluster(sim: SimContext, cluster: ClusterRecord): ClusterRecord {
  if (
    cluster.status !== 'ready' &&
    cluster.status !== 'insufficient' &&
    cluster.status !== 'pending-for-input'
  ) {
    throw simError('CLUSTER_WRONG_STATE', 'install', cluster.id, cluster.status)
  }
  refreshNow(sim, cluster)
  let rolesChanged = false
  for (const h of cluster.hosts.values()) {
    if (h.role === 'auto-assign') {
      h.role = h.suggestedRole || 'worker'
      rolesChanged = true
    }
  }
  if (rolesChanged) refreshNow(sim, cluster)
  if (cluster.status !== 'ready')
    throw simError('CLUSTER_NOT_READY', cluster.id, cluster.status, cluster.statusInfo)
  const hosts = [...cluster.hosts.values()]
  if (!hosts.some(h => h.bootstrap)) {
    const bootstrap = hosts.find(h => h.role === 'master')
    if (bootstrap) bootstrap.bootstrap = true
  }
  const now = sim.now()
  cluster.installStartedAt = now
  cluster.installCompletedAt = 0
  cluster.lastPreparation = { status: 'not_started', reason: '' }
  cluster.preparationDueAt = now + sim.opts.timings.installationPreparationMs
  cluster.progress = { finalizingStage: '', finalizingStageStartedAt: 0, finalizingStageTimedOut: false }
  sim.setClusterStatus(cluster, 'preparing-for-installation', CLUSTER_INFO.preparing)
  sim.scheduleCluster(cluster)
  return cluster
}

const CANCELLABLE_HOSTS = new Set<HostStatus>([
  'installing',
  'installing-in-progress',
  'installing-pending-user-action',
  'installed',
  'preparing-successful',
  'error'
])

/** `POST /v2/clusters/{c}/actions/cancel` (202). */
export function cancelInstallation(sim: SimContext, cluster: ClusterRecord): ClusterRecord {
  if (cluster.status === 'preparing-for-installation') {
    sim.setClusterStatus(cluster, 'ready', 'Installation was cancelled by the user')
    for (const h of cluster.hosts.values())
      if (h.status.startsWith('preparing')) sim.setHostStatus(h, 'known', HOST_INFO.known)
    return cluster
  }
  if (!['installing', 'installing-pending-user-action', 'finalizing', 'error'].includes(cluster.status)) {
    throw simError('CLUSTER_WRONG_STATE', 'cancel', cluster.id, cluster.status)
  }
  sim.setClusterStatus(cluster, 'cancelled', CLUSTER_INFO.cancelled)
  for (const h of cluster.hosts.values())
    if (CANCELLABLE_HOSTS.has(h.status)) sim.setHostStatus(h, 'cancelled', 'Installation cancelled by user')
  return cluster
}

/** `POST /v2/clusters/{c}/actions/reset` (202): back to insufficient; hosts must boot the discovery image again. */
export function resetCluster(sim: SimContext, cluster: ClusterRecord): ClusterRecord {
  if (
    ![
      'cancelled',
      'error',
      'installing',
      'installing-pending-user-action',
      'finalizing',
      'preparing-for-installation'
    ].includes(cluster.status)
  ) {
    throw simError('CLUSTER_WRONG_STATE', 'reset', cluster.id, cluster.status)
  }
  cluster.lastPreparation = { status: 'not_started', reason: '' }
  cluster.ingressCertUploaded = false
  cluster.installStartedAt = 0
  cluster.installCompletedAt = 0
  cluster.progress = { finalizingStage: '', finalizingStageStartedAt: 0, finalizingStageTimedOut: false }
  cluster.monitoredOperators = cluster.monitoredOperators.map(o => ({
    ...o,
    status: '',
    status_info: '',
    status_updated_at: 0
  }))
  sim.setClusterStatus(cluster, 'insufficient', 'Reset cluster installation')
  for (const h of cluster.hosts.values()) {
    h.progress = null
    h.logsInfo = ''
    h.bootstrap = cluster.isSingleNode()
    sim.setHostStatus(h, 'resetting', 'Resetting the host installation')
  }
  return cluster
}

/** `DELETE /v2/clusters/{c}` (204). */
export function deregisterCluster(sim: SimContext, cluster: ClusterRecord): void {
  if (
    ['preparing-for-installation', 'installing', 'installing-pending-user-action', 'finalizing'].includes(
      cluster.status
    )
  ) {
    throw simError('CLUSTER_WRONG_STATE', 'delete', cluster.id, cluster.status)
  }
  for (const h of [...cluster.hosts.values()]) {
    sim.store.removeHost(h)
    sim.dirtyHosts.delete(h)
  }
  sim.store.removeCluster(cluster)
  sim.dirtyClusters.delete(cluster)
  sim.events.dropScope(cluster.id)
}

/** `POST /v2/clusters/{c}/uploads/ingress-cert` (201): only in finalizing or installed, with a valid PEM. */
export function uploadIngressCert(sim: SimContext, cluster: ClusterRecord, pem: string): void {
  if (cluster.status !== 'finalizing' && cluster.status !== 'installed')
    throw simError('INGRESS_CERT_WRONG_STATE', cluster.id, cluster.status)
  try {
    new X509Certificate(pem)
  } catch (error) {
    throw simError('INVALID_INGRESS_CERT', (error as Error).message)
  }
  if (!cluster.ingressCertUploaded) {
    cluster.ingressCertUploaded = true
    cluster.updatedAt = sim.now()
    sim.clusterEvent(
      cluster,
      'info',
      'cluster_ingress_cert_uploaded',
      'Ingress CA uploaded; the kubeconfig is available'
    )
  }
  sim.markClusterDirty(cluster)
}

export function reportOperator(
  sim: SimContext,
  cluster: ClusterRecord,
  report: { name?: string; status?: string; status_info?: string; version?: string }
): void {
  const op = cluster.monitoredOperators.find(o => o.name === report.name)
  if (!op) throw simError('OPERATOR_NOT_FOUND', report.name ?? '', cluster.id)
  const status = (report.status ?? '') as MonitoredOperator['status']
  if (op.status !== status) {
    sim.clusterEvent(
      cluster,
      'info',
      'operator_status_updated',
      `Operator ${op.name} status: ${status || 'unknown'} message: ${report.status_info ?? ''}`
    )
  }
  op.status = status
  op.status_info = report.status_info ?? ''
  if (report.version !== undefined) op.version = report.version
  op.status_updated_at = sim.now()
  cluster.updatedAt = sim.now()
  sim.markClusterDirty(cluster)
}

export function updateFinalizingProgress(sim: SimContext, cluster: ClusterRecord, stage: string): void {
  if (cluster.progress.finalizingStage === stage) return
  cluster.progress = {
    finalizingStage: stage,
    finalizingStageStartedAt: sim.now(),
    finalizingStageTimedOut: false
  }
  cluster.updatedAt = sim.now()
  sim.clusterEvent(cluster, 'info', 'cluster_finalizing_stage_updated', `Finalizing stage: ${stage}`)
  sim.markClusterDirty(cluster)
  sim.scheduleCluster(cluster)
}

/** `POST .../actions/complete-installation` (202): informational; the monitor decides completion. */
export function completeInstallation(
  sim: SimContext,
  cluster: ClusterRecord,
  params: { is_success?: boolean; error_info?: string }
): void {
  if (cluster.status !== 'finalizing' && cluster.status !== 'installed')
    throw simError('CLUSTER_WRONG_STATE', 'complete the installation of', cluster.id, cluster.status)
  sim.clusterEvent(
    cluster,
    params.is_success ? 'info' : 'error',
    'cluster_installation_completed_reported',
    params.is_success
      ? 'The installer controller reported the installation as completed'
      : `The installer controller reported a failed installation: ${params.error_info ?? ''}`
  )
}

export function setIgnoredValidations(
  sim: SimContext,
  cluster: ClusterRecord,
  body: { 'host-validation-ids'?: string; 'cluster-validation-ids'?: string }
): void {
  const parse = (text: string | undefined, field: string): string[] | undefined => {
    if (text === undefined) return undefined
    try {
      const list = JSON.parse(text) as unknown
      if (!Array.isArray(list) || !list.every(x => typeof x === 'string'))
        throw new Error('not a list of strings')
      return list as string[]
    } catch (error) {
      throw simError(
        'INVALID_CLUSTER_PARAMS',
        `${field}: must be a JSON list of validation ids (${(error as Error).message})`
      )
    }
  }
  const hosts = parse(body['host-validation-ids'], 'host-validation-ids')
  const clusters = parse(body['cluster-validation-ids'], 'cluster-validation-ids')
  if (hosts) cluster.ignoredHostValidations = hosts
  if (clusters) cluster.ignoredClusterValidations = clusters
  cluster.updatedAt = sim.now()
  sim.markClusterHostsDirty(cluster)
  sim.markClusterDirty(cluster)
}
