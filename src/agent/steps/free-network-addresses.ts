import type { FreeAddressesRequest, FreeNetworksAddresses } from '../../api/generated/models.js'
import { blockSize, formatIpv4, parseCidr, parseIpv4 } from '../../plan/ipv4.js'
import { parseModelArg } from './args.js'
import { failed, succeeded, type StepHandler, type StepHost } from './step.js'

/** nmap reports at most this many free addresses per run. */
export const MAX_FREE_ADDRESSES = 8000

/**
 * `free-network-addresses`: per requested network, the addresses nothing answers on: every host address but the
 * gateway and the cluster's hosts (the VIPs are free until a cluster takes them).
 */
export function freeAddresses(host: StepHost, networks: string[]): FreeNetworksAddresses | string {
  const taken = new Set<number>()
  const gateway = parseIpv4(host.cluster.gateway)
  if (gateway !== undefined) taken.add(gateway)
  for (const h of host.cluster.hosts) {
    const ip = parseIpv4(h.ipv4)
    if (ip !== undefined) taken.add(ip)
  }
  const result: FreeNetworksAddresses = []
  let budget = MAX_FREE_ADDRESSES
  for (const network of networks) {
    const cidr = parseCidr(network)
    if (!cidr || cidr.prefix < 8) return `invalid network ${network}`
    const size = blockSize(cidr.prefix)
    const first = size > 2 ? cidr.base + 1 : cidr.base
    const last = size > 2 ? cidr.base + size - 2 : cidr.base + size - 1
    const free: string[] = []
    for (let ip = first; ip <= last && budget > 0; ip++) {
      if (taken.has(ip)) continue
      free.push(formatIpv4(ip))
      budget--
    }
    result.push({ network, free_addresses: free })
  }
  return result
}

export const freeNetworkAddressesStep: StepHandler = {
  type: 'free-network-addresses',
  deterministic: true,
  run(host, args) {
    const parsed = parseModelArg<FreeAddressesRequest>('free addresses', args, 1, 'free_addresses_request')
    if (parsed.outcome) return parsed.outcome
    const result = freeAddresses(host, parsed.value)
    if (typeof result === 'string') return failed(-1, result)
    return succeeded(JSON.stringify(result))
  }
}
