import type { SimContext } from '../core/context.js'
import { simError } from '../errors.js'
import { EVENT_TEXT } from '../events.js'
import { stagesFor } from '../host/stages.js'
import { refreshCluster } from '../machine/cluster-refresh.js'
import { HOST_INFO, refreshHost } from '../machine/host-refresh.js'
import { attachHost, detachHost } from '../model/store.js'
import {
  DISCOVERY_STATUSES,
  HostRecord,
  UNBOUND_STATUSES,
  type ClusterRecord,
  type HostStatus,
  type InfraEnvRecord
} from '../model/types.js'
import { HOST_VALIDATION_INDEX, hostnameProblem } from '../validations/host-validations.js'
import { V } from '../validations/status.js'
import { applySingleNodeRole, clearClusterData, resetDiscoveryData } from './host-reset.js'

const ACCEPTS_NEW_HOSTS = new Set(['insufficient', 'ready', 'pending-for-input', 'adding-hosts'])
const TO_DISCOVERING = new Set<HostStatus>([
  'discovering',
  'known',
  'insufficient',
  'pending-for-input',
  'disconnected',
  'binding',
  'resetting-pending-user-action'
])
const TO_UNBOUND = new Set<HostStatus>([
  ...UNBOUND_STATUSES,
  'unbinding',
  'unbinding-pending-user-action',
  'reclaiming-rebooting'
])

/** One shared string for the expected agent image (every host reports it): no copy per host. */
function agentVersionOf(sim: SimContext, version: string): string {
  return version === sim.opts.agentImage ? sim.opts.agentImage : version
}

export function getInfraEnv(sim: SimContext, infraEnvId: string): InfraEnvRecord {
  const infraEnv = sim.store.infraEnvs.get(infraEnvId)
  if (!infraEnv) throw simError('INFRA_ENV_NOT_FOUND', infraEnvId)
  return infraEnv
}

export function getHost(sim: SimContext, infraEnvId: string, hostId: string): HostRecord {
  const host = sim.store.host(infraEnvId, hostId)
  if (!host) {
    if (!sim.store.infraEnvs.has(infraEnvId)) throw simError('INFRA_ENV_NOT_FOUND', infraEnvId)
    throw simError('HOST_NOT_FOUND', hostId, infraEnvId)
  }
  return host
}

