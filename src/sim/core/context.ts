import { seededRandom } from '../../util/random.js'
import { EVENT_TEXT, EventLog, SimEvent, type EventText, type Severity } from '../events.js'
import { Store } from '../model/store.js'
import type { ClusterRecord, ClusterStatus, HostRecord, HostStatus } from '../model/types.js'
import { DeadlineQueue } from '../monitor/deadline-queue.js'
import type { ResolvedOptions } from '../options.js'
import { clusterDeadline, hostDeadline } from './deadlines.js'
import type { SimHooks } from './hooks.js'
import { keptText, sharedText } from './stored-text.js'

/**
 * Everything the simulated service shares: options, the store, events, and the monitors' work queues (hosts and
 * clusters marked dirty by requests, plus deadline queues for time-driven transitions). Request handlers and
 * monitors both go through `setHostStatus`/`setClusterStatus`, so counts, events and scheduling stay consistent.
 */
export class SimContext {
  readonly store = new Store()
  readonly events: EventLog
  readonly hostDeadlines = new DeadlineQueue<HostRecord>()
  readonly clusterDeadlines = new DeadlineQueue<ClusterRecord>()
  readonly dirtyHosts = new Set<HostRecord>()
  readonly dirtyClusters = new Set<ClusterRecord>()
  readonly random: () => number
  /** The simulator's own base URL, known once it listens. */
  selfUrl = 'http://127.0.0.1:8090'
  /** Counters the metrics module exposes. */
  readonly counters = { unexpectedStepReplies: 0, hostRefreshes: 0, clusterRefreshes: 0, fastPathRequests: 0 }
  /** Extension point: told of host and cluster changes (the kube-api mode, src/sim/kube, listens). */
  readonly hooks: SimHooks = {}

  constructor(readonly opts: ResolvedOptions) {
    this.events = new EventLog(opts.eventsPerScope)
    this.random = seededRandom(opts.seed)
  }

  now(): number {
    return this.opts.now()
  }

  /** SERVICE_BASE_URL as agents should see it. */
  serviceUrl(): string {
    return this.opts.serviceBaseUrl ?? this.selfUrl
  }

  imageServiceUrl(): string {
    return this.opts.imageServiceBaseUrl ?? this.selfUrl
  }

  hostName(host: HostRecord): string {
    return host.hostname() || host.id
  }

  hostEvent(
    host: HostRecord,
    severity: Severity,
    name: string,
    message: string,
    props: string | null = null
  ): void {
    this.events.add(
      new SimEvent(
        this.now(),
        severity,
        name,
        keptText(message),
        host.clusterId,
        host.id,
        host.infraEnvId,
        props
      )
    )
  }

  /** A host event rendered from a template with shared strings (cheaper to keep than a message per host). */
  hostTemplateEvent(
    host: HostRecord,
    severity: Severity,
    name: string,
    text: EventText,
    b = '',
    c = '',
    d = ''
  ): void {
    this.events.add(
      new SimEvent(
        this.now(),
        severity,
        name,
        this.hostName(host),
        host.clusterId,
        host.id,
        host.infraEnvId,
        null,
        text,
        b,
        c,
        d
      )
    )
  }

  clusterEvent(cluster: ClusterRecord, severity: Severity, name: string, message: string): void {
    this.events.add(new SimEvent(this.now(), severity, name, keptText(message), cluster.id, null, null))
  }

  /** Moves a host to a status (or only updates its status info); returns whether the status changed. */
  setHostStatus(host: HostRecord, status: HostStatus, info: string): boolean {
    const old = host.status
    if (old === status && host.statusInfo === info) return false
    const now = this.now()
    info = sharedText(info)
    host.statusInfo = info
    host.updatedAt = now
    if (old === status) {
      this.hooks.hostChanged?.(host)
      return false
    }
    this.store.countHost(old, -1)
    this.store.countHost(status, 1)
    host.status = status
    host.statusUpdatedAt = now
    this.hostTemplateEvent(
      host,
      status === 'error' ? 'error' : 'info',
      'host_status_updated',
      EVENT_TEXT.hostStatus,
      old,
      status,
      info
    )
    const cluster = this.store.clusterOf(host)
    if (cluster) this.markClusterDirty(cluster)
    this.scheduleHost(host)
    this.hooks.hostChanged?.(host)
    return true
  }

  setClusterStatus(cluster: ClusterRecord, status: ClusterStatus, info: string): boolean {
    const old = cluster.status
    if (old === status && cluster.statusInfo === info) return false
    const now = this.now()
    info = sharedText(info)
    cluster.statusInfo = info
    cluster.updatedAt = now
    if (old === status) {
      this.hooks.clusterChanged?.(cluster)
      return false
    }
    this.store.countCluster(old, -1)
    this.store.countCluster(status, 1)
    cluster.status = status
    cluster.statusUpdatedAt = now
    this.clusterEvent(
      cluster,
      status === 'error' ? 'error' : 'info',
      'cluster_status_updated',
      `Updated status of the cluster to ${status}`
    )
    // Host rules look at the cluster status (preparing, installing, error).
    this.markClusterHostsDirty(cluster)
    this.scheduleCluster(cluster)
    this.hooks.clusterChanged?.(cluster)
    return true
  }

  markHostDirty(host: HostRecord): void {
    if (host.dirty) return
    host.dirty = true
    this.dirtyHosts.add(host)
  }

  markClusterDirty(cluster: ClusterRecord): void {
    if (cluster.dirty) return
    cluster.dirty = true
    this.dirtyClusters.add(cluster)
  }

  markClusterHostsDirty(cluster: ClusterRecord): void {
    for (const host of cluster.hosts.values()) this.markHostDirty(host)
  }

  /** (Re-)arms the host's next time-driven check. */
  scheduleHost(host: HostRecord): void {
    this.hostDeadlines.arm(host, hostDeadline(this, host))
  }

  scheduleCluster(cluster: ClusterRecord): void {
    this.clusterDeadlines.arm(cluster, clusterDeadline(this, cluster))
  }
}
