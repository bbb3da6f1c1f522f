import type { SimContext } from '../core/context.js'
import { EVENT_TEXT } from '../events.js'
import { sharedText } from '../core/stored-text.js'
import { isBeforeRebooting, stageTimeoutMs } from '../core/deadlines.js'
import { chooseInstallationDisk, diskEligible } from '../host/inventory.js'
import { hostVersion, minimumRequirements, roleRequirements } from '../host/requirements.js'
import type { ClusterRecord, HostRecord } from '../model/types.js'
import {
  evaluateHostValidations,
  HOST_VALIDATIONS,
  HOST_VALIDATION_INDEX,
  hostValidationIgnored,
  type Gate,
  type HostValidationOutcome
} from '../validations/host-validations.js'
import { passing, V } from '../validations/status.js'

export const HOST_INFO = {
  discovering: 'Waiting for host to send hardware details',
  known: 'Host is ready to be installed',
  knownUnbound: 'Host is ready to be bound to a cluster',
  disconnected: 'Host has stopped communicating with the installation service',
  mediaDisconnected:
    'Unable to read from the discovery media. It was either disconnected or poor network conditions prevented it from being read. Try using the minimal ISO option and be sure to keep the media connected until the installation is completed',
  preparing: 'Host finished successfully to prepare for installation',
  preparingStarted: 'Host is preparing for installation',
  installing: 'Installation is in progress',
  clusterFailed: 'Host is part of a cluster that failed to install',
  binding: 'Host is waiting to be bound to the cluster',
  resetPending: 'Host requires booting into the discovery image to complete resetting the installation'
}

/** Which gates pass, honouring the cluster's ignore list. */
class Gates {
  constructor(
    private readonly outcome: HostValidationOutcome,
    private readonly cluster: ClusterRecord | undefined
  ) {}

  passes(id: string): boolean {
    const i = HOST_VALIDATION_INDEX.get(id)!
    const code = this.outcome.codes[i]
    return (
      code === V.absent ||
      passing(code ?? V.pending) ||
      hostValidationIgnored(this.cluster, HOST_VALIDATIONS[i]!)
    )
  }

  all(gate: Gate, filter?: (id: string) => boolean): boolean {
    return HOST_VALIDATIONS.every((spec, i) => {
      if (spec.gate !== gate || (filter && !filter(spec.id))) return true
      const code = this.outcome.codes[i]!
      return code === V.absent || passing(code) || hostValidationIgnored(this.cluster, spec)
    })
  }

  /** Messages of failing (not pending) validations of a gate; pending ones when nothing fails. */
  messages(gate: Gate, filter?: (id: string) => boolean): string {
    const pick = (codes: string[]): string[] =>
      HOST_VALIDATIONS.flatMap((spec, i) =>
        spec.gate === gate &&
        (!filter || filter(spec.id)) &&
        codes.includes(this.outcome.codes[i]!) &&
        !hostValidationIgnored(this.cluster, spec)
          ? [this.outcome.messages[i]!]
          : []
      )
    const failing = pick([V.failure, V.error])
    return (failing.length ? failing : pick([V.pending])).join(' ; ')
  }
}

const MIN_UNBOUND = new Set(['has-min-cpu-cores', 'has-min-valid-disks', 'has-min-memory'])

/** Keeps the installation disk current: the user's pick or the best eligible disk for the host's role. */
export function refreshInstallationDisk(
  sim: SimContext,
  host: HostRecord,
  cluster: ClusterRecord | undefined
): void {
  const inv = host.inv
  if (!inv) return
  const size = cluster
    ? roleRequirements(sim, host, cluster).disk_size_gb
    : minimumRequirements(sim, host, cluster).disk_size_gb
  const version = hostVersion(sim, host, cluster)
  const arch = inv.architecture || cluster?.cpuArchitecture || 'x86_64'
  const chosen = chooseInstallationDisk(
    inv.disks.filter(d => diskEligible(d, size, version, arch)),
    host.userDiskId
  )
  const id = chosen?.id ?? ''
  const path = chosen ? chosen.path || `/dev/${chosen.name}` : ''
  if (id !== host.installationDiskId || path !== host.installationDiskPath) {
    host.installationDiskId = id
    host.installationDiskPath = path
    host.updatedAt = sim.now()
  }
}

function emitValidationEvents(sim: SimContext, host: HostRecord, before: string, after: string): void {
  if (!before || before.length !== after.length) return
  for (let i = 0; i < after.length; i++) {
    const was = before[i]!
    const now = after[i]!
    if (was === now || was === V.absent || now === V.absent) continue
    const wasBad = was === V.failure || was === V.error
    const nowBad = now === V.failure || now === V.error
    const id = HOST_VALIDATIONS[i]!.id
    if (wasBad && passing(now)) {
      sim.hostTemplateEvent(host, 'info', 'host_validation_fixed', EVENT_TEXT.validationFixed, id)
    } else if (passing(was) && nowBad) {
      sim.hostTemplateEvent(host, 'warning', 'host_validation_failed', EVENT_TEXT.validationFailed, id)
    }
  }
}

