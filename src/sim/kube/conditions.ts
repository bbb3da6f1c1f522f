/**
 * Conditions of the CRs the kube-api mode writes, derived from the simulator's records the way
 * assisted-service derives them (service-behavior §4.3, §4.4; reasons as the real service names them).
 * Pure functions: the controller compares what they return with what the object has, and writes only changes.
 */
import type { ClusterRecord, HostRecord, HostStatus } from '../model/types.js'

export interface Condition {
  type: string
  status: 'True' | 'False' | 'Unknown'
  reason: string
  message: string
  lastTransitionTime?: string
}

function condition(type: string, status: Condition['status'], reason: string, message: string): Condition {
  return { type, status, reason, message }
}

const PREPARING_OR_INSTALLING = new Set<HostStatus>([
  'preparing-for-installation',
  'preparing-successful',
  'installing',
  'installing-in-progress',
  'installing-pending-user-action'
])
const INSTALL_STOPPED = new Set<HostStatus>(['installed', 'error', 'added-to-existing-cluster', 'cancelled'])
const UNBOUND = new Set<HostStatus>([
  'discovering-unbound',
  'known-unbound',
  'insufficient-unbound',
  'disconnected-unbound',
  'reclaiming',
  'reclaiming-rebooting'
])

/** The Agent's conditions for a host, given whether its Agent is approved. */
export function agentConditions(host: HostRecord, approved: boolean): Condition[] {
  const s = host.status
  const info = host.statusInfo
  const connected =
    s === 'disconnected' || s === 'disconnected-unbound'
      ? condition(
          'Connected',
          'False',
          'AgentIsDisconnected',
          "The agent's connection to the installation service is unreliable"
        )
      : condition(
          'Connected',
          'True',
          'AgentIsConnected',
          "The agent's connection to the installation service is unimpaired"
        )
  let requirements: Condition
  if (s === 'known' || s === 'known-unbound') {
    requirements = approved
      ? condition('RequirementsMet', 'True', 'AgentIsReady', 'The agent is ready to begin the installation')
      : condition('RequirementsMet', 'False', 'AgentIsNotApproved', 'The agent is not approved')
  } else if (PREPARING_OR_INSTALLING.has(s)) {
    requirements = condition(
      'RequirementsMet',
      'True',
      'AgentAlreadyInstalling',
      'The installation is in progress'
    )
  } else if (INSTALL_STOPPED.has(s)) {
    requirements = condition(
      'RequirementsMet',
      'True',
      'AgentInstallationStopped',
      'The installation has stopped'
    )
  } else {
    requirements = condition(
      'RequirementsMet',
      'False',
      'AgentIsNotReady',
      'The agent is not ready to begin the installation'
    )
  }
  let validated: Condition
  if (s === 'insufficient' || s === 'insufficient-unbound')
    validated = condition(
      'Validated',
      'False',
      'ValidationsFailing',
      `The agent's validations are failing: ${info}`
    )
  else if (s === 'pending-for-input')
    validated = condition(
      'Validated',
      'False',
      'ValidationsUserPending',
      `The agent's validations are pending for user: ${info}`
    )
  else if (!host.validations)
    validated = condition(
      'Validated',
      'Unknown',
      'ValidationsUnknown',
      "The agent's validations have not yet been calculated"
    )
  else validated = condition('Validated', 'True', 'ValidationsPassing', "The agent's validations are passing")
  let installed: Condition
  if (s === 'installed' || s === 'added-to-existing-cluster')
    installed = condition(
      'Installed',
      'True',
      'InstallationCompleted',
      `The installation has completed: ${info}`
    )
  else if (s === 'error')
    installed = condition('Installed', 'False', 'InstallationFailed', `The installation failed: ${info}`)
  else if (PREPARING_OR_INSTALLING.has(s))
    installed = condition(
      'Installed',
      'False',
      'InstallationInProgress',
      `The installation is in progress: ${info}`
    )
  else
    installed = condition(
      'Installed',
      'False',
      'InstallationNotStarted',
      'The installation has not yet started'
    )
  let bound: Condition
  if (UNBOUND.has(s))
    bound = condition('Bound', 'False', 'Unbound', 'The agent is not bound to any cluster deployment')
  else if (s === 'binding')
    bound = condition('Bound', 'False', 'Binding', 'The agent is being bound to a cluster deployment')
  else if (s === 'unbinding' || s === 'unbinding-pending-user-action')
    bound = condition('Bound', 'False', 'Unbinding', 'The agent is being unbound from a cluster deployment')
  else bound = condition('Bound', 'True', 'Bound', 'The agent is bound to a cluster deployment')
  return [
    condition('SpecSynced', 'True', 'SyncOK', 'The Spec has been successfully applied'),
    connected,
    requirements,
    validated,
    installed,
    bound
  ]
}

/** What the ACI's RequirementsMet needs to know about the cluster's Agents. */
export interface AgentCounts {
  /** Agents bound to the cluster (registered hosts). */
  registered: number
  approved: number
  /** Agents whose spec could not be applied. */
  unsynced: number
  /** controlPlaneAgents + workerAgents + arbiterAgents. */
  required: number
}

export type SpecSync = { ok: true } | { ok: false; reason: 'InputError' | 'BackendError'; message: string }

const CLUSTER_IN_PROGRESS = new Set(['preparing-for-installation', 'installing', 'finalizing'])
const CLUSTER_STOPPED = new Set(['installed', 'error', 'cancelled'])

