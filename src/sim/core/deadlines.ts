import type { ClusterRecord, HostRecord } from '../model/types.js'
import type { SimContext } from './context.js'

/** Stages during which the agent still polls, so connectivity is checked (service-behavior §1.5). */
const PRE_REBOOT_STAGES = new Set([
  '',
  'Starting installation',
  'Installing',
  'Writing image to disk',
  'Copying registry data to disk',
  'Waiting for control plane',
  'Waiting for bootkube',
  'Waiting for controller'
])

export function isBeforeRebooting(host: HostRecord): boolean {
  return PRE_REBOOT_STAGES.has(host.progress?.currentStage ?? '')
}

/** When the host counts as disconnected if it does not poll again. */
export function disconnectionDeadline(sim: SimContext, host: HostRecord): number {
  if (!host.checkedInAt) return 0
  const t = sim.opts.timings
  return (
    host.checkedInAt + t.hostMaxDisconnectionMs + (host.bootstrap ? t.bootstrapExtraDisconnectionMs : 0) + 1
  )
}

export function stageTimeoutMs(sim: SimContext, stage: string, singleNode: boolean): number {
  const t = sim.opts.timings
  if (stage === 'Rebooting' && singleNode) return t.snoRebootingTimeoutMs
  return t.stageTimeoutsMs[stage] ?? t.defaultStageTimeoutMs
}

function earliest(...values: number[]): number {
  let best = 0
  for (const v of values) if (v > 0 && (best === 0 || v < best)) best = v
  return best
}

/** The next moment a time-driven rule could move this host (0: none pending). */
export function hostDeadline(sim: SimContext, host: HostRecord): number {
  const t = sim.opts.timings
  switch (host.status) {
    case 'discovering':
    case 'insufficient':
    case 'pending-for-input':
    case 'known':
    case 'discovering-unbound':
    case 'insufficient-unbound':
    case 'known-unbound':
    case 'preparing-successful':
      return disconnectionDeadline(sim, host)
    case 'preparing-for-installation':
      return earliest(disconnectionDeadline(sim, host), host.statusUpdatedAt + t.prepareHostTimeoutMs + 1)
    case 'installing':
      return earliest(
        disconnectionDeadline(sim, host),
        host.statusUpdatedAt + t.installingNoProgressTimeoutMs + 1
      )
    case 'installing-in-progress': {
      const cluster = sim.store.clusterOf(host)
      const stage = host.progress?.currentStage ?? ''
      const stageDeadline = host.progress
        ? host.progress.stageUpdatedAt + stageTimeoutMs(sim, stage, Boolean(cluster?.isSingleNode())) + 1
        : 0
      return earliest(isBeforeRebooting(host) ? disconnectionDeadline(sim, host) : 0, stageDeadline)
    }
    case 'installing-pending-user-action':
      return host.statusUpdatedAt + t.pendingUserActionTimeoutMs + 1
    case 'resetting':
      return host.statusUpdatedAt + t.resetTimeoutMs + 1
    case 'error':
    case 'cancelled':
      if (host.logsInfo === 'completed' || host.logsInfo === 'timeout') return 0
      if (host.logsInfo === '') return host.statusUpdatedAt + t.logPendingTimeoutMs + 1
      return (host.logsStartedAt || host.statusUpdatedAt) + t.logCollectionTimeoutMs + 1
    default:
      return 0
  }
}

export function clusterDeadline(sim: SimContext, cluster: ClusterRecord): number {
  const t = sim.opts.timings
  switch (cluster.status) {
    case 'preparing-for-installation':
      return earliest(
        cluster.lastPreparation.status === 'not_started' ? cluster.preparationDueAt : 0,
        cluster.statusUpdatedAt + t.prepareClusterTimeoutMs + 1
      )
    case 'installing-pending-user-action':
      return (cluster.installStartedAt || cluster.statusUpdatedAt) + t.installationTimeoutMs + 1
    case 'finalizing': {
      const stage = cluster.progress.finalizingStage
      const stageDeadline =
        stage && !cluster.progress.finalizingStageTimedOut
          ? cluster.progress.finalizingStageStartedAt +
            (t.finalizingStageTimeoutsMs[stage] ?? t.finalizingTimeoutMs) +
            1
          : 0
      return earliest(cluster.statusUpdatedAt + t.finalizingTimeoutMs + 1, stageDeadline)
    }
    default:
      return 0
  }
}
