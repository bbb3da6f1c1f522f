import { compareVersions } from '../config/releases.js'
import type { SimContext } from '../core/context.js'
import type { ClusterRecord, HostRecord, Vip } from '../model/types.js'
import { broadcastOf, cidrContains, cidrsOverlap, parseCidr, parseIp, type ParsedCidr } from '../net/ip.js'
import { OPERATOR_IDS } from './host-validations.js'
import { fail, ok, pend, V, type ValidationResult } from './status.js'

/** INPUT failures give pending-for-input, REQ failures insufficient (service-behavior §2.8); INFO never blocks. */
export type ClusterGate = 'INPUT' | 'REQ' | 'INFO'

export interface ClusterValidationSpec {
  id: string
  category: 'network' | 'hosts-data' | 'configuration' | 'operators'
  gate: ClusterGate
  mandatory?: boolean
}

export const CLUSTER_VALIDATIONS: ClusterValidationSpec[] = [
  { id: 'machine-cidr-defined', category: 'network', gate: 'INPUT' },
  { id: 'cluster-cidr-defined', category: 'network', gate: 'INPUT' },
  { id: 'service-cidr-defined', category: 'network', gate: 'INPUT' },
  { id: 'no-cidrs-overlapping', category: 'network', gate: 'REQ' },
  { id: 'networks-same-address-families', category: 'network', gate: 'REQ' },
  { id: 'network-prefix-valid', category: 'network', gate: 'REQ' },
  { id: 'machine-cidr-equals-to-calculated-cidr', category: 'network', gate: 'REQ' },
  { id: 'api-vips-defined', category: 'network', gate: 'INPUT', mandatory: true },
  { id: 'api-vips-valid', category: 'network', gate: 'REQ' },
  { id: 'ingress-vips-defined', category: 'network', gate: 'INPUT', mandatory: true },
  { id: 'ingress-vips-valid', category: 'network', gate: 'REQ' },
  { id: 'all-hosts-are-ready-to-install', category: 'hosts-data', gate: 'REQ', mandatory: true },
  { id: 'sufficient-masters-count', category: 'hosts-data', gate: 'REQ', mandatory: true },
  { id: 'dns-domain-defined', category: 'network', gate: 'INPUT' },
  { id: 'pull-secret-set', category: 'configuration', gate: 'INPUT', mandatory: true },
  { id: 'ntp-server-configured', category: 'network', gate: 'REQ' },
  { id: 'network-type-valid', category: 'network', gate: 'REQ' },
  { id: 'custom-manifests-requirements-satisfied', category: 'configuration', gate: 'REQ' },
  { id: 'platform-requirements-satisfied', category: 'configuration', gate: 'INFO' },
  ...[...OPERATOR_IDS, 'openshift-ai-gpu'].map(op => ({
    id: `${op}-requirements-satisfied`,
    category: 'operators' as const,
    gate: 'REQ' as const
  }))
]

export const CLUSTER_VALIDATION_INDEX = new Map(CLUSTER_VALIDATIONS.map((v, i) => [v.id, i]))

const READY_HOST_STATUSES = new Set(['known', 'preparing-for-installation', 'preparing-successful'])
const NTP_SKIPPED = new Set(['disconnected', 'discovering', 'resetting-pending-user-action'])

function hostsWithInventory(cluster: ClusterRecord): number {
  let n = 0
  for (const h of cluster.hosts.values()) if (h.inv) n++
  return n
}

/** Counts master and worker hosts, counting auto-assign hosts by their suggested role. */
export function roleCounts(cluster: ClusterRecord): {
  masters: number
  workers: number
  arbiters: number
  unassigned: number
} {
  const counts = { masters: 0, workers: 0, arbiters: 0, unassigned: 0 }
  for (const h of cluster.hosts.values()) {
    const role = h.bootstrap ? 'master' : h.effectiveRole()
    if (role === 'master' || role === 'bootstrap') counts.masters++
    else if (role === 'worker') counts.workers++
    else if (role === 'arbiter') counts.arbiters++
    else counts.unassigned++
  }
  return counts
}

