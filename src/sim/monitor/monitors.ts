import type { SimContext } from '../core/context.js'
import { refreshCluster } from '../machine/cluster-refresh.js'
import { refreshHost } from '../machine/host-refresh.js'
import type { ClusterRecord, HostRecord } from '../model/types.js'

export type MonitorKind = 'host' | 'cluster'

export interface MonitorObserver {
  (kind: MonitorKind, seconds: number, items: number): void
}

/** How long one slice of a pass may run before yielding to request handling. */
const SLICE_MS = 8

/**
 * The host and cluster monitors. Each pass refreshes only what changed (hosts and clusters marked dirty by
 * requests or by other refreshes) and what is due (deadline queues: disconnection, stage and preparation
 * timeouts), plus a full scan every `fullScanIntervalMs` like the real monitors' 5-minute full pass. Work is
 * done in slices so a burst of 100k registrations does not stall the API.
 */
export class Monitors {
  private hostTimer: NodeJS.Timeout | undefined
  private clusterTimer: NodeJS.Timeout | undefined
  private running = false
  private lastFullScan = 0
  private hostPass: Promise<unknown> | undefined
  private clusterPass: Promise<unknown> | undefined
  lastHostPassAt = 0
  lastClusterPassAt = 0

  constructor(
    private readonly sim: SimContext,
    private readonly observe: MonitorObserver = () => {}
  ) {}

  start(): void {
    if (this.running) return
    this.running = true
    this.lastFullScan = this.sim.now()
    this.scheduleHost()
    this.scheduleCluster()
  }

  async stop(): Promise<void> {
    this.running = false
    clearTimeout(this.hostTimer)
    clearTimeout(this.clusterTimer)
    await Promise.all([this.hostPass, this.clusterPass])
  }

  private scheduleHost(): void {
    if (!this.running) return
    this.hostTimer = setTimeout(() => {
      this.hostPass = this.runHostPass().finally(() => this.scheduleHost())
    }, this.sim.opts.timings.hostMonitorIntervalMs)
    this.hostTimer.unref?.()
  }

  private scheduleCluster(): void {
    if (!this.running) return
    this.clusterTimer = setTimeout(() => {
      this.clusterPass = this.runClusterPass().finally(() => this.scheduleCluster())
    }, this.sim.opts.timings.clusterMonitorIntervalMs)
    this.clusterTimer.unref?.()
  }

  private maybeFullScan(now: number): void {
    const interval = this.sim.opts.timings.fullScanIntervalMs
    if (!interval || now - this.lastFullScan < interval) return
    this.lastFullScan = now
    for (const host of this.sim.store.allHosts()) this.sim.markHostDirty(host)
    for (const cluster of this.sim.store.clusters.values()) this.sim.markClusterDirty(cluster)
  }

  /** One host-monitor pass; public so tests and benchmarks can drive the monitors by hand. */
  async runHostPass(): Promise<number> {
    const sim = this.sim
    const started = performance.now()
    const now = sim.now()
    this.maybeFullScan(now)
    const batch: HostRecord[] = []
    for (const host of sim.dirtyHosts) {
      host.dirty = false
      batch.push(host)
    }
    sim.dirtyHosts.clear()
    sim.hostDeadlines.popDue(now, batch)
    let processed = 0
    let sliceStart = performance.now()
    const seen = new Set<HostRecord>()
    for (const host of batch) {
      if (seen.has(host)) continue
      seen.add(host)
      if (!sim.store.host(host.infraEnvId, host.id)) continue
      refreshHost(sim, host)
      processed++
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise<void>(resolve => setImmediate(resolve))
        sliceStart = performance.now()
      }
    }
    this.lastHostPassAt = sim.now()
    this.observe('host', (performance.now() - started) / 1000, processed)
    return processed
  }

  async runClusterPass(): Promise<number> {
    const sim = this.sim
    const started = performance.now()
    const now = sim.now()
    this.maybeFullScan(now)
    const batch: ClusterRecord[] = []
    for (const cluster of sim.dirtyClusters) {
      cluster.dirty = false
      batch.push(cluster)
    }
    sim.dirtyClusters.clear()
    sim.clusterDeadlines.popDue(now, batch)
    let processed = 0
    let sliceStart = performance.now()
    const seen = new Set<ClusterRecord>()
    for (const cluster of batch) {
      if (seen.has(cluster) || !sim.store.clusters.has(cluster.id)) continue
      seen.add(cluster)
      refreshCluster(sim, cluster)
      processed++
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise<void>(resolve => setImmediate(resolve))
        sliceStart = performance.now()
      }
    }
    this.lastClusterPassAt = sim.now()
    this.observe('cluster', (performance.now() - started) / 1000, processed)
    return processed
  }
}
