import type { DomainResolutionResponse } from '../../api/generated/models.js'
import { formatIpv4, parseCidr } from '../../plan/ipv4.js'
import { hash53 } from '../hash.js'
import { parseModelArg } from './args.js'
import { succeeded, type StepHandler, type StepHost } from './step.js'

/**
 * `domain-resolution`: an answer for every requested name, from the cluster's plan. api and api-int resolve to the
 * API VIP and *.apps to the ingress VIP; without VIPs (SNO, user-managed networking) to the machine network's
 * reserved .2 and .3, never to the host's own address. The wildcard probes (`validateNoWildcardDNS.…`) get no
 * answer unless the plan gives the host `dns-wildcard`. Other names (the release registry) get a stable public-looking
 * address.
 *
 * `cnames` is `[]` rather than the real agent's `null` so replies validate against the swagger model; the service
 * reads both alike.
 */
type Resolution = DomainResolutionResponse['resolutions'][number]

function reserved(host: StepHost, offset: number): string {
  const cidr = parseCidr(host.cluster.machineCidr)
  return cidr ? formatIpv4(cidr.base + offset) : ''
}

export function resolve(host: StepHost, domainName: string): Resolution {
  const name = domainName.replace(/\.$/, '').toLowerCase()
  const suffix = `.${host.cluster.name}.${host.fleet.baseDomain}`.toLowerCase()
  let ipv4: string[] = []
  if (name.startsWith('validatenowildcarddns.')) {
    if (host.plan.failures.includes('dns-wildcard')) ipv4 = [host.cluster.ingressVip ?? reserved(host, 3)]
  } else if (name === `api${suffix}` || name === `api-int${suffix}`) {
    ipv4 = [host.cluster.apiVip ?? reserved(host, 2)]
  } else if (name.endsWith(`.apps${suffix}`)) {
    ipv4 = [host.cluster.ingressVip ?? reserved(host, 3)]
  } else if (!name.endsWith(suffix)) {
    const h = hash53(name)
    ipv4 = [`198.${18 + (h & 1)}.${(h >>> 1) & 255}.${((h >>> 9) % 254) + 1}`]
  }
  return { domain_name: domainName, ipv4_addresses: ipv4.filter(Boolean), ipv6_addresses: [], cnames: [] }
}

export const domainResolutionStep: StepHandler = {
  type: 'domain-resolution',
  deterministic: true,
  run(host, args) {
    const parsed = parseModelArg<{ domains: { domain_name: string }[] }>(
      'domain resolution',
      args,
      1,
      'domain_resolution_request'
    )
    if (parsed.outcome) return parsed.outcome
    const response: DomainResolutionResponse = {
      resolutions: parsed.value.domains.map(d => resolve(host, String(d.domain_name ?? '')))
    }
    return succeeded(JSON.stringify(response))
  }
}
