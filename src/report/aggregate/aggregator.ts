import type {
  ClusterRecord,
  CountersRecord,
  ErrorRecord,
  HostRecord,
  StageRecord,
  TimelineRecord
} from '../../timeline/records.js'
import { stageMetricName } from '../metric-catalogue.js'
import { SampleBuffer } from '../sample-buffer.js'
import { StringTable } from '../string-table.js'
import { ClusterTable, earliest, mergeClusterTable, type ClusterState } from './cluster-table.js'
import { ErrorGroups, type ErrorGroupState } from './error-groups.js'
import {
  exportHostTable,
  HOST_DIED,
  HOST_EXITED,
  HOST_FROZEN,
  HOST_LAUNCHED,
  HostTable,
  mergeHostTable,
  type HostTableState
} from './host-table.js'
import { HttpAggregate, type HttpAggregateState } from './http-aggregate.js'
import { RunTracker, type RunTrackerState } from './run-tracker.js'
import {
  CLUSTER_FAILED_STATUSES,
  CLUSTER_INSTALL_STARTED_STATUSES,
  HOST_INSTALLED_STATUSES,
  HOST_INSTALLING_STATUSES,
  TERMINAL_STAGES
} from './statuses.js'
import { StatusOverTime, type StatusOverTimeState } from './status-over-time.js'

/** Time hosts spent in one installer stage, keyed by the stage's metric slug. */
export interface StageStats {
  stage: string
  metric: string
  samples: SampleBuffer
  reportedBy: Set<StageRecord['by']>
  /** Sum and count of (stage start − host installing start), to list stages in the order hosts meet them. */
  offsetSum: number
  offsetCount: number
}

/**
 * Everything a ReportAggregator learnt, as plain data that can cross to another thread (structured clone) and
 * be merged into another aggregator: how several threads share the reading of a sharded run.
 */
export interface AggregatorState {
  records: number
  outOfOrderStages: number
  strings: string[]
  run: RunTrackerState
  hosts: HostTableState
  clusters: ClusterState[]
  http: HttpAggregateState
  errors: { groups: ErrorGroupState[]; total: number }
  counters: [string, number][]
  hostStates: StatusOverTimeState
  clusterStates: StatusOverTimeState
  stages: {
    stage: string
    samples: Float64Array
    reportedBy: StageRecord['by'][]
    offsetSum: number
    offsetCount: number
  }[]
}

/**
 * Streams timeline records into small per-host and per-cluster state and mergeable aggregates (histograms,
 * time buckets, counters). It never holds events: memory grows with hosts and clusters, not with records.
 * Shards merge by feeding their records one after the other, in any order of files.
 */
export class ReportAggregator {
  readonly run = new RunTracker()
  readonly hosts = new HostTable()
  readonly clusters = new ClusterTable()
  readonly http = new HttpAggregate()
  readonly errors = new ErrorGroups()
  readonly counters = new Map<string, number>()
  /** Interned statuses, infos and chart states (hosts and clusters share the table). */
  readonly strings = new StringTable()
  readonly hostStates = new StatusOverTime()
  readonly clusterStates = new StatusOverTime()
  readonly stages = new Map<string, StageStats>()
  private readonly stageIds = new StringTable()
  private readonly stageBySlug: StageStats[] = []
  records = 0
  /** States merged in from other threads. */
  merges = 0
  /** Stage reports older than the host's current stage (cannot be timed). */
  outOfOrderStages = 0

  add(record: TimelineRecord): void {
    this.records++
    if (typeof record.t !== 'number') return
    this.run.see(record.t)
    switch (record.k) {
      case 'run':
        this.run.add(record)
        break
      case 'host':
        this.host(record)
        break
      case 'stage':
        this.stage(record)
        break
      case 'cluster':
        this.cluster(record)
        break
      case 'http':
        this.http.add(record)
        break
      case 'counters':
        this.counter(record)
        break
      case 'error':
        this.errors.add(record as ErrorRecord)
        break
      default:
        // proc samples and kinds from newer writers carry nothing the report uses.
        break
    }
  }

  private hostNumber(name: string, cluster: string | undefined): number {
    const i = this.hosts.of(name)
    if (cluster && this.hosts.cluster[i] === -1) this.hosts.cluster[i] = this.clusters.of(cluster).number
    return i
  }

  private moveHost(i: number, state: string, t: number): void {
    const to = this.strings.id(state)
    const from = this.hosts.chartState[i]!
    if (from === to) return
    this.hostStates.move(from, to, t)
    this.hosts.chartState[i] = to
  }

