import type { ClusterRecord, HostRecord, RemoteConnectivity } from '../model/types.js'
import { addressOf, cidrContains, parseCidr, parseIp, type ParsedCidr } from '../net/ip.js'

interface RawReport {
  remote_hosts?: {
    host_id?: string
    l2_connectivity?: { remote_ip_address?: string; remote_mac?: string; successful?: boolean }[]
    l3_connectivity?: {
      remote_ip_address?: string
      successful?: boolean
      average_rtt_ms?: number
      packet_loss_percentage?: number
    }[]
    mtu_report?: { mtu_successful?: boolean }[]
  }[]
}

/**
 * A host's stored connectivity report, parsed. Not kept on the host (a parsed report costs several times its
 * text); the cluster analysis and the latency checks parse it when they run.
 */
export function parseConnectivity(host: HostRecord): Map<string, RemoteConnectivity> | null {
  if (!host.connectivity) return null
  try {
    return summarizeConnectivity(JSON.parse(host.connectivity) as RawReport)
  } catch {
    return null
  }
}

/** The per-remote-host summary of a connectivity-check reply. */
export function summarizeConnectivity(report: RawReport): Map<string, RemoteConnectivity> {
  const map = new Map<string, RemoteConnectivity>()
  for (const remote of report.remote_hosts ?? []) {
    if (!remote.host_id) continue
    const entry: RemoteConnectivity = { l2: new Set(), l3: new Map(), macs: new Map(), mtuFailed: false }
    for (const l2 of remote.l2_connectivity ?? []) {
      if (!l2.remote_ip_address) continue
      if (l2.successful) entry.l2.add(l2.remote_ip_address)
      if (l2.remote_mac) entry.macs.set(l2.remote_ip_address, l2.remote_mac.toLowerCase())
    }
    for (const l3 of remote.l3_connectivity ?? []) {
      if (!l3.remote_ip_address || !l3.successful) continue
      entry.l3.set(l3.remote_ip_address, {
        rtt: l3.average_rtt_ms ?? 0,
        loss: l3.packet_loss_percentage ?? 0
      })
    }
    entry.mtuFailed = (remote.mtu_report ?? []).some(m => m.mtu_successful === false)
    map.set(remote.host_id, entry)
  }
  return map
}

function addressesIn(host: HostRecord, net: ParsedCidr): string[] {
  const out: string[] = []
  for (const nic of host.inv?.nics ?? []) {
    for (const a of net.family === 4 ? nic.ipv4 : nic.ipv6) {
      const ip = parseIp(addressOf(a))
      if (ip && cidrContains(net, ip)) out.push(addressOf(a))
    }
  }
  return out
}

/** Does `from` report reaching `to` on an address of `to` inside the network (L2; for IPv6 L3 also counts)? */
function reaches(
  reports: Map<string, Map<string, RemoteConnectivity> | null>,
  from: HostRecord,
  to: HostRecord,
  toAddresses: string[],
  ipv6: boolean
): boolean {
  const entry = reports.get(from.id)?.get(to.id)
  if (!entry) return false
  return toAddresses.some(a => entry.l2.has(a) || (ipv6 && entry.l3.has(a)))
}

/** Largest set of hosts that all reach each other both ways (greedy clique from the best-connected hosts). */
function largestFullMesh(ids: string[], adjacent: (a: string, b: string) => boolean): string[] {
  const degree = new Map(ids.map(id => [id, ids.filter(o => o !== id && adjacent(id, o)).length]))
  const order = ids.slice().sort((a, b) => degree.get(b)! - degree.get(a)! || a.localeCompare(b))
  let best: string[] = []
  for (const start of order.slice(0, 4)) {
    const clique = [start]
    for (const candidate of order) {
      if (candidate === start) continue
      if (clique.every(member => adjacent(member, candidate))) clique.push(candidate)
    }
    if (clique.length > best.length) best = clique
    if (best.length === ids.length) break
  }
  return best
}

export interface ConnectivityAnalysis {
  groups: Map<string, Set<string>>
  groupsText: string
  collisions: Set<string>
  collisionsText: string
}

/**
 * Majority groups per machine network (cluster-managed networking, L2 both ways, at least 3 hosts) or per
 * address family (user-managed networking, L3: an address every other host reached), plus IP collisions from
 * the MACs reported over L2 (service-behavior §2.4).
 */
export function analyzeConnectivity(cluster: ClusterRecord): ConnectivityAnalysis {
  const hosts = [...cluster.hosts.values()]
  const byId = new Map(hosts.map(h => [h.id, h]))
  const reports = new Map(hosts.map(h => [h.id, parseConnectivity(h)]))
  const groups = new Map<string, Set<string>>()
  const minimum = cluster.controlPlaneCount === 2 ? 2 : 3
  if (cluster.userManagedNetworking) {
    for (const family of [4, 6] as const) {
      const key = family === 4 ? 'IPv4' : 'IPv6'
      const members = hosts.filter(h => h.inv?.nics.some(n => (family === 4 ? n.ipv4 : n.ipv6).length))
      if (members.length === 0) continue
      const passing = new Set<string>()
      for (const h of members) {
        const mine = (h.inv?.nics ?? []).flatMap(n => (family === 4 ? n.ipv4 : n.ipv6).map(addressOf))
        const others = members.filter(o => o !== h)
        if (others.length === 0) continue
        if (mine.some(a => others.every(o => reports.get(o.id)?.get(h.id)?.l3.has(a)))) passing.add(h.id)
      }
      if (passing.size >= Math.min(minimum, members.length) && members.length >= minimum)
        groups.set(key, passing)
    }
  } else {
    for (const mn of cluster.machineNetworks) {
      const net = parseCidr(mn.cidr)
      if (!net) continue
      const addresses = new Map(hosts.map(h => [h.id, addressesIn(h, net)]))
      const ids = hosts.filter(h => addresses.get(h.id)!.length).map(h => h.id)
      const adjacent = (a: string, b: string): boolean =>
        reaches(reports, byId.get(a)!, byId.get(b)!, addresses.get(b)!, net.family === 6) &&
        reaches(reports, byId.get(b)!, byId.get(a)!, addresses.get(a)!, net.family === 6)
      const mesh = largestFullMesh(ids, adjacent)
      if (mesh.length >= minimum) groups.set(mn.cidr, new Set(mesh))
      else groups.set(mn.cidr, new Set())
    }
  }
  const macsByIp = new Map<string, Set<string>>()
  for (const h of hosts) {
    const report = reports.get(h.id)
    if (!report) continue
    for (const entry of report.values()) {
      for (const [ip, mac] of entry.macs) {
        let set = macsByIp.get(ip)
        if (!set) macsByIp.set(ip, (set = new Set()))
        set.add(mac)
      }
    }
  }
  const collisions = new Set<string>()
  const collisionsJson: Record<string, string[]> = {}
  for (const [ip, macs] of macsByIp) {
    if (macs.size > 1) {
      collisions.add(ip)
      collisionsJson[ip] = [...macs].sort()
    }
  }
  const groupsJson: Record<string, string[]> = {}
  for (const [key, set] of groups) groupsJson[key] = [...set].sort()
  return {
    groups,
    groupsText: JSON.stringify({ MajorityGroups: groupsJson, L3ConnectedAddresses: {} }),
    collisions,
    collisionsText: collisions.size ? JSON.stringify(collisionsJson) : ''
  }
}
