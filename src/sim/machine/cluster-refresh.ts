import { randomUUID } from 'node:crypto'
import { analyzeConnectivity } from '../cluster/connectivity.js'
import type { SimContext } from '../core/context.js'
import { memoryEnough } from '../host/requirements.js'
import type { ClusterRecord, HostRecord } from '../model/types.js'
import { addressOf, cidrContains, networkOf, parseCidr, parseIp } from '../net/ip.js'
import {
  CLUSTER_VALIDATIONS,
  clusterValidationIgnored,
  evaluateClusterValidations,
  type ClusterGate,
  type ClusterValidationOutcome
} from '../validations/cluster-validations.js'
import { passing, V } from '../validations/status.js'
import { keptText } from '../core/stored-text.js'

export const CLUSTER_INFO = {
  pendingForInput: 'User input required',
  insufficient: 'Cluster is not ready for install',
  ready: 'Cluster ready to be installed',
  preparing: 'Preparing cluster for installation',
  installing: 'Installation in progress',
  finalizing: 'Finalizing cluster installation',
  installed: 'Cluster is installed',
  pendingUser: 'Cluster has hosts pending user action',
  hostsInError: 'cluster has hosts in error',
  cancelled: 'Canceled cluster installation'
}

const PRE_INSTALL = new Set(['pending-for-input', 'insufficient', 'ready'])
const VALIDATED = new Set(['pending-for-input', 'insufficient', 'ready', 'preparing-for-installation'])
const PREPARING_OK = new Set([
  'known',
  'preparing-for-installation',
  'preparing-successful',
  'preparing-failed'
])
const INSTALLING_ISH = new Set([
  'installing',
  'installing-in-progress',
  'installed',
  'installing-pending-user-action',
  'preparing-successful'
])

function gatePasses(
  cluster: ClusterRecord,
  outcome: ClusterValidationOutcome,
  gate: ClusterGate,
  dhcpVipsAreReq: boolean
): boolean {
  return CLUSTER_VALIDATIONS.every((spec, i) => {
    let g = spec.gate
    if (dhcpVipsAreReq && (spec.id === 'api-vips-defined' || spec.id === 'ingress-vips-defined')) g = 'REQ'
    if (g !== gate) return true
    return passing(outcome.codes[i]!) || clusterValidationIgnored(cluster, spec)
  })
}

function emitValidationEvents(sim: SimContext, cluster: ClusterRecord, before: string, after: string): void {
  if (!before || before.length !== after.length) return
  for (let i = 0; i < after.length; i++) {
    const was = before[i]!
    const now = after[i]!
    if (was === now) continue
    const id = CLUSTER_VALIDATIONS[i]!.id
    if ((was === V.failure || was === V.error) && passing(now)) {
      sim.clusterEvent(cluster, 'info', 'cluster_validation_fixed', `Cluster validation '${id}' is now fixed`)
    } else if (passing(was) && (now === V.failure || now === V.error)) {
      sim.clusterEvent(
        cluster,
        'warning',
        'cluster_validation_failed',
        `Cluster validation '${id}' that used to succeed is now failing`
      )
    }
  }
}

/** SNO: the machine network comes from the host's NIC; cluster-managed multi-node: from the network holding the API VIP. */
function autoAssignMachineNetwork(sim: SimContext, cluster: ClusterRecord): void {
  if (cluster.machineNetworks.length) return
  let cidr: string | undefined
  if (cluster.isSingleNode()) {
    const host = [...cluster.hosts.values()].find(h => h.inv)
    const address = host?.inv?.nics.flatMap(n => n.ipv4)[0] ?? host?.inv?.nics.flatMap(n => n.ipv6)[0]
    cidr = address ? networkOf(address) : undefined
  } else if (!cluster.userManagedNetworking && cluster.apiVips.length) {
    const vip = parseIp(cluster.apiVips[0]!.ip)
    if (!vip) return
    for (const h of cluster.hosts.values()) {
      for (const a of h.inv?.nics.flatMap(n => [...n.ipv4, ...n.ipv6]) ?? []) {
        const net = parseCidr(a)
        if (net && cidrContains(net, vip)) {
          cidr = networkOf(a)
          break
        }
      }
      if (cidr) break
    }
  }
  if (!cidr) return
  cluster.machineNetworks = [{ cidr }]
  cluster.updatedAt = sim.now()
  cluster.stepArgs.clear()
  cluster.connectivityDirty = true
  sim.markClusterHostsDirty(cluster)
}