function vipValid(
  _sim: SimContext,
  cluster: ClusterRecord,
  vips: Vip[],
  kind: 'api' | 'ingress'
): ValidationResult {
  const label = `${kind} vips`
  if (cluster.userManagedNetworking || cluster.isSingleNode())
    return ok(`${kind} vips are not required: User Managed Networking`)
  if (vips.length === 0) return pend(`${label} undefined`)
  if (cluster.machineNetworks.length === 0)
    return pend(`${label} cannot be validated: machine network CIDR is undefined`)
  const nets = cluster.machineNetworks
    .map(m => parseCidr(m.cidr))
    .filter((n): n is ParsedCidr => n !== undefined)
  const other = kind === 'api' ? cluster.ingressVips : cluster.apiVips
  for (const vip of vips) {
    const ip = parseIp(vip.ip)
    if (!ip) return fail(`${label} ${vip.ip} is not a valid IP address`)
    const net = nets.find(n => cidrContains(n, ip))
    if (!net)
      return fail(
        `${label} <${vip.ip}> does not belong to machine-network-cidr <${cluster.machineNetworks[0]!.cidr}>`
      )
    if (ip.family === 4 && (ip.value === broadcastOf(net) || ip.value === net.network)) {
      return fail(
        `${label} <${vip.ip}> is the broadcast or network address of machine-network-cidr <${cluster.machineNetworks[0]!.cidr}>`
      )
    }
    if (!cluster.vipDhcpAllocation && other.some(o => o.ip === vip.ip))
      return fail(`${label} <${vip.ip}> is already used by the other VIP type`)
    if (vip.verification === 'failed')
      return fail(`${label} <${vip.ip}> is already in use in cidr ${cluster.machineNetworks[0]!.cidr}`)
    if (vip.verification !== 'succeeded' && !inFreeAddresses(cluster, vip.ip))
      return fail(`${label} <${vip.ip}> is not verified yet.`)
  }
  return ok(`${label} ${vips.map(v => v.ip).join(',')} belongs to the Machine CIDR and is not in use.`)
}

function inFreeAddresses(cluster: ClusterRecord, ip: string): boolean {
  for (const h of cluster.hosts.values()) {
    if (!h.freeAddresses) continue
    try {
      const lists = JSON.parse(h.freeAddresses) as { network?: string; free_addresses?: string[] }[]
      if (lists.some(l => l.free_addresses?.includes(ip))) return true
    } catch {
      // a malformed stored list counts as absent
    }
  }
  return false
}

function allNetworks(cluster: ClusterRecord): { name: string; net: ParsedCidr | undefined }[] {
  return [
    ...cluster.machineNetworks.map(n => ({ name: `machine network ${n.cidr}`, net: parseCidr(n.cidr) })),
    ...cluster.clusterNetworks.map(n => ({ name: `cluster network ${n.cidr}`, net: parseCidr(n.cidr) })),
    ...cluster.serviceNetworks.map(n => ({ name: `service network ${n.cidr}`, net: parseCidr(n.cidr) }))
  ]
}

type ClusterCheck = (sim: SimContext, cluster: ClusterRecord) => ValidationResult