/** `POST /v2/infra-envs/{ie}/hosts` by the host's current status (service-behavior §1.3). */
export function registerHost(
  sim: SimContext,
  infraEnvId: string,
  hostId: string,
  agentVersion: string
): HostRecord {
  const infraEnv = getInfraEnv(sim, infraEnvId)
  const now = sim.now()
  const existing = infraEnv.hosts.get(hostId)
  if (!existing) {
    const cluster = infraEnv.clusterId ? sim.store.clusters.get(infraEnv.clusterId) : undefined
    if (infraEnv.clusterId && !cluster) throw simError('CLUSTER_NOT_FOUND', infraEnv.clusterId)
    if (cluster && !ACCEPTS_NEW_HOSTS.has(cluster.status)) {
      if (cluster.status === 'installed') throw simError('CLUSTER_ALREADY_INSTALLED', hostId)
      throw simError('CLUSTER_CANNOT_ACCEPT_HOSTS', cluster.id, cluster.status)
    }
    const host = new HostRecord(hostId, infraEnv.id, cluster?.id ?? null, now)
    host.status = cluster ? 'discovering' : 'discovering-unbound'
    host.statusInfo = HOST_INFO.discovering
    host.agentVersion = agentVersionOf(sim, agentVersion)
    if (cluster?.kind === 'AddHostsCluster') {
      host.kind = 'AddToExistingClusterHost'
      host.role = 'worker'
    }
    sim.store.addHost(infraEnv, host, cluster)
    applySingleNodeRole(sim, host)
    sim.hostTemplateEvent(host, 'info', 'host_registration_succeeded', EVENT_TEXT.registered)
    if (cluster) sim.markClusterDirty(cluster)
    sim.markHostDirty(host)
    sim.scheduleHost(host)
    return host
  }
  const host = existing
  const cluster = sim.store.clusterOf(host)
  const stage = host.progress?.currentStage ?? ''
  const reRegistered = (status: HostStatus, info: string): HostRecord => {
    host.agentVersion = agentVersionOf(sim, agentVersion)
    host.registeredAt = now
    host.updatedAt = now
    sim.setHostStatus(host, status, info)
    sim.hostTemplateEvent(host, 'info', 'host_registration_succeeded', EVENT_TEXT.registered)
    sim.markHostDirty(host)
    return host
  }
  if (TO_DISCOVERING.has(host.status) && host.clusterId) {
    resetDiscoveryData(sim, host)
    return reRegistered('discovering', HOST_INFO.discovering)
  }
  if (TO_UNBOUND.has(host.status) || (TO_DISCOVERING.has(host.status) && !host.clusterId)) {
    resetDiscoveryData(sim, host)
    return reRegistered('discovering-unbound', HOST_INFO.discovering)
  }
  switch (host.status) {
    case 'preparing-for-installation':
    case 'preparing-successful':
      if (cluster) sim.markClusterDirty(cluster)
      return reRegistered('known', HOST_INFO.known)
    case 'installing-pending-user-action':
      if (stage === 'Rebooting' || (host.kind === 'AddToExistingClusterHost' && stage === 'Done')) {
        throw simError('BOOT_ORDER', host.installationDiskPath || host.installationDiskId)
      }
      return reRegistered('error', 'Host has unexpectedly restarted during the installation')
    case 'installing-in-progress':
      if (stage === 'Rebooting') {
        return reRegistered(
          'installing-pending-user-action',
          `Expected the host to boot from disk, but it booted the installation image - please reboot and fix boot order to boot from disk ${host.installationDiskPath}`
        )
      }
      return reRegistered('error', 'Host has unexpectedly restarted during the installation')
    case 'installing':
      return reRegistered('error', 'Host has unexpectedly restarted during the installation')
    case 'error':
    case 'cancelled':
      host.agentVersion = agentVersionOf(sim, agentVersion)
      return host
    case 'installed':
    case 'added-to-existing-cluster':
      throw simError('HOST_ALREADY_INSTALLED', sim.hostName(host))
    case 'resetting':
      if (stage === 'Rebooting') {
        host.agentVersion = agentVersionOf(sim, agentVersion)
        return host
      }
      resetDiscoveryData(sim, host)
      return reRegistered('discovering', HOST_INFO.discovering)
    default:
      host.agentVersion = agentVersionOf(sim, agentVersion)
      return host
  }
}

/** What GET instructions records: `checked_in_at`, the host clock and the agent version. */
export function checkIn(
  sim: SimContext,
  host: HostRecord,
  timestamp: number | undefined,
  agentVersion: string | undefined
): void {
  const now = sim.now()
  const previousCheckIn = host.checkedInAt
  host.checkedInAt = now
  let dirty = host.status === 'disconnected' || host.status === 'disconnected-unbound'
  if (timestamp !== undefined && timestamp !== host.timestamp) {
    const wasSynced = host.timestamp !== 0 && timeSynced(now, host.timestamp)
    const synced = timeSynced(now, timestamp)
    if (host.timestamp === 0 || wasSynced !== synced) dirty = true
    // The cluster's NTP check compares host clocks: a clock that jumped (not just ticked) is news for it.
    const jump = Math.abs(timestamp * 1000 - now - (host.timestamp * 1000 - previousCheckIn))
    if (host.timestamp === 0 || jump > 30_000) {
      const cluster = sim.store.clusterOf(host)
      if (cluster) sim.markClusterDirty(cluster)
    }
    host.timestamp = timestamp
  }
  if (agentVersion && agentVersion !== host.agentVersion) {
    host.agentVersion = agentVersionOf(sim, agentVersion)
    dirty = true
  }
  if (!dirty && host.validations) {
    const code = host.validations[HOST_VALIDATION_INDEX.get('connected')!]
    if (code === V.failure) dirty = true
  }
  if (dirty) sim.markHostDirty(host)
  if (!host.queuedDeadline) sim.scheduleHost(host)
}