/** The AgentClusterInstall's conditions: SpecSynced, RequirementsMet, Validated, Completed, Failed, Stopped. */
export function clusterInstallConditions(
  cluster: ClusterRecord | undefined,
  sync: SpecSync,
  agents: AgentCounts,
  holdInstallation: boolean
): Condition[] {
  const specSynced = sync.ok
    ? condition('SpecSynced', 'True', 'SyncOK', 'The Spec has been successfully applied')
    : condition(
        'SpecSynced',
        'False',
        sync.reason,
        `The Spec could not be synced due to ${sync.reason === 'InputError' ? 'an input' : 'backend'} error: ${sync.message}`
      )
  if (!cluster) {
    const na = (type: string): Condition =>
      condition(type, 'Unknown', 'NotAvailable', 'Information not available')
    return [specSynced, na('RequirementsMet'), na('Validated'), na('Completed'), na('Failed'), na('Stopped')]
  }
  const s = cluster.status
  const info = cluster.statusInfo
  let requirements: Condition
  if (CLUSTER_IN_PROGRESS.has(s))
    requirements = condition(
      'RequirementsMet',
      'True',
      'ClusterAlreadyInstalling',
      'The cluster requirements are met'
    )
  else if (CLUSTER_STOPPED.has(s))
    requirements = condition(
      'RequirementsMet',
      'True',
      'ClusterInstallationStopped',
      'The cluster installation stopped'
    )
  else if (s === 'ready') {
    if (agents.registered < agents.required)
      requirements = condition(
        'RequirementsMet',
        'False',
        'InsufficientAgents',
        `The cluster currently requires ${agents.required} agents but only ${agents.registered} have registered`
      )
    else if (agents.registered > agents.required)
      requirements = condition(
        'RequirementsMet',
        'False',
        'AdditionalAgents',
        `The cluster currently requires exactly ${agents.required} agents but have ${agents.registered} registered`
      )
    else if (agents.unsynced > 0)
      requirements = condition(
        'RequirementsMet',
        'False',
        'UnsyncedAgents',
        `The cluster currently has ${agents.unsynced} agents with spec error`
      )
    else if (agents.approved < agents.registered)
      requirements = condition(
        'RequirementsMet',
        'False',
        'UnapprovedAgents',
        `The installation is pending on the approval of ${agents.registered - agents.approved} agents`
      )
    else
      requirements = condition(
        'RequirementsMet',
        'True',
        'ClusterIsReady',
        'The cluster is ready to begin the installation'
      )
  } else
    requirements = condition(
      'RequirementsMet',
      'False',
      'ClusterNotReady',
      'The cluster is not ready to begin the installation'
    )
  let validated: Condition
  if (s === 'insufficient')
    validated = condition(
      'Validated',
      'False',
      'ValidationsFailing',
      `The cluster's validations are failing: ${info}`
    )
  else if (s === 'pending-for-input')
    validated = condition(
      'Validated',
      'False',
      'ValidationsUserPending',
      `The cluster's validations are pending for user: ${info}`
    )
  else
    validated = condition('Validated', 'True', 'ValidationsPassing', "The cluster's validations are passing")
  let completed: Condition
  if (s === 'installed')
    completed = condition(
      'Completed',
      'True',
      'InstallationCompleted',
      `The installation has completed: ${info}`
    )
  else if (s === 'error')
    completed = condition('Completed', 'False', 'InstallationFailed', `The installation failed: ${info}`)
  else if (CLUSTER_IN_PROGRESS.has(s) || s === 'installing-pending-user-action')
    completed = condition(
      'Completed',
      'False',
      'InstallationInProgress',
      `The installation is in progress: ${info}`
    )
  else if (holdInstallation)
    completed = condition(
      'Completed',
      'False',
      'InstallationOnHold',
      'The installation is on hold. To unhold set holdInstallation to false'
    )
  else
    completed = condition('Completed', 'False', 'InstallationNotStarted', 'The installation has not started')
  const failed =
    s === 'error'
      ? condition('Failed', 'True', 'InstallationFailed', `The installation failed: ${info}`)
      : condition('Failed', 'False', 'InstallationNotFailed', 'The installation has not failed')
  let stopped: Condition
  if (s === 'installed')
    stopped = condition(
      'Stopped',
      'True',
      'InstallationCompleted',
      'The installation has stopped because it completed successfully'
    )
  else if (s === 'error')
    stopped = condition('Stopped', 'True', 'InstallationFailed', 'The installation has stopped due to error')
  else if (s === 'cancelled')
    stopped = condition(
      'Stopped',
      'True',
      'InstallationCancelled',
      'The installation has stopped because it was cancelled'
    )
  else
    stopped = condition(
      'Stopped',
      'False',
      'InstallationNotStopped',
      'The installation is waiting to start or in progress'
    )
  return [specSynced, requirements, validated, completed, failed, stopped]
}

/**
 * Keeps `lastTransitionTime` of conditions whose status did not change (the API convention), stamping `now`
 * on the others.
 */
export function withTransitionTimes(next: Condition[], previous: unknown, now: string): Condition[] {
  const before = new Map<string, Condition>()
  if (Array.isArray(previous)) for (const c of previous as Condition[]) if (c?.type) before.set(c.type, c)
  return next.map(c => {
    const old = before.get(c.type)
    return {
      ...c,
      lastTransitionTime:
        old && old.status === c.status && old.lastTransitionTime ? old.lastTransitionTime : now
    }
  })
}
