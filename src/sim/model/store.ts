import type { ClusterRecord, ClusterStatus, HostRecord, HostStatus, InfraEnvRecord } from './types.js'

/**
 * The simulator's in-memory database: clusters, infra-envs and their hosts, plus status counts kept
 * incrementally (the `/metrics` gauges read them without scanning).
 */
export class Store {
  readonly clusters = new Map<string, ClusterRecord>()
  readonly infraEnvs = new Map<string, InfraEnvRecord>()
  readonly hostStatusCounts = new Map<HostStatus, number>()
  readonly clusterStatusCounts = new Map<ClusterStatus, number>()
  hostCount = 0

  host(infraEnvId: string, hostId: string): HostRecord | undefined {
    return this.infraEnvs.get(infraEnvId)?.hosts.get(hostId)
  }

  clusterOf(host: HostRecord): ClusterRecord | undefined {
    return host.clusterId ? this.clusters.get(host.clusterId) : undefined
  }

  *allHosts(): Iterable<HostRecord> {
    for (const infraEnv of this.infraEnvs.values()) yield* infraEnv.hosts.values()
  }

  countHost(status: HostStatus, delta: number): void {
    this.hostStatusCounts.set(status, (this.hostStatusCounts.get(status) ?? 0) + delta)
  }

  countCluster(status: ClusterStatus, delta: number): void {
    this.clusterStatusCounts.set(status, (this.clusterStatusCounts.get(status) ?? 0) + delta)
  }

  addCluster(cluster: ClusterRecord): void {
    this.clusters.set(cluster.id, cluster)
    this.countCluster(cluster.status, 1)
  }

  removeCluster(cluster: ClusterRecord): void {
    if (this.clusters.delete(cluster.id)) this.countCluster(cluster.status, -1)
  }

  addHost(infraEnv: InfraEnvRecord, host: HostRecord, cluster: ClusterRecord | undefined): void {
    infraEnv.hosts.set(host.id, host)
    this.hostCount++
    this.countHost(host.status, 1)
    if (cluster) attachHost(cluster, host)
  }

  removeHost(host: HostRecord): void {
    const infraEnv = this.infraEnvs.get(host.infraEnvId)
    if (!infraEnv?.hosts.delete(host.id)) return
    this.hostCount--
    this.countHost(host.status, -1)
    const cluster = this.clusterOf(host)
    if (cluster) detachHost(cluster, host)
  }
}

/** Adds a host to a cluster's host list and hostname counts. */
export function attachHost(cluster: ClusterRecord, host: HostRecord): void {
  cluster.hosts.set(host.id, host)
  countHostname(cluster, host.hostname(), 1)
  cluster.connectivityEntries = null
  cluster.stepArgs.clear()
}

export function detachHost(cluster: ClusterRecord, host: HostRecord): void {
  if (!cluster.hosts.delete(host.id)) return
  countHostname(cluster, host.hostname(), -1)
  cluster.connectivityEntries = null
  cluster.stepArgs.clear()
}

export function countHostname(cluster: ClusterRecord, hostname: string, delta: number): void {
  if (!hostname) return
  const next = (cluster.hostnameCounts.get(hostname) ?? 0) + delta
  if (next <= 0) cluster.hostnameCounts.delete(hostname)
  else cluster.hostnameCounts.set(hostname, next)
}
