import type { HostStage, InstallCmdRequest } from '../api/generated/models.js'

/**
 * What the real installer does for each role, in order (agent-protocol §3.3 and §6.3), as data: the emulated
 * installer interprets it, and tests read it.
 */
export type InstallerKind = 'sno' | 'bootstrap' | 'master' | 'worker'

export type InstallerOp =
  /** PUT progress for the own host. */
  | { op: 'stage'; stage: HostStage; info: string }
  /** Time spent in a stage (the plan's duration for it, jittered). */
  | { op: 'pause'; stage: HostStage }
  | { op: 'download'; file: 'bootstrap.ign' | 'host-ignition' }
  /** Writing image to disk: first with empty info, then "5%" … "100%" across the stage's duration. */
  | { op: 'write-image' }
  /** Bootstrap: from here until its reboot, scan for other hosts' reboots (Configuring, Waiting for ignition, Joined). */
  | { op: 'start-scan' }
  /** Bootstrap: waitForControlPlane's two GETs of the cluster without hosts (vSphere credentials, platform). */
  | { op: 'control-plane-reads' }
  /** Bootstrap: wait until min(control plane − 1, 2) other masters are Joined. */
  | { op: 'wait-masters-joined' }
  /** Bootstrap: wait for the controller's ready event, then PUT cluster logs-progress and upload the controller logs. */
  | { op: 'wait-controller' }
  | { op: 'controller-logs' }
  /** Worker: GET the cluster once, then poll the masters until two are Done. */
  | { op: 'wait-masters-done' }
  /** Host logs: logs-progress requested, then logs_sender. */
  | { op: 'host-logs' }
  /** PUT Rebooting, then the fake reboot. */
  | { op: 'reboot' }

export function installerKind(
  request: Pick<InstallCmdRequest, 'role' | 'control_plane_count'>,
  singleNode: boolean
): InstallerKind {
  if (request.role === 'bootstrap')
    return request.control_plane_count === 1 || (request.control_plane_count === undefined && singleNode)
      ? 'sno'
      : 'bootstrap'
  if (request.role === 'worker') return 'worker'
  return 'master'
}

const PLANS: Record<InstallerKind, InstallerOp[]> = {
  sno: [
    { op: 'stage', stage: 'Starting installation', info: 'bootstrap' },
    { op: 'pause', stage: 'Starting installation' },
    { op: 'stage', stage: 'Installing', info: 'bootstrap' },
    { op: 'download', file: 'bootstrap.ign' },
    { op: 'pause', stage: 'Installing' },
    { op: 'stage', stage: 'Waiting for bootkube', info: '' },
    { op: 'pause', stage: 'Waiting for bootkube' },
    { op: 'write-image' },
    { op: 'host-logs' },
    { op: 'reboot' }
  ],
  bootstrap: [
    { op: 'stage', stage: 'Starting installation', info: 'bootstrap' },
    { op: 'download', file: 'bootstrap.ign' },
    { op: 'pause', stage: 'Starting installation' },
    { op: 'stage', stage: 'Installing', info: 'master' },
    { op: 'start-scan' },
    { op: 'download', file: 'host-ignition' },
    { op: 'pause', stage: 'Installing' },
    { op: 'write-image' },
    { op: 'stage', stage: 'Waiting for control plane', info: 'Waiting for bootstrap node preparation' },
    { op: 'pause', stage: 'Waiting for control plane' },
    {
      op: 'stage',
      stage: 'Waiting for control plane',
      info: 'Waiting for masters to join bootstrap control plane'
    },
    { op: 'control-plane-reads' },
    { op: 'wait-masters-joined' },
    { op: 'stage', stage: 'Waiting for bootkube', info: '' },
    { op: 'pause', stage: 'Waiting for bootkube' },
    { op: 'stage', stage: 'Waiting for bootkube', info: 'waiting for ETCD bootstrap to be complete' },
    { op: 'stage', stage: 'Waiting for controller', info: 'waiting for controller pod ready event' },
    { op: 'wait-controller' },
    { op: 'controller-logs' },
    { op: 'host-logs' },
    { op: 'reboot' }
  ],
  master: [
    { op: 'stage', stage: 'Starting installation', info: 'master' },
    { op: 'pause', stage: 'Starting installation' },
    { op: 'stage', stage: 'Installing', info: 'master' },
    { op: 'download', file: 'host-ignition' },
    { op: 'pause', stage: 'Installing' },
    { op: 'write-image' },
    { op: 'host-logs' },
    { op: 'reboot' }
  ],
  worker: [
    { op: 'stage', stage: 'Starting installation', info: 'worker' },
    { op: 'pause', stage: 'Starting installation' },
    { op: 'stage', stage: 'Installing', info: 'worker' },
    { op: 'download', file: 'host-ignition' },
    { op: 'pause', stage: 'Installing' },
    { op: 'write-image' },
    { op: 'stage', stage: 'Waiting for control plane', info: '' },
    { op: 'wait-masters-done' },
    { op: 'host-logs' },
    { op: 'reboot' }
  ]
}

export function installerPlan(kind: InstallerKind): readonly InstallerOp[] {
  return PLANS[kind]
}

/** The stages the installer itself reports for a role, in order (without repeats). */
export function installerStages(kind: InstallerKind): HostStage[] {
  const stages: HostStage[] = []
  for (const op of PLANS[kind]) {
    const stage =
      op.op === 'stage'
        ? op.stage
        : op.op === 'write-image'
          ? 'Writing image to disk'
          : op.op === 'reboot'
            ? 'Rebooting'
            : undefined
    if (stage && stages[stages.length - 1] !== stage) stages.push(stage)
  }
  return stages
}

/** Where an `install-fails` host fails: its planned stage when this role reports it, else Writing image to disk. */
export function failingStage(kind: InstallerKind, planned: string | undefined): HostStage {
  const stages = installerStages(kind)
  return (stages as string[]).includes(planned ?? '') ? (planned as HostStage) : 'Writing image to disk'
}