function timeSynced(nowMs: number, hostSeconds: number): boolean {
  const diff = nowMs - hostSeconds * 1000
  return diff <= 20 * 60_000 && -diff <= 60 * 60_000
}

const PROGRESS_STATUSES = new Set<HostStatus>([
  'installing',
  'installing-in-progress',
  'installing-pending-user-action'
])

/** `PUT .../progress` (service-behavior §1.7). */
export function updateProgress(sim: SimContext, host: HostRecord, stage: string, info: string): void {
  if (!PROGRESS_STATUSES.has(host.status)) throw simError('PROGRESS_WRONG_STATE', host.id, host.status)
  const cluster = sim.store.clusterOf(host)
  const now = sim.now()
  const stages = stagesFor(host, cluster)
  const current = host.progress?.currentStage ?? ''
  if (stage === 'Failed') {
    host.progress = {
      ...(host.progress ?? emptyProgress(now)),
      currentStage: stage,
      progressInfo: info,
      stageUpdatedAt: now,
      stageStartedAt: now
    }
    sim.setHostStatus(host, 'error', `Failed - ${info}`)
    return
  }
  if (current && current === stage) {
    if (host.progress!.progressInfo !== info) {
      host.progress!.progressInfo = info
      host.progress!.stageUpdatedAt = now
      host.updatedAt = now
      sim.scheduleHost(host)
    }
    return
  }
  const index = stages.indexOf(stage)
  if (current) {
    const currentIndex = stages.indexOf(current)
    if (index < 0 || index < currentIndex) {
      throw simError('PROGRESS_STAGE_INVALID', stage, host.id, current, stages.join(', '))
    }
  }
  host.progress = {
    currentStage: stage,
    progressInfo: info,
    stageStartedAt: now,
    stageUpdatedAt: now,
    installationPercentage: index >= 0 ? Math.round(((index + 1) / stages.length) * 100) : 0,
    stageTimedOut: false
  }
  host.updatedAt = now
  sim.hostEvent(
    host,
    'info',
    'host_install_progress_updated',
    `Host: ${sim.hostName(host)}, reached installation stage ${stage}${info ? `: ${info}` : ''}`
  )
  if (cluster) sim.markClusterDirty(cluster)
  if (stage === 'Done') sim.setHostStatus(host, 'installed', 'Done')
  else if (host.kind === 'AddToExistingClusterHost' && stage === 'Rebooting')
    sim.setHostStatus(
      host,
      'added-to-existing-cluster',
      'Host has rebooted and no further updates will be posted. Please check console for progress and to possible errors'
    )
  else sim.setHostStatus(host, 'installing-in-progress', stage)
  sim.scheduleHost(host)
}

function emptyProgress(now: number): NonNullable<HostRecord['progress']> {
  return {
    currentStage: '',
    progressInfo: '',
    stageStartedAt: now,
    stageUpdatedAt: now,
    installationPercentage: 0,
    stageTimedOut: false
  }
}

export function updateLogsProgress(sim: SimContext, host: HostRecord, state: string): void {
  const now = sim.now()
  host.logsInfo = state
  if (state === 'requested') host.logsStartedAt = now
  if (state === 'completed') host.logsCollectedAt = now
  host.updatedAt = now
  sim.scheduleHost(host)
}

/** Synchronous refresh after a user update, as the real service does (hosts of the cluster, then the cluster). */
export function refreshNow(sim: SimContext, cluster: ClusterRecord | undefined, host?: HostRecord): void {
  if (cluster) {
    refreshCluster(sim, cluster)
    for (const h of cluster.hosts.values()) refreshHost(sim, h)
    refreshCluster(sim, cluster)
  } else if (host) refreshHost(sim, host)
}

const UPDATABLE = new Set<HostStatus>([
  ...DISCOVERY_STATUSES,
  'binding',
  'discovering-unbound',
  'insufficient-unbound',
  'known-unbound',
  'disconnected-unbound'
])