  private host(record: HostRecord): void {
    if (typeof record.h !== 'string') return
    const hosts = this.hosts
    const i = this.hostNumber(record.h, record.c)
    const t = record.t
    switch (record.ev) {
      case 'planned':
        hosts.reach('planned', i, t)
        if (hosts.chartState[i] === -1) this.moveHost(i, 'planned', t)
        break
      case 'launch':
        hosts.reach('launch', i, t)
        hosts.flags[i]! |= HOST_LAUNCHED
        if (!hosts.has('registered', i) && hosts.status[i] === -1) this.moveHost(i, 'launched', t)
        break
      case 'registered':
        hosts.reach('registered', i, t)
        if (hosts.status[i] === -1) this.moveHost(i, 'registered', t)
        break
      case 'status':
        if (typeof record.status === 'string') this.hostStatus(i, record.status, record.info, t)
        break
      case 'install':
        hosts.reach('installing', i, t)
        break
      case 'frozen':
      case 'died':
        hosts.flags[i]! |= record.ev === 'frozen' ? HOST_FROZEN : HOST_DIED
        hosts.reach('endT', i, t)
        hosts.failInfo[i] = record.info ? this.strings.id(record.info) : -1
        this.moveHost(i, record.ev, t)
        break
      case 'exit':
        hosts.flags[i]! |= HOST_EXITED
        break
      default:
        break
    }
  }

  private hostStatus(i: number, status: string, info: string | undefined, t: number): void {
    const hosts = this.hosts
    if (status === 'known') hosts.reach('known', i, t)
    else if (HOST_INSTALLING_STATUSES.has(status)) hosts.reach('installing', i, t)
    else if (HOST_INSTALLED_STATUSES.has(status)) hosts.reach('installed', i, t)
    if (!(hosts.statusT[i]! > t)) {
      hosts.statusT[i] = t
      hosts.status[i] = this.strings.id(status)
      hosts.info[i] = info ? this.strings.id(info) : -1
      if (!(hosts.flags[i]! & (HOST_FROZEN | HOST_DIED))) this.moveHost(i, status, t)
    }
  }

  private stage(record: StageRecord): void {
    if (typeof record.h !== 'string' || typeof record.stage !== 'string') return
    const hosts = this.hosts
    const i = this.hostNumber(record.h, record.c)
    const t = record.t
    const stats = this.stageStats(record.stage)
    stats.reportedBy.add(record.by)
    const id = this.stageIds.id(stats.metric)
    const bit = id < 31 ? 1 << id : 0
    if (bit && hosts.stageMask[i]! & bit) return // a repeat (progress percentages) or the second reporter
    const current = hosts.stage[i]!
    if (current === id) return
    if (current >= 0 && t < hosts.stageT[i]!) {
      this.outOfOrderStages++
      return
    }
    hosts.stageMask[i]! |= bit
    if (current >= 0) this.stageBySlug[current]!.samples.push(t - hosts.stageT[i]!)
    hosts.reach('installing', i, t)
    stats.offsetSum += t - hosts.installing[i]!
    stats.offsetCount++
    hosts.stage[i] = TERMINAL_STAGES.has(record.stage) ? -1 : id
    hosts.stageT[i] = t
    if (record.stage === 'Done') hosts.reach('installed', i, t)
  }

  exportState(): AggregatorState {
    return {
      records: this.records,
      outOfOrderStages: this.outOfOrderStages,
      strings: this.strings.all().slice(),
      run: this.run.exportState(),
      hosts: exportHostTable(this.hosts),
      clusters: this.clusters.all.map(c => ({ ...c })),
      http: this.http.exportState(),
      errors: this.errors.exportState(),
      counters: [...this.counters],
      hostStates: this.hostStates.exportState(),
      clusterStates: this.clusterStates.exportState(),
      stages: [...new Set(this.stages.values())].map(s => ({
        stage: s.stage,
        samples: s.samples.freeze().slice(),
        reportedBy: [...s.reportedBy],
        offsetSum: s.offsetSum,
        offsetCount: s.offsetCount
      }))
    }
  }

  /**
   * Adds what another aggregator saw (its exportState, possibly from another thread). The result is the same as
   * one aggregator reading both sets of files, provided each host's records are in one set (true of shard files).
   */
  merge(state: AggregatorState): void {
    this.merges++
    this.records += state.records
    this.outOfOrderStages += state.outOfOrderStages
    const ids = state.strings.map(text => this.strings.id(text))
    const string = (id: number): number => ids[id]!
    this.run.merge(state.run)
    mergeClusterTable(this.clusters, state.clusters, string)
    const clusterNumbers = state.clusters.map(c => this.clusters.of(c.name).number)
    mergeHostTable(this.hosts, state.hosts, string, n => clusterNumbers[n]!)
    this.http.merge(state.http)
    this.errors.merge(state.errors)
    for (const [name, value] of state.counters)
      this.counters.set(name, (this.counters.get(name) ?? 0) + value)
    this.hostStates.merge(state.hostStates, string)
    this.clusterStates.merge(state.clusterStates, string)
    for (const other of state.stages) {
      const stats = this.stageStats(other.stage)
      for (const value of other.samples) stats.samples.push(value)
      for (const by of other.reportedBy) stats.reportedBy.add(by)
      stats.offsetSum += other.offsetSum
      stats.offsetCount += other.offsetCount
    }
  }