/** Re-runs the validations and applies the first matching refresh rule (service-behavior §1.4–§1.8). */
export function refreshHost(sim: SimContext, host: HostRecord): boolean {
  sim.counters.hostRefreshes++
  const cluster = sim.store.clusterOf(host)
  const now = sim.now()
  refreshInstallationDisk(sim, host, cluster)
  const outcome = evaluateHostValidations(sim, host, cluster, now)
  if (outcome.codes !== host.validations) {
    emitValidationEvents(sim, host, host.validations, outcome.codes)
    host.validations = sharedText(outcome.codes)
    host.updatedAt = now
  }
  const gates = new Gates(outcome, cluster)
  const connected = gates.passes('connected') && !host.mediaDisconnected
  const changed = applyRules(sim, host, cluster, gates, connected, now)
  sim.scheduleHost(host)
  return changed
}

function applyRules(
  sim: SimContext,
  host: HostRecord,
  cluster: ClusterRecord | undefined,
  gates: Gates,
  connected: boolean,
  now: number
): boolean {
  const t = sim.opts.timings
  const set = (status: HostRecord['status'], info: string): boolean => sim.setHostStatus(host, status, info)
  switch (host.status) {
    case 'discovering':
    case 'insufficient':
    case 'pending-for-input':
    case 'known':
    case 'disconnected': {
      if (!cluster) return false
      if (!connected)
        return set(
          'disconnected',
          host.mediaDisconnected ? HOST_INFO.mediaDisconnected : HOST_INFO.disconnected
        )
      const hasInventory = gates.passes('has-inventory') && gates.passes('inventory-not-fully-truncated')
      if (!hasInventory) {
        if (host.status === 'discovering' || host.status === 'disconnected')
          return set('discovering', HOST_INFO.discovering)
        return set('discovering', HOST_INFO.discovering)
      }
      if (!gates.all('MIN')) {
        return set(
          'insufficient',
          `Host does not meet the minimum hardware requirements: ${gates.messages('MIN')}`
        )
      }
      if (!gates.all('INPUT') && gates.all('VSPHERE'))
        return set('pending-for-input', `Waiting for user input: ${gates.messages('INPUT')}`)
      if (!gates.all('INPUT') || !gates.all('VSPHERE') || !gates.all('SUFF')) {
        const messages = [gates.messages('INPUT'), gates.messages('VSPHERE'), gates.messages('SUFF')]
          .filter(Boolean)
          .join(' ; ')
        return set(
          'insufficient',
          `Host cannot be installed due to following failing validation(s): ${messages}`
        )
      }
      if (
        host.status === 'known' &&
        cluster.status === 'preparing-for-installation' &&
        host.role !== 'auto-assign'
      ) {
        return set('preparing-for-installation', HOST_INFO.preparingStarted)
      }
      return set('known', HOST_INFO.known)
    }
    case 'preparing-for-installation': {
      if (!cluster || cluster.status !== 'preparing-for-installation') return set('known', HOST_INFO.known)
      if (host.mediaDisconnected) return set('error', HOST_INFO.mediaDisconnected)
      if (!connected)
        return set(
          'disconnected',
          'Host failed to install due to timeout while connecting to host during the preparation phase'
        )
      const disk = diskCondition(host)
      const images = imagesCondition(sim, host, cluster)
      if (disk === 'ok' && images === 'ok') return set('preparing-successful', HOST_INFO.preparing)
      if (disk === 'bad') {
        return set(
          'insufficient',
          'Host cannot be installed due to following failing validation(s): While preparing the previous installation the installation disk speed measurement failed or was found to be insufficient'
        )
      }
      if (images === 'bad') {
        const failed = [...(host.images?.values() ?? [])].filter(i => i.result === 'failure').map(i => i.name)
        return set(
          'preparing-failed',
          `Host failed to prepare for installation due to following failing validation(s): Failed to fetch container images needed for installation from ${failed.join(',')}`
        )
      }
      if (now - host.statusUpdatedAt > t.prepareHostTimeoutMs) {
        return set(
          'preparing-failed',
          'Host failed to prepare for installation due to timeout: the disk speed check or the image availability check did not report in time'
        )
      }
      return false
    }
    case 'preparing-successful':
      if (!cluster) return false
      if (cluster.status === 'installing') return set('installing', HOST_INFO.installing)
      if (cluster.status !== 'preparing-for-installation') return set('known', HOST_INFO.known)
      if (!connected)
        return set(
          'disconnected',
          'Host failed to install due to timeout while connecting to host during the preparation phase'
        )
      return false
    case 'preparing-failed':
      if (!cluster || cluster.status !== 'preparing-for-installation') return set('known', HOST_INFO.known)
      return false
    case 'installing':
      if (cluster?.status === 'error') return set('error', HOST_INFO.clusterFailed)
      if (!connected) return set('error', 'Host failed to install due to timeout while connecting to host')
      if (now - host.statusUpdatedAt > t.installingNoProgressTimeoutMs) {
        return set('error', 'Host failed to install due to timeout while starting installation')
      }
      return false
    case 'installing-in-progress': {
      if (cluster?.status === 'error') return set('error', HOST_INFO.clusterFailed)
      if (isBeforeRebooting(host) && !connected)
        return set('error', 'Host failed to install due to timeout while connecting to host')
      const progress = host.progress
      if (progress) {
        const stage = progress.currentStage
        const exempt =
          cluster?.status === 'installing-pending-user-action' &&
          [
            'Waiting for control plane',
            'Waiting for controller',
            'Waiting for bootkube',
            'Rebooting'
          ].includes(stage)
        const limit = stageTimeoutMs(sim, stage, Boolean(cluster?.isSingleNode()))
        if (!exempt && now - progress.stageUpdatedAt > limit) {
          if (stage === 'Rebooting') {
            return set(
              'installing-pending-user-action',
              'Host timed out when pulling the configuration files. Verify in the host console that the host boots from the OpenShift installation disk and has network access to the cluster API. The installation will resume once the host successfully boots and can access the cluster API'
            )
          }
          return set(
            'error',
            `Host failed to install because its installation stage ${stage} took longer than expected ${Math.round(limit / 60_000)}m0s`
          )
        }
      }
      return false
    }
    case 'installing-pending-user-action':
      if (cluster?.status === 'error') return set('error', HOST_INFO.clusterFailed)
      if (now - host.statusUpdatedAt > t.pendingUserActionTimeoutMs && cluster?.status !== 'installed') {
        return set('error', 'Host failed to install: it was pending user action for too long')
      }
      return false
    case 'installed':
    case 'resetting-pending-user-action':
      if (cluster?.status === 'error' && host.kind === 'Host') return set('error', HOST_INFO.clusterFailed)
      return false
    case 'resetting':
      if (now - host.statusUpdatedAt > t.resetTimeoutMs)
        return set('resetting-pending-user-action', HOST_INFO.resetPending)
      return false
    case 'error':
    case 'cancelled':
      if (host.logsInfo === '' && now - host.statusUpdatedAt > t.logPendingTimeoutMs) {
        host.logsInfo = 'timeout'
        host.updatedAt = now
      } else if (
        (host.logsInfo === 'requested' || host.logsInfo === 'collecting') &&
        now - (host.logsStartedAt || host.statusUpdatedAt) > t.logCollectionTimeoutMs
      ) {
        host.logsInfo = 'timeout'
        host.updatedAt = now
      }
      return false
    case 'discovering-unbound':
    case 'insufficient-unbound':
    case 'known-unbound':
    case 'disconnected-unbound': {
      if (cluster) return false
      if (!connected)
        return set(
          'disconnected-unbound',
          host.mediaDisconnected ? HOST_INFO.mediaDisconnected : HOST_INFO.disconnected
        )
      if (!gates.passes('has-inventory') || !gates.passes('inventory-not-fully-truncated')) {
        return set('discovering-unbound', HOST_INFO.discovering)
      }
      const minOk = gates.all('MIN', id => MIN_UNBOUND.has(id))
      if (!minOk || !gates.passes('hostname-valid')) {
        const messages = [
          gates.messages('MIN', id => MIN_UNBOUND.has(id)),
          gates.passes('hostname-valid') ? '' : gates.messages('SUFF', id => id === 'hostname-valid')
        ]
        return set(
          'insufficient-unbound',
          `Host does not meet the minimum hardware requirements: ${messages.filter(Boolean).join(' ; ')}`
        )
      }
      return set('known-unbound', HOST_INFO.knownUnbound)
    }
    default:
      return false
  }
}

/** installation-disk-speed-check-successful (a condition, not a validation). */
function diskCondition(host: HostRecord): 'ok' | 'bad' | 'unknown' {
  if (host.inv?.bootDeviceType === 'persistent') return 'ok'
  if (/--save-partindex|--save-partlabel/.test(host.installerArgs)) return 'ok'
  const r = host.diskSpeed
  if (!r || !r.tested) return 'unknown'
  if (host.installationDiskId && r.path !== host.installationDiskId && r.path !== host.installationDiskPath)
    return 'unknown'
  return r.exitCode === 0 ? 'ok' : 'bad'
}

/** successful-container-image-availability. */
function imagesCondition(
  _sim: SimContext,
  host: HostRecord,
  _cluster: ClusterRecord
): 'ok' | 'bad' | 'unknown' {
  const images = host.images
  if (!images || images.size === 0) return 'unknown'
  for (const i of images.values()) {
    if (i.result === 'failure' || ((i.size_bytes ?? 0) > 0 && (i.download_rate ?? 0) < 0.001)) return 'bad'
  }
  return 'ok'
}