const CHECKS: Record<string, ClusterCheck> = {
  'machine-cidr-defined': (_sim, c) => {
    if (c.userManagedNetworking && !c.isSingleNode())
      return ok('No Machine Network CIDR needed: User Managed Networking')
    if (c.machineNetworks.length) return ok('The Machine Network CIDR is defined.')
    if (hostsWithInventory(c) === 0) return pend('Hosts have not been discovered yet')
    return fail(
      c.isSingleNode()
        ? 'The Machine Network CIDR is undefined; it is derived from the host network once the host reports its inventory'
        : 'The Machine Network CIDR is undefined; setting either the API or Ingress virtual IPs will automatically calculate it'
    )
  },
  'cluster-cidr-defined': (_sim, c) =>
    c.clusterNetworks.length
      ? ok('The Cluster Network CIDR is defined.')
      : fail('The Cluster Network CIDR is undefined.'),
  'service-cidr-defined': (_sim, c) =>
    c.serviceNetworks.length
      ? ok('The Service Network CIDR is defined.')
      : fail('The Service Network CIDR is undefined.'),
  'no-cidrs-overlapping': (_sim, c) => {
    const nets = allNetworks(c)
    for (let i = 0; i < nets.length; i++) {
      for (let j = i + 1; j < nets.length; j++) {
        const a = nets[i]!
        const b = nets[j]!
        if (a.net && b.net && cidrsOverlap(a.net, b.net)) return fail(`CIDRS ${a.name} and ${b.name} overlap`)
      }
    }
    return ok('No CIDRS are overlapping.')
  },
  'networks-same-address-families': (_sim, c) => {
    const families = (list: { cidr: string }[]): string =>
      [...new Set(list.map(n => parseCidr(n.cidr)?.family).filter(Boolean))].sort().join(',')
    const sets = [
      families(c.clusterNetworks),
      families(c.serviceNetworks),
      ...(c.machineNetworks.length ? [families(c.machineNetworks)] : [])
    ]
    return sets.every(s => s === sets[0])
      ? ok('Same address families for all networks.')
      : fail('Address families of networks are not the same.')
  },
  'network-prefix-valid': (_sim, c) => {
    for (const n of c.clusterNetworks) {
      const net = parseCidr(n.cidr)
      if (!net) return fail(`Cluster network CIDR ${n.cidr} is not valid`)
      const maxPrefix = net.family === 4 ? 30 : 128
      if (n.host_prefix <= net.prefix || n.host_prefix > maxPrefix) {
        return fail(`Host prefix ${n.host_prefix} is not valid for cluster network ${n.cidr}`)
      }
      const subnets = 2 ** Math.min(60, n.host_prefix - net.prefix)
      const needed = Math.max(4, c.hosts.size)
      if (subnets < needed) {
        return fail(
          `Cluster network CIDR prefix ${net.prefix} does not contain enough addresses for ${needed} hosts each one with ${n.host_prefix} prefix (${subnets} subnets)`
        )
      }
    }
    return ok('The Cluster Network prefix is valid.')
  },
  'machine-cidr-equals-to-calculated-cidr': (_sim, c) => {
    if (c.userManagedNetworking || c.isSingleNode() || c.vipDhcpAllocation)
      return ok('The Cluster Machine CIDR is not required: User Managed Networking')
    if (c.apiVips.length === 0 && c.ingressVips.length === 0)
      return pend('The Machine Network CIDR, API virtual IPs, or Ingress virtual IPs are undefined.')
    if (c.machineNetworks.length === 0) return pend('The Machine Network CIDR is undefined.')
    const vips = [...c.apiVips, ...c.ingressVips]
    const nets = c.machineNetworks.map(m => parseCidr(m.cidr)).filter((n): n is ParsedCidr => n !== undefined)
    const allInside = vips.every(v => {
      const ip = parseIp(v.ip)
      return ip !== undefined && nets.some(n => cidrContains(n, ip))
    })
    return allInside
      ? ok('The Cluster Machine CIDR is equivalent to the calculated CIDR.')
      : fail(
          'The Cluster Machine CIDR is not the same as the one calculated from the API and ingress virtual IPs.'
        )
  },
  'api-vips-defined': (_sim, c) => {
    if (c.userManagedNetworking || c.isSingleNode())
      return ok('API virtual IPs are not required: User Managed Networking')
    if (c.apiVips.length) return ok('API virtual IPs are defined.')
    return c.vipDhcpAllocation
      ? pend('API virtual IPs are waiting for DHCP allocation')
      : fail('API virtual IPs are undefined and must be provided.')
  },
  'api-vips-valid': (sim, c) => vipValid(sim, c, c.apiVips, 'api'),
  'ingress-vips-defined': (_sim, c) => {
    if (c.userManagedNetworking || c.isSingleNode())
      return ok('Ingress virtual IPs are not required: User Managed Networking')
    if (c.ingressVips.length) return ok('Ingress virtual IPs are defined.')
    return c.vipDhcpAllocation
      ? pend('Ingress virtual IPs are waiting for DHCP allocation')
      : fail('Ingress virtual IPs are undefined and must be provided.')
  },
  'ingress-vips-valid': (sim, c) => vipValid(sim, c, c.ingressVips, 'ingress'),
  'all-hosts-are-ready-to-install': (_sim, c) => {
    if (c.hosts.size === 0) return fail('The cluster has no hosts.')
    for (const h of c.hosts.values())
      if (!READY_HOST_STATUSES.has(h.status))
        return fail('The cluster has hosts that are not ready to install.')
    return ok('All hosts in the cluster are ready to install.')
  },
  'sufficient-masters-count': (_sim, c) => {
    const counts = roleCounts(c)
    if (c.isSingleNode()) {
      return counts.masters + counts.unassigned === 1 && counts.workers === 0 && c.hosts.size === 1
        ? ok('The cluster has the exact amount of dedicated control plane nodes.')
        : fail('Single-node clusters must have a single control plane node and no workers.')
    }
    const want = c.controlPlaneCount
    if (want === 2) {
      return counts.masters === 2 && counts.arbiters >= 1
        ? ok('The cluster has the exact amount of dedicated control plane nodes.')
        : fail('A two-node control plane needs exactly 2 control plane nodes and an arbiter node.')
    }
    if (counts.masters !== want) {
      return fail(
        `The cluster must have exactly ${want} dedicated control plane nodes. Add or remove hosts, or change their roles configurations to meet the requirement.`
      )
    }
    return ok('The cluster has the exact amount of dedicated control plane nodes.')
  },
  'dns-domain-defined': (_sim, c) =>
    c.baseDnsDomain
      ? ok('The base domain is defined.')
      : fail('The base domain is undefined and must be provided.'),
  'pull-secret-set': (_sim, c) =>
    c.pullSecret ? ok('The pull secret is set.') : fail('The pull secret is not set.'),
  'ntp-server-configured': (_sim, c) => {
    let min = Infinity
    let max = -Infinity
    for (const h of c.hosts.values()) {
      if (!h.timestamp || NTP_SKIPPED.has(h.status)) continue
      min = Math.min(min, h.timestamp)
      max = Math.max(max, h.timestamp)
    }
    if (max - min > 240) {
      return fail(
        "Hosts' clocks are not synchronized (there's a difference of more than 4 minutes between them); please configure an NTP server via DHCP or set clock manually."
      )
    }
    return ok('No ntp problems found')
  },
  'network-type-valid': (_sim, c) => {
    if (
      c.networkType === 'OpenShiftSDN' &&
      (c.isSingleNode() || compareVersions(c.openshiftVersion, '4.15') >= 0)
    ) {
      return fail(
        `Network type OpenShiftSDN is not supported ${c.isSingleNode() ? 'for single-node clusters' : `in OpenShift ${c.openshiftVersion}`}; use OVNKubernetes`
      )
    }
    return ok('The cluster has a valid network type')
  },
  'custom-manifests-requirements-satisfied': () => ok('Custom manifests requirements are satisfied'),
  'platform-requirements-satisfied': (_sim, c) =>
    ok(`Platform requirements for ${c.platformType} are satisfied`)
}