  /**
   * Installer stages in the order hosts meet them (mean start after the host's installation began), Done and
   * Failed left out; the order does not depend on the order records were read in.
   */
  orderedStages(): StageStats[] {
    const unique = [...new Set(this.stages.values())].filter(s => !TERMINAL_STAGES.has(s.stage))
    const order = (s: StageStats): number => (s.offsetCount ? s.offsetSum / s.offsetCount : Infinity)
    return unique.sort(
      (a, b) => order(a) - order(b) || (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0)
    )
  }

  private stageStats(stage: string): StageStats {
    let stats = this.stages.get(stage)
    if (!stats) {
      const metric = stageMetricName(stage)
      const id = this.stageIds.id(metric)
      // Two spellings with one slug share their statistics.
      stats = this.stageBySlug[id] ?? {
        stage,
        metric,
        samples: new SampleBuffer(),
        reportedBy: new Set(),
        offsetSum: 0,
        offsetCount: 0
      }
      this.stageBySlug[id] = stats
      this.stages.set(stage, stats)
    }
    return stats
  }

  private moveCluster(cluster: ClusterState, state: string, t: number): void {
    const to = this.strings.id(state)
    if (cluster.chartState === to) return
    this.clusterStates.move(cluster.chartState, to, t)
    cluster.chartState = to
  }

  private cluster(record: ClusterRecord): void {
    if (typeof record.c !== 'string') return
    const cluster = this.clusters.of(record.c)
    const t = record.t
    if (record.id) cluster.id = record.id
    switch (record.ev) {
      case 'planned':
        cluster.planned = earliest(cluster.planned, t)
        if (typeof record.hosts === 'number') cluster.plannedHosts = record.hosts
        if (typeof record.sno === 'boolean') cluster.sno = record.sno
        if (cluster.chartState === -1) this.moveCluster(cluster, 'planned', t)
        break
      case 'created':
        cluster.created = earliest(cluster.created, t)
        if (!cluster.status) this.moveCluster(cluster, 'created', t)
        break
      case 'status':
        if (typeof record.status === 'string') this.clusterStatus(cluster, record.status, record.info, t)
        break
      case 'install':
        cluster.installRequested = earliest(cluster.installRequested, t)
        cluster.installStarted = earliest(cluster.installStarted, t)
        break
      case 'done':
        if (!record.status || record.status === 'installed') {
          cluster.installed = earliest(cluster.installed, t)
          cluster.installStarted = earliest(cluster.installStarted, t)
          this.setClusterStatus(cluster, 'installed', record.info, t)
        } else {
          cluster.failed = true
          cluster.ended = earliest(cluster.ended, t)
          this.setClusterStatus(cluster, record.status, record.info, t)
        }
        break
      case 'gave-up':
        cluster.gaveUp = true
        cluster.ended = earliest(cluster.ended, t)
        if (record.info) cluster.info = record.info
        this.moveCluster(cluster, 'gave-up', t)
        break
      default:
        break
    }
  }

  private clusterStatus(cluster: ClusterState, status: string, info: string | undefined, t: number): void {
    if (status === 'ready') cluster.ready = earliest(cluster.ready, t)
    else if (status === 'installing') cluster.installing = earliest(cluster.installing, t)
    else if (status === 'finalizing') cluster.finalizing = earliest(cluster.finalizing, t)
    else if (status === 'installed') cluster.installed = earliest(cluster.installed, t)
    if (CLUSTER_INSTALL_STARTED_STATUSES.has(status))
      cluster.installStarted = earliest(cluster.installStarted, t)
    if (CLUSTER_FAILED_STATUSES.has(status)) {
      cluster.failed = true
      cluster.ended = earliest(cluster.ended, t)
    }
    this.setClusterStatus(cluster, status, info, t)
  }

  private setClusterStatus(cluster: ClusterState, status: string, info: string | undefined, t: number): void {
    if (cluster.statusT > t) return
    cluster.statusT = t
    cluster.status = status
    cluster.info = info
    if (!cluster.gaveUp) this.moveCluster(cluster, status, t)
  }

  private counter(record: CountersRecord): void {
    for (const [name, value] of Object.entries(record.values ?? {})) {
      if (typeof value === 'number' && Number.isFinite(value))
        this.counters.set(name, (this.counters.get(name) ?? 0) + value)
    }
  }
}