export interface HostUpdate {
  host_role?: string | null
  host_name?: string | null
  disks_selected_config?: { id?: string; role?: string }[] | null
  disks_skip_formatting?: { disk_id?: string; skip_formatting?: boolean }[] | null
  machine_config_pool_name?: string | null
  node_labels?: { key?: string; value?: string }[] | null
  ignition_endpoint_token?: string | null
}

/** `PATCH /v2/infra-envs/{ie}/hosts/{h}` (201). */
export function updateHost(sim: SimContext, host: HostRecord, update: HostUpdate): HostRecord {
  if (!UPDATABLE.has(host.status)) throw simError('HOST_WRONG_STATE', 'update', host.id, host.status)
  const cluster = sim.store.clusterOf(host)
  const now = sim.now()
  if (update.host_name !== undefined && update.host_name !== null) {
    const problem = hostnameProblem(update.host_name)
    if (problem) throw simError('INVALID_HOST_PARAMS', problem)
    if (cluster) {
      detachHostname(cluster, host)
      host.requestedHostname = update.host_name
      attachHostname(cluster, host)
      sim.markClusterHostsDirty(cluster)
    } else host.requestedHostname = update.host_name
  }
  if (update.host_role) {
    if (!cluster) throw simError('INVALID_HOST_PARAMS', 'a host without a cluster has no role')
    if (cluster.isSingleNode() && update.host_role !== 'master')
      throw simError('INVALID_HOST_PARAMS', 'the host of a single-node cluster must be a master')
    if (host.role !== update.host_role) {
      host.role = update.host_role as HostRecord['role']
      sim.markClusterHostsDirty(cluster)
    }
  }
  for (const disk of update.disks_selected_config ?? []) {
    if (disk.role === 'install' && disk.id) host.userDiskId = disk.id
  }
  if (update.disks_skip_formatting) {
    const skipped = new Set(host.skipFormattingDisks ? host.skipFormattingDisks.split(',') : [])
    for (const d of update.disks_skip_formatting) {
      if (!d.disk_id) continue
      if (d.skip_formatting) skipped.add(d.disk_id)
      else skipped.delete(d.disk_id)
    }
    host.skipFormattingDisks = [...skipped].filter(Boolean).join(',')
  }
  if (update.machine_config_pool_name !== undefined && update.machine_config_pool_name !== null)
    host.machineConfigPoolName = update.machine_config_pool_name
  if (update.node_labels)
    host.nodeLabels = JSON.stringify(
      Object.fromEntries(update.node_labels.map(l => [l.key ?? '', l.value ?? '']))
    )
  host.updatedAt = now
  sim.hostEvent(host, 'info', 'host_updated', `Host ${sim.hostName(host)}: updated`)
  refreshNow(sim, cluster, host)
  return host
}

function detachHostname(cluster: ClusterRecord, host: HostRecord): void {
  const name = host.hostname()
  if (!name) return
  const n = (cluster.hostnameCounts.get(name) ?? 0) - 1
  if (n <= 0) cluster.hostnameCounts.delete(name)
  else cluster.hostnameCounts.set(name, n)
}

function attachHostname(cluster: ClusterRecord, host: HostRecord): void {
  const name = host.hostname()
  if (name) cluster.hostnameCounts.set(name, (cluster.hostnameCounts.get(name) ?? 0) + 1)
}

/** `POST .../actions/bind` (late binding, service-behavior §1.11). */
export function bindHost(sim: SimContext, host: HostRecord, clusterId: string): HostRecord {
  const infraEnv = getInfraEnv(sim, host.infraEnvId)
  if (infraEnv.clusterId) throw simError('INFRA_ENV_BOUND', infraEnv.id, infraEnv.clusterId, 'bind')
  const cluster = sim.store.clusters.get(clusterId)
  if (!cluster) throw simError('CLUSTER_NOT_FOUND', clusterId)
  if (host.status !== 'known-unbound') throw simError('HOST_WRONG_STATE', 'bind', host.id, host.status)
  if (!ACCEPTS_NEW_HOSTS.has(cluster.status))
    throw simError('CLUSTER_CANNOT_ACCEPT_HOSTS', cluster.id, cluster.status)
  host.clusterId = cluster.id
  attachHost(cluster, host)
  resetDiscoveryData(sim, host)
  sim.setHostStatus(host, 'binding', HOST_INFO.binding)
  sim.hostEvent(
    host,
    'info',
    'host_bind_succeeded',
    `Host ${sim.hostName(host)}: bound to cluster ${cluster.id}`
  )
  sim.markClusterDirty(cluster)
  return host
}

