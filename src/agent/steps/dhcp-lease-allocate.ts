import type { DhcpAllocationRequest, DhcpAllocationResponse } from '../../api/generated/models.js'
import { formatIpv4, parseCidr } from '../../plan/ipv4.js'
import { parseModelArg } from './args.js'
import { succeeded, type StepHandler, type StepHost } from './step.js'

function leaseText(host: StepHost, iface: string, address: string): string {
  const cidr = parseCidr(host.cluster.machineCidr)!
  const mask = formatIpv4((0xffffffff << (32 - cidr.prefix)) >>> 0)
  const renew = new Date(Date.now() + 43_200_000)
    .toISOString()
    .replace('T', ' ')
    .slice(0, 19)
    .replace(/-/g, '/')
  const expire = new Date(Date.now() + 86_400_000)
    .toISOString()
    .replace('T', ' ')
    .slice(0, 19)
    .replace(/-/g, '/')
  return (
    `lease {\n  interface "${iface}";\n  fixed-address ${address};\n  option subnet-mask ${mask};\n` +
    `  option routers ${host.cluster.gateway};\n  option dhcp-lease-time 86400;\n  option dhcp-message-type 5;\n` +
    `  option dhcp-server-identifier ${host.cluster.gateway};\n  renew 0 ${renew};\n  rebind 0 ${expire};\n  expire 0 ${expire};\n}\n`
  )
}

/**
 * `dhcp-lease-allocate`: a DHCP lease for each VIP MAC. The machine network's DHCP server hands out the plan's VIPs
 * (or its reserved .2/.3); a lease passed in the request is renewed for the same address.
 */
export const dhcpLeaseAllocateStep: StepHandler = {
  type: 'dhcp-lease-allocate',
  deterministic: false,
  run(host, args) {
    const parsed = parseModelArg<DhcpAllocationRequest>('dhcp leases', args, 1, 'dhcp_allocation_request')
    if (parsed.outcome) return parsed.outcome
    const cidr = parseCidr(host.cluster.machineCidr)!
    const fromLease = (lease: string | undefined): string | undefined =>
      /fixed-address ([\d.]+);/.exec(lease ?? '')?.[1]
    const api = fromLease(parsed.value.api_vip_lease) ?? host.cluster.apiVip ?? formatIpv4(cidr.base + 2)
    const ingress =
      fromLease(parsed.value.ingress_vip_lease) ?? host.cluster.ingressVip ?? formatIpv4(cidr.base + 3)
    const response: DhcpAllocationResponse = {
      api_vip_address: api,
      ingress_vip_address: ingress,
      api_vip_lease: leaseText(host, 'api', api),
      ingress_vip_lease: leaseText(host, 'ingress', ingress)
    }
    return succeeded(JSON.stringify(response))
  }
}
