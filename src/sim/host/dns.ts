import type { ClusterRecord } from '../model/types.js'

export interface DomainNames {
  api: string
  apiInt: string
  apps: string
  wildcard: string
  wildcardDot: string
}

export function clusterDomains(cluster: ClusterRecord): DomainNames | undefined {
  if (!cluster.name || !cluster.baseDnsDomain) return undefined
  const suffix = `${cluster.name}.${cluster.baseDnsDomain}`
  return {
    api: `api.${suffix}`,
    apiInt: `api-int.${suffix}`,
    apps: `console-openshift-console.apps.${suffix}`,
    wildcard: `validateNoWildcardDNS.${suffix}`,
    wildcardDot: `validateNoWildcardDNS.${suffix}.`
  }
}

/** The registry host of a release image reference (`quay.io/...` → `quay.io`). */
export function registryHost(image: string): string {
  const first = image.split('/')[0] ?? ''
  return first.includes('.') || first.includes(':') ? first.replace(/:\d+$/, '') : 'docker.io'
}

/** The names the domain-resolution step asks for (service-behavior §2.6). */
export function domainsToResolve(cluster: ClusterRecord): string[] {
  const d = clusterDomains(cluster)
  const names = d ? [d.api, d.apiInt, d.apps, d.wildcardDot, d.wildcard] : []
  if (cluster.releaseImage && cluster.kind === 'Cluster') names.push(registryHost(cluster.releaseImage))
  return names
}

export interface Resolution {
  ipv4: string[]
  ipv6: string[]
  cnames: string[]
}

/** Parses a stored domain-resolution reply into name → resolution. */
export function parseResolutions(text: string): Map<string, Resolution> | undefined {
  if (!text) return undefined
  try {
    const parsed = JSON.parse(text) as {
      resolutions?: {
        domain_name?: string
        ipv4_addresses?: string[]
        ipv6_addresses?: string[]
        cnames?: string[]
      }[]
    }
    const map = new Map<string, Resolution>()
    for (const r of parsed.resolutions ?? []) {
      if (!r.domain_name) continue
      map.set(r.domain_name, {
        ipv4: r.ipv4_addresses ?? [],
        ipv6: r.ipv6_addresses ?? [],
        cnames: r.cnames ?? []
      })
    }
    return map
  } catch {
    return undefined
  }
}