for (const op of [...OPERATOR_IDS, 'openshift-ai-gpu']) {
  const result = ok(`${op} is disabled`)
  CHECKS[`${op}-requirements-satisfied`] = () => result
}

export interface ClusterValidationOutcome {
  codes: string
  messages: string[]
}

export function evaluateClusterValidations(
  sim: SimContext,
  cluster: ClusterRecord
): ClusterValidationOutcome {
  const disabled = sim.opts.disabledClusterValidations
  const useDisabled = cluster.ignoredClusterValidations.length === 0
  let codes = ''
  const messages: string[] = []
  for (const spec of CLUSTER_VALIDATIONS) {
    if (useDisabled && disabled.has(spec.id)) {
      codes += V.disabled
      messages.push('Validation disabled')
      continue
    }
    const result = CHECKS[spec.id]!(sim, cluster)
    codes += result.code
    messages.push(result.message)
  }
  return { codes, messages }
}

export function clusterValidationIgnored(cluster: ClusterRecord, spec: ClusterValidationSpec): boolean {
  if (spec.mandatory || cluster.ignoredClusterValidations.length === 0) return false
  return (
    cluster.ignoredClusterValidations.includes('all') || cluster.ignoredClusterValidations.includes(spec.id)
  )
}

/** Hosts the NTP and role checks see; exported for tests. */
export function clusterHosts(cluster: ClusterRecord): HostRecord[] {
  return [...cluster.hosts.values()]
}
