import type { CounterValues, GaugeValues, Metric, RateValues } from './generated/report.js'
import type { ReportAggregator } from './aggregate/aggregator.js'
import { histogramTrend } from './aggregate/http-aggregate.js'
import { HOST_LAUNCHED, reached } from './aggregate/host-table.js'
import { METRICS, lookupMetric, type MetricSpec } from './metric-catalogue.js'
import { round, trendValues, type TrendSource } from './percentile.js'
import { SampleBuffer } from './sample-buffer.js'

export interface RateCount {
  passes: number
  total: number
}

export interface GaugeReading {
  value: number
  min: number
  max: number
}

/** Counter names of the timeline that feed agent.* counters (the agent writes `steps.unknown.<type>`). */
const UNKNOWN_STEPS = (name: string): boolean =>
  name === 'agent.unknown_steps' || name === 'steps.unknown' || name.startsWith('steps.unknown.')
const STEP_FAILURES = (name: string): boolean =>
  name === 'agent.step_failures' || name === 'step_failures' || name === 'steps.failures'

/**
 * Every metric of a run, computed once the timelines are read: trends over per-host and per-cluster durations
 * (exact, from sorted samples), HTTP trends (merged HDR histograms), rates, counters and the run gauge. It
 * answers threshold queries for any aggregation (p(99.9) included) and renders the `metrics` map of report.json.
 */
export class MetricBook {
  private readonly trends = new Map<string, TrendSource>()
  private readonly rates = new Map<string, RateCount>()
  private readonly counts = new Map<string, number>()
  private readonly gauges = new Map<string, GaugeReading | undefined>()
  /** Run duration in seconds, the denominator of counter rates. */
  readonly durationS: number | undefined
  /** Metric keys in report order. */
  readonly keys: string[] = []
  private readonly specs = new Map<string, MetricSpec>()

  constructor(aggregator: ReportAggregator, duration: number | undefined) {
    this.durationS = duration !== undefined && duration > 0 ? duration / 1000 : undefined
    for (const [name, spec] of Object.entries(METRICS)) this.declare(name, spec)
    this.hostMetrics(aggregator)
    this.clusterMetrics(aggregator)
    this.stageMetrics(aggregator)
    this.httpMetrics(aggregator)
    let unknown = 0
    let failures = 0
    for (const [name, value] of aggregator.counters) {
      if (UNKNOWN_STEPS(name)) unknown += value
      if (STEP_FAILURES(name)) failures += value
    }
    this.counts.set('agent.unknown_steps', unknown)
    this.counts.set('agent.step_failures', failures)
    const shards = aggregator.run.shardDurations()
    this.gauges.set(
      'run.duration',
      duration === undefined
        ? undefined
        : { value: duration, min: Math.min(duration, ...shards), max: Math.max(duration, ...shards) }
    )
  }

  private declare(key: string, spec: MetricSpec): void {
    if (this.specs.has(key)) return
    this.specs.set(key, spec)
    this.keys.push(key)
  }

  private hostMetrics(aggregator: ReportAggregator): void {
    const h = aggregator.hosts
    const launchToRegistered = new SampleBuffer(h.size)
    const discoveryToKnown = new SampleBuffer(h.size)
    const knownToInstalling = new SampleBuffer(h.size)
    const installation = new SampleBuffer(h.size)
    const launchToInstalled = new SampleBuffer(h.size)
    const installStarted = clusterInstallStarted(aggregator)
    const registered: RateCount = { passes: 0, total: 0 }
    const known: RateCount = { passes: 0, total: 0 }
    const installed: RateCount = { passes: 0, total: 0 }
    for (let i = 0; i < h.size; i++) {
      const launch = h.launch[i]!
      const reg = h.registered[i]!
      const kn = h.known[i]!
      const inst = h.installing[i]!
      const done = h.installed[i]!
      const launched = h.flags[i]! & HOST_LAUNCHED || reached(reg)
      if (reg - launch >= 0) launchToRegistered.push(reg - launch)
      if (kn - reg >= 0) discoveryToKnown.push(kn - reg)
      if (reached(inst) && reached(kn)) knownToInstalling.push(Math.max(0, inst - kn))
      if (reached(done) && reached(inst)) installation.push(Math.max(0, done - inst))
      if (done - launch >= 0) launchToInstalled.push(done - launch)
      if (launched) {
        registered.total++
        known.total++
        if (reached(reg)) registered.passes++
        if (reached(kn)) known.passes++
      }
      const cluster = h.cluster[i]!
      if (reached(inst) || reached(done) || (cluster >= 0 && installStarted[cluster])) {
        installed.total++
        if (reached(done)) installed.passes++
      }
    }
    this.trends.set('host.launch_to_registered', launchToRegistered)
    this.trends.set('host.discovery_to_known', discoveryToKnown)
    this.trends.set('host.known_to_installing', knownToInstalling)
    this.trends.set('host.installation', installation)
    this.trends.set('host.launch_to_installed', launchToInstalled)
    this.rates.set('host.registered', registered)
    this.rates.set('host.known', known)
    this.rates.set('host.installed', installed)
  }

