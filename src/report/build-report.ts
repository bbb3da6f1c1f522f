import { HOST_LAUNCHED, reached } from './aggregate/host-table.js'
import type {
  EndpointSummary,
  Headline,
  ReadIssue,
  Report,
  RunInfo,
  StageSummary
} from './generated/report.js'
import type { ReportAggregator } from './aggregate/aggregator.js'
import { histogramTrend } from './aggregate/http-aggregate.js'
import { buildClusterTimeline } from './cluster-section.js'
import { evaluateThresholds } from './evaluate-thresholds.js'
import { collectFailures } from './failures.js'
import { MetricBook } from './metric-book.js'
import { round, trendValues } from './percentile.js'
import { buildSeries } from './series.js'
import type { Threshold } from './thresholds.js'

export const REPORT_SCHEMA_VERSION = 1
export const MAX_ISSUES = 100

export interface BuildReportOptions {
  thresholds: Threshold[]
  /** Timeline file names read (base names). */
  timelines: string[]
  issues: ReadIssue[]
}

/** The report of everything the aggregator saw, without a baseline (see applyBaseline). */
export function buildReport(aggregator: ReportAggregator, options: BuildReportOptions): Report {
  const run = aggregator.run
  const start = run.start
  const end = run.end
  const duration = Number.isFinite(start) && Number.isFinite(end) ? end - start : undefined
  const book = new MetricBook(aggregator, duration)
  const thresholds = evaluateThresholds(options.thresholds, book)
  const series = buildSeries(aggregator, start, end)
  const failures = collectFailures(aggregator)
  const metrics = book.render()
  const passed = thresholds.every(t => t.passed)
  const info: RunInfo = {
    id: [...run.ids][0] ?? null,
    ...(run.name ? { name: run.name } : {}),
    ...(run.driver ? { driver: run.driver } : {}),
    ...(run.target ? { target: run.target } : {}),
    shards: [...run.shards.keys()].sort(compareShards),
    start: Number.isFinite(start) ? new Date(start).toISOString() : null,
    end: Number.isFinite(end) ? new Date(end).toISOString() : null,
    durationMs: duration ?? null,
    endReason: run.endReason ?? null,
    resumed: run.resumed,
    interrupted: run.interrupted,
    plannedClusters: run.planned('clusters') ?? null,
    plannedHosts: run.planned('hosts') ?? null,
    timelines: options.timelines,
    records: aggregator.records
  }
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    run: info,
    passed,
    headline: headline(
      aggregator,
      book,
      info,
      thresholds.filter(t => !t.passed).length,
      thresholds.length,
      failures.hosts.total
    ),
    metrics,
    stages: stages(aggregator),
    endpoints: endpoints(aggregator),
    counters: Object.fromEntries([...aggregator.counters.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
    series,
    clusters: buildClusterTimeline(aggregator, series.start),
    failures,
    thresholds,
    baseline: null,
    issues: options.issues.slice(0, MAX_ISSUES)
  }
}

function headline(
  aggregator: ReportAggregator,
  book: MetricBook,
  run: RunInfo,
  failed: number,
  total: number,
  failedHosts: number
): Headline {
  const h = aggregator.hosts
  const counts = {
    planned: 0,
    launched: 0,
    registered: 0,
    known: 0,
    installing: 0,
    installed: 0,
    failed: failedHosts
  }
  for (let i = 0; i < h.size; i++) {
    if (h.has('planned', i)) counts.planned++
    if (h.flags[i]! & HOST_LAUNCHED || h.has('registered', i)) counts.launched++
    if (h.has('registered', i)) counts.registered++
    if (h.has('known', i)) counts.known++
    if (h.has('installing', i)) counts.installing++
    if (h.has('installed', i)) counts.installed++
  }
  if (!counts.planned) counts.planned = run.plannedHosts ?? counts.launched
  const clusters = aggregator.clusters.all
  const plannedClusters = clusters.filter(c => reached(c.planned)).length
  const p95 = (key: string): number | null => round(book.trend(key)?.percentile(95), 3)
  const errors = book.rate('http.errors')!
  return {
    clusters: {
      planned: plannedClusters || (run.plannedClusters ?? clusters.length),
      created: clusters.filter(c => reached(c.created)).length,
      installed: clusters.filter(c => reached(c.installed)).length,
      failed: clusters.filter(c => !reached(c.installed) && (c.failed || c.gaveUp)).length
    },
    hosts: counts,
    p95DiscoveryToKnownMs: p95('host.discovery_to_known'),
    p95HostInstallationMs: p95('host.installation'),
    p95LaunchToInstalledMs: p95('host.launch_to_installed'),
    p95ClusterInstallMs: p95('cluster.created_to_installed'),
    httpRequests: book.count('http.reqs') ?? 0,
    httpErrorRate: errors.total ? round(errors.passes / errors.total, 6) : null,
    httpP95Ms: p95('http.req.duration'),
    thresholds: { total, passed: total - failed, failed },
    regressions: 0
  }
}

function stages(aggregator: ReportAggregator): StageSummary[] {
  const reporters = ['installer', 'bootstrap', 'controller'] as const
  return aggregator.orderedStages().map(s => ({
    stage: s.stage,
    metric: s.metric,
    reportedBy: reporters.filter(r => s.reportedBy.has(r)),
    durationMs: trendValues(s.samples)
  }))
}

function endpoints(aggregator: ReportAggregator): EndpointSummary[] {
  return [...aggregator.http.endpoints.values()]
    .sort((a, b) => b.requests - a.requests || (a.name < b.name ? -1 : 1))
    .map(e => ({
      endpoint: e.name,
      requests: e.requests,
      errors: e.errors,
      errorRate: e.requests ? round(e.errors / e.requests, 6) : null,
      codes: Object.fromEntries([...e.codes.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
      latencyMs: trendValues(histogramTrend(e.histogram))
    }))
}

function compareShards(a: string, b: string): number {
  const [ai, an] = a.split('/').map(Number)
  const [bi, bn] = b.split('/').map(Number)
  return (an ?? 0) - (bn ?? 0) || (ai ?? 0) - (bi ?? 0) || (a < b ? -1 : 1)
}
