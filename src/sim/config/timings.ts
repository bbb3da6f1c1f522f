/**
 * Monitor intervals and timeouts of the simulated service. `real` carries assisted-service's defaults
 * (service-behavior §1.8, §1.12, §3.2, §3.4); `fast` shortens the monitor intervals and the poll cadence so an
 * SNO reaches `installed` in seconds. Every field can be overridden; all values are milliseconds.
 */
export interface SimTimings {
  /** HOST_MONITOR_INTERVAL. */
  hostMonitorIntervalMs: number
  /** CLUSTER_MONITOR_INTERVAL. */
  clusterMonitorIntervalMs: number
  /** A full scan of every host and cluster every this often (the real monitors' 5-minute bucket); 0 disables it. */
  fullScanIntervalMs: number
  /** `next_instruction_seconds` for most statuses (real 60 s). */
  nextInstructionMs: number
  /** `next_instruction_seconds` for disconnected, error, cancelled, resetting (real 120 s). */
  backedOffInstructionMs: number
  /** HOST_MAX_DISCONNECTION_TIME. */
  hostMaxDisconnectionMs: number
  /** Extra disconnection time the bootstrap host gets. */
  bootstrapExtraDisconnectionMs: number
  /** PREPARE_FOR_INSTALLATION_HOST_TIMEOUT as raised at startup (17 m). */
  prepareHostTimeoutMs: number
  /** PREPARE_FOR_INSTALLATION_TIMEOUT for the cluster as raised at startup (18 m). */
  prepareClusterTimeoutMs: number
  /** How long after `actions/install` the (dummy) ignition generation reports success. */
  installationPreparationMs: number
  /** A host in `installing` without any progress report (hard-coded 20 m). */
  installingNoProgressTimeoutMs: number
  /** HOST_STAGE_<STAGE>_TIMEOUT by stage; stages not listed use `defaultStageTimeoutMs`. */
  stageTimeoutsMs: Record<string, number>
  defaultStageTimeoutMs: number
  /** The Rebooting stage of an SNO host (80 m). */
  snoRebootingTimeoutMs: number
  /** HOST_INSTALLING_PENDING_USER_ACTION_TIMEOUT. */
  pendingUserActionTimeoutMs: number
  /** INSTALLATION_TIMEOUT (cluster installing-pending-user-action, 24 h after install start). */
  installationTimeoutMs: number
  /** FINALIZING_TIMEOUT. */
  finalizingTimeoutMs: number
  /** FINALIZING_STAGE_<STAGE>_TIMEOUT by finalizing stage. */
  finalizingStageTimeoutsMs: Record<string, number>
  /** HOST_LOG_PENDING_TIMEOUT / HOST_LOG_COLLECTION_TIMEOUT. */
  logPendingTimeoutMs: number
  logCollectionTimeoutMs: number
  /** RESET_CLUSTER_TIMEOUT: resetting → resetting-pending-user-action. */
  resetTimeoutMs: number
  /** Disk speed check timeout sent as the step's second argument (DISK_CHECK_TIMEOUT, 8 m). */
  diskCheckTimeoutMs: number
  /** Image availability timeout sent in the step arguments (IMAGE_AVAILABILITY_TIMEOUT, 16 m). */
  imageAvailabilityTimeoutMs: number
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE

export const HOST_STAGE_TIMEOUTS_MS: Record<string, number> = {
  'Starting installation': 30 * MINUTE,
  Installing: 60 * MINUTE,
  'Writing image to disk': 30 * MINUTE,
  'Copying registry data to disk': 90 * MINUTE,
  'Waiting for control plane': 60 * MINUTE,
  'Waiting for bootkube': 60 * MINUTE,
  'Waiting for controller': 60 * MINUTE,
  Rebooting: 40 * MINUTE,
  'Waiting for ignition': 24 * HOUR,
  Configuring: 60 * MINUTE,
  Joined: 60 * MINUTE
}

export const FINALIZING_STAGE_TIMEOUTS_MS: Record<string, number> = {
  'Waiting for cluster operators': 10 * HOUR,
  'Adding router ca': 70 * MINUTE,
  'Applying olm manifests': 10 * MINUTE,
  'Waiting for olm operators csv initialization': 70 * MINUTE,
  'Waiting for olm operators csv': 70 * MINUTE,
  'Waiting for OLM operator setup jobs': 10 * MINUTE,
  Done: 70 * MINUTE
}

export const REAL_TIMINGS: SimTimings = {
  hostMonitorIntervalMs: 8000,
  clusterMonitorIntervalMs: 10_000,
  fullScanIntervalMs: 5 * MINUTE,
  nextInstructionMs: 60_000,
  backedOffInstructionMs: 120_000,
  hostMaxDisconnectionMs: 3 * MINUTE,
  bootstrapExtraDisconnectionMs: 2 * MINUTE,
  prepareHostTimeoutMs: 17 * MINUTE,
  prepareClusterTimeoutMs: 18 * MINUTE,
  installationPreparationMs: 2000,
  installingNoProgressTimeoutMs: 20 * MINUTE,
  stageTimeoutsMs: HOST_STAGE_TIMEOUTS_MS,
  defaultStageTimeoutMs: 60 * MINUTE,
  snoRebootingTimeoutMs: 80 * MINUTE,
  pendingUserActionTimeoutMs: 60 * MINUTE,
  installationTimeoutMs: 24 * HOUR,
  finalizingTimeoutMs: 5 * HOUR,
  finalizingStageTimeoutsMs: FINALIZING_STAGE_TIMEOUTS_MS,
  logPendingTimeoutMs: 2 * MINUTE,
  logCollectionTimeoutMs: 10 * MINUTE,
  resetTimeoutMs: 3 * MINUTE,
  diskCheckTimeoutMs: 8 * MINUTE,
  imageAvailabilityTimeoutMs: 16 * MINUTE
}

/** Test timings: monitors every second, agents asked to poll every second, timeouts as in the real service. */
export const FAST_TIMINGS: SimTimings = {
  ...REAL_TIMINGS,
  hostMonitorIntervalMs: 1000,
  clusterMonitorIntervalMs: 1000,
  nextInstructionMs: 1000,
  backedOffInstructionMs: 2000,
  installationPreparationMs: 200
}

export type TimingProfile = 'fast' | 'real'

export function timingsFor(profile: TimingProfile, overrides: Partial<SimTimings> = {}): SimTimings {
  const base = profile === 'real' ? REAL_TIMINGS : FAST_TIMINGS
  return {
    ...base,
    ...overrides,
    stageTimeoutsMs: { ...base.stageTimeoutsMs, ...(overrides.stageTimeoutsMs ?? {}) },
    finalizingStageTimeoutsMs: {
      ...base.finalizingStageTimeoutsMs,
      ...(overrides.finalizingStageTimeoutsMs ?? {})
    }
  }
}
