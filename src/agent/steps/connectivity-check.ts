import type {
  ConnectivityCheckParams,
  ConnectivityRemoteHost,
  ConnectivityReport,
  L2Connectivity,
  L3Connectivity,
  MtuReport
} from '../../api/generated/models.js'
import { parseCidr, parseIpv4 } from '../../plan/ipv4.js'
import type { PlanHost } from '../../plan/types.js'
import { hash53 } from '../hash.js'
import { NIC_MTU } from '../inventory.js'
import { parseModelArg } from './args.js'
import { peerById } from './peers.js'
import { succeeded, type StepHandler, type StepHost } from './step.js'

/**
 * `connectivity-check`: per requested host (sorted by id) and remote address, what the real checkers report:
 * - L2 (arping) from each local NIC whose subnet holds the address, only when the peer answers;
 * - L3 (ping) always: successful with the average RTT and 0 % loss, or just the address when nothing answers;
 * - MTU only from NICs whose MTU is not 1500 (the real checker skips standard frames; plan NICs use 1500).
 * A pair where either side has the plan failure `missing-connectivity` is unreachable both ways, as a real
 * partition would be. The service sends plain addresses; a `/prefix` is tolerated as the agent does.
 */
function localNicFor(host: PlanHost, remoteIp: number): { name: string; ip: string } | undefined {
  for (const nic of host.nics) {
    if (!nic.ipv4) continue
    const cidr = parseCidr(nic.ipv4)
    if (cidr && remoteIp - (remoteIp % 2 ** (32 - cidr.prefix)) === cidr.base)
      return { name: nic.name, ip: nic.ipv4.split('/')[0]! }
  }
  return undefined
}

/** A plausible LAN round trip: a fixed base per pair, and per-run variation like real ping averages. */
function rtt(host: StepHost, remoteIp: string): number {
  const base = 0.15 + (hash53(host.plan.id + remoteIp) % 400) / 1000
  const value = host.fleet.varyingRtt ? base * (0.8 + host.fleet.random() * 0.4) : base
  return Math.round(value * 1000) / 1000
}

export function buildConnectivityReport(
  host: StepHost,
  request: ConnectivityCheckParams
): ConnectivityReport {
  const selfMissing = host.plan.failures.includes('missing-connectivity')
  const remote: ConnectivityRemoteHost[] = []
  const sorted = [...request].sort((a, b) => ((a.host_id ?? '') < (b.host_id ?? '') ? -1 : 1))
  for (const peer of sorted) {
    const peerPlan = peerById(host.cluster, peer.host_id)
    const reachable = !selfMissing && !peerPlan?.failures.includes('missing-connectivity')
    const l2: L2Connectivity[] = []
    const l3: L3Connectivity[] = []
    const mtu: MtuReport[] = []
    for (const nic of peer.nics ?? []) {
      for (const address of nic.ip_addresses ?? []) {
        const remoteIp = address.split('/')[0]!
        const remoteValue = parseIpv4(remoteIp)
        if (remoteValue === undefined) continue
        const local = localNicFor(host.plan, remoteValue)
        if (local && reachable) {
          l2.push({
            outgoing_ip_address: local.ip,
            outgoing_nic: local.name,
            remote_ip_address: remoteIp,
            remote_mac: (nic.mac ?? '').toLowerCase(),
            successful: true
          })
        }
        l3.push(
          reachable
            ? {
                remote_ip_address: remoteIp,
                successful: true,
                average_rtt_ms: rtt(host, remoteIp),
                packet_loss_percentage: 0
              }
            : { remote_ip_address: remoteIp }
        )
        if (local && NIC_MTU !== 1500)
          mtu.push({ outgoing_nic: local.name, remote_ip_address: remoteIp, mtu_successful: reachable })
      }
    }
    l3.sort((a, b) => (a.remote_ip_address! < b.remote_ip_address! ? -1 : 1))
    remote.push({
      host_id: peer.host_id,
      l2_connectivity: l2,
      l3_connectivity: l3,
      ...(mtu.length ? { mtu_report: mtu } : {})
    })
  }
  return { remote_hosts: remote }
}

export const connectivityCheckStep: StepHandler = {
  type: 'connectivity-check',
  // Round-trip times vary per run unless the fleet asks for stable ones.
  deterministic: fleet => !fleet.varyingRtt,
  run(host, args) {
    const parsed = parseModelArg<ConnectivityCheckParams>(
      'connectivity check',
      args,
      1,
      'connectivity-check-params'
    )
    if (parsed.outcome) return parsed.outcome
    return succeeded(JSON.stringify(buildConnectivityReport(host, parsed.value)))
  }
}