  private clusterMetrics(aggregator: ReportAggregator): void {
    const spans: [string, (c: (typeof aggregator.clusters.all)[number]) => number][] = [
      ['cluster.created_to_ready', c => c.ready - c.created],
      ['cluster.ready_to_installing', c => c.installing - c.ready],
      ['cluster.installing_to_finalizing', c => c.finalizing - c.installing],
      ['cluster.finalizing_to_installed', c => c.installed - c.finalizing],
      ['cluster.created_to_installed', c => c.installed - c.created]
    ]
    for (const [name, span] of spans) {
      const samples = new SampleBuffer()
      for (const cluster of aggregator.clusters.all) {
        const value = span(cluster)
        if (value >= 0) samples.push(value)
      }
      this.trends.set(name, samples)
    }
    const planned = aggregator.clusters.all.filter(c => reached(c.planned))
    const considered = planned.length ? planned : aggregator.clusters.all
    this.rates.set('cluster.installed', {
      passes: considered.filter(c => reached(c.installed)).length,
      total: considered.length
    })
  }

  private stageMetrics(aggregator: ReportAggregator): void {
    // Done and Failed end the installation: no time is spent "in" them, so they are not listed.
    for (const stats of aggregator.orderedStages()) {
      this.declare(stats.metric, lookupMetric(stats.metric)!)
      this.trends.set(stats.metric, stats.samples)
    }
  }

  private httpMetrics(aggregator: ReportAggregator): void {
    const http = aggregator.http
    let requests = 0
    let errors = 0
    for (const totals of http.endpoints.values()) {
      requests += totals.requests
      errors += totals.errors
    }
    this.trends.set('http.req.duration', histogramTrend(http.overall()))
    this.counts.set('http.reqs', requests)
    this.rates.set('http.errors', { passes: errors, total: requests })
    for (const name of [...http.endpoints.keys()].sort()) {
      const totals = http.endpoints.get(name)!
      const tag = `{endpoint=${name}}`
      this.declare(`http.req.duration${tag}`, METRICS['http.req.duration']!)
      this.declare(`http.reqs${tag}`, METRICS['http.reqs']!)
      this.declare(`http.errors${tag}`, METRICS['http.errors']!)
      this.trends.set(`http.req.duration${tag}`, histogramTrend(totals.histogram))
      this.counts.set(`http.reqs${tag}`, totals.requests)
      this.rates.set(`http.errors${tag}`, { passes: totals.errors, total: totals.requests })
    }
  }

  trend(key: string): TrendSource | undefined {
    return this.trends.get(key)
  }

  rate(key: string): RateCount | undefined {
    return this.rates.get(key)
  }

  count(key: string): number | undefined {
    return this.counts.get(key)
  }

  gauge(key: string): GaugeReading | undefined {
    return this.gauges.get(key)
  }

  /** The `metrics` map of report.json. */
  render(): Record<string, Metric> {
    const metrics: Record<string, Metric> = {}
    for (const key of this.keys) {
      const spec = this.specs.get(key)!
      metrics[key] = { type: spec.type, unit: spec.unit, values: this.values(key, spec) }
    }
    return metrics
  }

  private values(key: string, spec: MetricSpec): Metric['values'] {
    switch (spec.type) {
      case 'trend':
        return trendValues(this.trends.get(key) ?? new SampleBuffer(0))
      case 'rate': {
        const rate = this.rates.get(key) ?? { passes: 0, total: 0 }
        return {
          rate: rate.total ? round(rate.passes / rate.total, 6) : null,
          passes: rate.passes,
          total: rate.total
        } satisfies RateValues
      }
      case 'counter': {
        const count = this.counts.get(key) ?? 0
        return {
          count,
          rate: this.durationS ? round(count / this.durationS, 3) : null
        } satisfies CounterValues
      }
      case 'gauge': {
        const gauge = this.gauges.get(key)
        return {
          value: round(gauge?.value, 3),
          min: round(gauge?.min, 3),
          max: round(gauge?.max, 3)
        } satisfies GaugeValues
      }
    }
  }
}

/** Per cluster number: did its installation start (requested, preparing, installing, ... or a host installing)? */
export function clusterInstallStarted(aggregator: ReportAggregator): boolean[] {
  const started = aggregator.clusters.all.map(c => reached(c.installStarted) || reached(c.installed))
  const h = aggregator.hosts
  for (let i = 0; i < h.size; i++) {
    const cluster = h.cluster[i]!
    if (cluster >= 0 && (reached(h.installing[i]!) || reached(h.installed[i]!))) started[cluster] = true
  }
  return started
}