/** Suggested roles once every host has an inventory: masters first (hosts that meet master CPU/RAM), then workers. */
function suggestRoles(sim: SimContext, cluster: ClusterRecord): void {
  if (!sim.opts.enableAutoAssign || cluster.isSingleNode()) return
  const hosts = [...cluster.hosts.values()]
  if (hosts.length === 0 || hosts.some(h => !h.inv)) return
  const master = sim.opts.hw.forVersion(cluster.openshiftVersion).master
  let mastersLeft = Math.max(
    0,
    (cluster.controlPlaneCount === 2 ? 2 : cluster.controlPlaneCount) -
      hosts.filter(h => h.role === 'master').length
  )
  const candidates = hosts.filter(h => h.role === 'auto-assign').sort((a, b) => a.id.localeCompare(b.id))
  for (const h of candidates) {
    let suggestion: HostRecord['suggestedRole'] = 'worker'
    if (
      mastersLeft > 0 &&
      h.inv!.cpuCount >= master.cpu_cores &&
      memoryEnough(h.inv!.physicalBytes, h.inv!.memoryMethod, master.ram_mib)
    ) {
      suggestion = 'master'
      mastersLeft--
    }
    if (h.suggestedRole !== suggestion) {
      h.suggestedRole = suggestion
      h.updatedAt = sim.now()
      // Peers compare latency by role and the role decides requirements: re-check the whole cluster.
      sim.markClusterHostsDirty(cluster)
    }
  }
}

function installedEnough(cluster: ClusterRecord): boolean {
  let masters = 0
  let mastersInstalled = 0
  let workers = 0
  let workersInstalled = 0
  let arbiters = 0
  let arbitersInstalled = 0
  for (const h of cluster.hosts.values()) {
    const role = h.bootstrap ? 'master' : h.role
    const done = h.status === 'installed'
    if (role === 'master') {
      masters++
      if (done) mastersInstalled++
    } else if (role === 'arbiter') {
      arbiters++
      if (done) arbitersInstalled++
    } else {
      workers++
      if (done) workersInstalled++
    }
  }
  if (cluster.isSingleNode()) return mastersInstalled >= 1
  const minMasters = cluster.controlPlaneCount === 2 ? 2 : Math.min(3, cluster.controlPlaneCount)
  if (mastersInstalled < masters || mastersInstalled < minMasters) return false
  if (arbiters > 0 && arbitersInstalled < 1) return false
  if (workers >= 2 && workersInstalled < 2) return false
  return true
}

function tooFewInstalling(cluster: ClusterRecord): boolean {
  let masters = 0
  let workers = 0
  let workersTotal = 0
  for (const h of cluster.hosts.values()) {
    const role = h.bootstrap ? 'master' : h.role
    if (role !== 'master' && role !== 'arbiter') workersTotal++
    if (!INSTALLING_ISH.has(h.status)) continue
    if (role === 'master') masters++
    else if (role !== 'arbiter') workers++
  }
  const needMasters = cluster.isSingleNode()
    ? 1
    : cluster.controlPlaneCount === 2
      ? 2
      : Math.min(3, cluster.controlPlaneCount)
  return masters < needMasters || (workersTotal >= 2 && workers < 2)
}

function operatorsDone(cluster: ClusterRecord): { done: boolean; degraded: string[] } {
  const degraded: string[] = []
  for (const op of cluster.monitoredOperators) {
    if (op.operator_type === 'builtin' && op.status !== 'available') return { done: false, degraded }
    if (op.operator_type === 'olm') {
      if (op.status === 'failed') degraded.push(op.name)
      else if (op.status !== 'available') return { done: false, degraded }
    }
  }
  return { done: true, degraded }
}

const OLM_STAGES = new Set([
  'Applying olm manifests',
  'Waiting for olm operators csv initialization',
  'Waiting for olm operators csv'
])