const UNBIND_PRE_INSTALL = new Set<HostStatus>([
  ...DISCOVERY_STATUSES,
  'binding',
  'preparing-for-installation',
  'preparing-successful',
  'preparing-failed',
  'error',
  'cancelled',
  'resetting',
  'resetting-pending-user-action'
])
const UNBIND_INSTALLING = new Set<HostStatus>([
  'installing',
  'installing-in-progress',
  'installing-pending-user-action',
  'installed',
  'added-to-existing-cluster'
])

/** `POST .../actions/unbind`. */
export function unbindHost(sim: SimContext, host: HostRecord): HostRecord {
  const infraEnv = getInfraEnv(sim, host.infraEnvId)
  if (infraEnv.clusterId) throw simError('INFRA_ENV_BOUND', infraEnv.id, infraEnv.clusterId, 'unbind')
  const cluster = sim.store.clusterOf(host)
  let status: HostStatus
  if (cluster && UNBIND_PRE_INSTALL.has(host.status)) status = 'unbinding'
  else if (cluster && UNBIND_INSTALLING.has(host.status)) status = 'unbinding-pending-user-action'
  else throw simError('HOST_WRONG_STATE', 'unbind', host.id, host.status)
  detachHost(cluster, host)
  host.clusterId = null
  clearClusterData(host)
  sim.setHostStatus(
    host,
    status,
    status === 'unbinding'
      ? 'Host is waiting to be unbound from the cluster'
      : 'Host is unbound from the cluster; reboot it into the discovery image to reuse it'
  )
  sim.markClusterDirty(cluster)
  sim.markClusterHostsDirty(cluster)
  return host
}

/** `POST .../actions/install` (202): installs one day-2 host that is known. */
export function installHost(sim: SimContext, host: HostRecord): HostRecord {
  const cluster = sim.store.clusterOf(host)
  if (!cluster || host.kind !== 'AddToExistingClusterHost') throw simError('NOT_DAY2')
  if (host.status !== 'known') throw simError('HOST_WRONG_STATE', 'install', host.id, host.status)
  if (host.role === 'auto-assign') host.role = 'worker'
  host.progress = null
  sim.setHostStatus(host, 'installing', HOST_INFO.installing)
  return host
}

const RESETTABLE = new Set<HostStatus>([
  'error',
  'cancelled',
  'installing-pending-user-action',
  'added-to-existing-cluster',
  'installed',
  'installing',
  'installing-in-progress'
])

/** `POST .../actions/reset`: only for hosts being added to an existing cluster. */
export function resetHost(sim: SimContext, host: HostRecord): HostRecord {
  const cluster = sim.store.clusterOf(host)
  if (!cluster || cluster.kind !== 'AddHostsCluster') throw simError('NOT_DAY2')
  if (!RESETTABLE.has(host.status)) throw simError('HOST_WRONG_STATE', 'reset', host.id, host.status)
  host.progress = null
  host.logsInfo = ''
  sim.setHostStatus(host, 'resetting', 'Resetting the host installation')
  return host
}

export function deregisterHost(sim: SimContext, host: HostRecord): void {
  const cluster = sim.store.clusterOf(host)
  sim.hostEvent(host, 'info', 'host_deregistered', `Host ${sim.hostName(host)}: deregistered`)
  sim.store.removeHost(host)
  sim.dirtyHosts.delete(host)
  if (cluster) {
    cluster.connectivityDirty = true
    sim.markClusterDirty(cluster)
    sim.markClusterHostsDirty(cluster)
  }
}