/** One cluster-monitor pass over a cluster (service-behavior §3.2, §3.4). */
export function refreshCluster(sim: SimContext, cluster: ClusterRecord): boolean {
  sim.counters.clusterRefreshes++
  const now = sim.now()
  const t = sim.opts.timings
  if (PRE_INSTALL.has(cluster.status)) {
    autoAssignMachineNetwork(sim, cluster)
    if (cluster.connectivityDirty) {
      cluster.connectivityDirty = false
      const analysis = analyzeConnectivity(cluster)
      if (
        analysis.groupsText !== cluster.majorityGroupsText ||
        analysis.collisionsText !== cluster.ipCollisionsText
      ) {
        cluster.majorityGroupsText = analysis.groupsText
        cluster.majorityGroups = analysis.groups
        cluster.ipCollisionsText = analysis.collisionsText
        cluster.ipCollisions = analysis.collisions
        cluster.updatedAt = now
        sim.markClusterHostsDirty(cluster)
      }
    }
    suggestRoles(sim, cluster)
  }
  let outcome: ClusterValidationOutcome | undefined
  if (VALIDATED.has(cluster.status)) {
    outcome = evaluateClusterValidations(sim, cluster)
    if (outcome.codes !== cluster.validations) {
      emitValidationEvents(sim, cluster, cluster.validations, outcome.codes)
      cluster.validations = outcome.codes
      cluster.updatedAt = now
    }
  }
  const set = (status: ClusterRecord['status'], info: string): boolean =>
    sim.setClusterStatus(cluster, status, info)
  let changed = false
  switch (cluster.status) {
    case 'pending-for-input':
    case 'insufficient':
    case 'ready': {
      const dhcp = cluster.vipDhcpAllocation
      if (!gatePasses(cluster, outcome!, 'INPUT', dhcp))
        changed = set('pending-for-input', CLUSTER_INFO.pendingForInput)
      else if (!gatePasses(cluster, outcome!, 'REQ', dhcp))
        changed = set('insufficient', CLUSTER_INFO.insufficient)
      else changed = set('ready', CLUSTER_INFO.ready)
      break
    }
    case 'preparing-for-installation': {
      if (
        cluster.lastPreparation.status === 'not_started' &&
        cluster.preparationDueAt &&
        now >= cluster.preparationDueAt
      ) {
        cluster.lastPreparation = { status: 'success', reason: '' }
        cluster.openshiftClusterId ||= keptText(randomUUID())
        cluster.updatedAt = now
        sim.clusterEvent(
          cluster,
          'info',
          'cluster_prepare_installation_succeeded',
          'Cluster was prepared successfully for installation'
        )
      }
      const hosts = [...cluster.hosts.values()]
      if (hosts.some(h => !PREPARING_OK.has(h.status))) {
        changed = set('insufficient', CLUSTER_INFO.insufficient)
      } else if (
        hosts.some(h => h.status === 'preparing-failed') ||
        cluster.lastPreparation.status === 'failed'
      ) {
        changed = set('ready', 'Cluster failed to prepare for installation')
      } else if (
        hosts.length &&
        hosts.every(h => h.status === 'preparing-successful') &&
        cluster.lastPreparation.status === 'success'
      ) {
        changed = set('installing', CLUSTER_INFO.installing)
      } else if (now - cluster.statusUpdatedAt > t.prepareClusterTimeoutMs) {
        changed = set('ready', 'Preparing cluster for installation timeout')
      }
      break
    }
    case 'installing':
      if (installedEnough(cluster)) {
        changed = set('finalizing', CLUSTER_INFO.finalizing)
      } else if ([...cluster.hosts.values()].some(h => h.status === 'installing-pending-user-action')) {
        changed = set('installing-pending-user-action', CLUSTER_INFO.pendingUser)
      } else if (tooFewInstalling(cluster)) {
        changed = set('error', CLUSTER_INFO.hostsInError)
      }
      break
    case 'installing-pending-user-action':
      if (tooFewInstalling(cluster)) changed = set('error', CLUSTER_INFO.hostsInError)
      else if (now - (cluster.installStartedAt || cluster.statusUpdatedAt) > t.installationTimeoutMs) {
        changed = set('error', 'Timeout while waiting for the cluster installation to complete')
      } else if (![...cluster.hosts.values()].some(h => h.status === 'installing-pending-user-action')) {
        changed = set(
          installedEnough(cluster) ? 'finalizing' : 'installing',
          installedEnough(cluster) ? CLUSTER_INFO.finalizing : CLUSTER_INFO.installing
        )
      }
      break
    case 'finalizing': {
      const hostsDone = [...cluster.hosts.values()].every(
        h => h.status === 'installed' || h.status === 'error'
      )
      const operators = operatorsDone(cluster)
      if (hostsDone && cluster.ingressCertUploaded && operators.done) {
        const workersFailed = [...cluster.hosts.values()].some(h => h.status === 'error')
        cluster.installCompletedAt = now
        changed = set(
          'installed',
          operators.degraded.length
            ? `Cluster is installed but degraded: failed operators ${operators.degraded.join(', ')}`
            : workersFailed
              ? 'Cluster is installed but some workers did not join'
              : CLUSTER_INFO.installed
        )
      } else if (now - cluster.statusUpdatedAt > t.finalizingTimeoutMs) {
        changed = set('error', 'Timeout while waiting for cluster version to be available')
      } else {
        const stage = cluster.progress.finalizingStage
        const limit = t.finalizingStageTimeoutsMs[stage]
        if (
          stage &&
          limit !== undefined &&
          !cluster.progress.finalizingStageTimedOut &&
          now - cluster.progress.finalizingStageStartedAt > limit
        ) {
          cluster.progress.finalizingStageTimedOut = true
          if (OLM_STAGES.has(stage)) {
            sim.clusterEvent(
              cluster,
              'warning',
              'finalizing_stage_timed_out',
              `Finalizing stage ${stage} timed out; waiting for the OLM operators continues`
            )
          } else {
            changed = set(
              'error',
              `Timeout while waiting for the cluster to finish installation: stage ${stage} took longer than ${Math.round(limit / 60_000)} minutes`
            )
          }
        }
      }
      break
    }
    default:
      break
  }
  sim.scheduleCluster(cluster)
  return changed
}

/** Host networks as the cluster view lists them: each IPv4/IPv6 network and the hosts on it. */
export function hostNetworks(cluster: ClusterRecord): { cidr: string; host_ids: string[] }[] {
  const map = new Map<string, string[]>()
  for (const h of cluster.hosts.values()) {
    for (const a of h.inv?.nics.flatMap(n => [...n.ipv4, ...n.ipv6]) ?? []) {
      const net = networkOf(a)
      if (!net || addressOf(a) === a) continue
      const list = map.get(net) ?? []
      if (!list.includes(h.id)) list.push(h.id)
      map.set(net, list)
    }
  }
  return [...map].map(([cidr, host_ids]) => ({ cidr, host_ids }))
}
