// GENERATED from schemas/report.schema.json by `npm run types`. Do not edit.
/* eslint-disable */

/**
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "NullableNumber".
 */
export type NullableNumber = number | null
/**
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "NumberSeries".
 */
export type NumberSeries = number[]
/**
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "NullableNumberSeries".
 */
export type NullableNumberSeries = NullableNumber[]

/**
 * report.json written by collect-results: every figure of a run, computed from its timelines alone. Durations are milliseconds, ratios are 0-1, times in series and clusters are milliseconds since series.start (epoch ms). Field names are stable; a breaking change bumps schemaVersion.
 */
export interface Report {
  /**
   * Version of this format.
   */
  schemaVersion: 1
  run: RunInfo
  /**
   * Every threshold passed and no baseline regression beyond the tolerance.
   */
  passed: boolean
  headline: Headline
  /**
   * Every metric of the catalogue (src/report/metric-catalogue.ts), keyed by name, plus one entry per stage (host.stage.<slug>) and per endpoint tag (http.req.duration{endpoint=v2GetNextSteps}).
   */
  metrics: {
    [k: string]: Metric
  }
  /**
   * Time hosts spent in each installer stage (until the next stage), in the order hosts go through them.
   */
  stages: StageSummary[]
  /**
   * Per agent-API endpoint (swagger operationId), most requested first.
   */
  endpoints: EndpointSummary[]
  /**
   * Totals of the counters snapshots (steps by type, unknown steps, step failures, ...).
   */
  counters: {
    [k: string]: number
  }
  series: Series
  clusters: ClusterTimeline
  failures: Failures
  thresholds: ThresholdResult[]
  /**
   * Comparison with an earlier report (--baseline), or null.
   */
  baseline: BaselineComparison | null
  /**
   * Lines of the timelines that could not be read (a torn last line after a crash, garbled lines); at most 100.
   */
  issues: ReadIssue[]
}
/**
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "RunInfo".
 */
export interface RunInfo {
  /**
   * Run id from the timelines' run records.
   */
  id: string | null
  /**
   * Test plan name.
   */
  name?: string
  driver?: string
  target?: string
  /**
   * Shards seen (i/N), sorted.
   */
  shards: string[]
  /**
   * ISO time of the first run start.
   */
  start: string | null
  /**
   * ISO time of the last run end (or of the last record when the run never ended).
   */
  end: string | null
  durationMs: NullableNumber
  /**
   * Worst reason among the shards' end records; null when a shard never ended.
   */
  endReason: 'completed' | 'deadline' | 'interrupted' | 'error' | null
  /**
   * How many times the run was resumed.
   */
  resumed: number
  /**
   * A shard never wrote its end record (crash or kill) or ended with reason interrupted.
   */
  interrupted: boolean
  plannedClusters: number | null
  plannedHosts: number | null
  /**
   * Timeline file names read (base names).
   */
  timelines: string[]
  /**
   * Records read.
   */
  records: number
}
/**
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "Headline".
 */
export interface Headline {
  clusters: {
    planned: number
    created: number
    installed: number
    failed: number
  }
  hosts: {
    planned: number
    launched: number
    registered: number
    known: number
    installing: number
    installed: number
    failed: number
  }
  p95DiscoveryToKnownMs: NullableNumber
  p95HostInstallationMs: NullableNumber
  p95LaunchToInstalledMs: NullableNumber
  p95ClusterInstallMs: NullableNumber
  httpRequests: number
  httpErrorRate: NullableNumber
  httpP95Ms: NullableNumber
  thresholds: {
    total: number
    passed: number
    failed: number
  }
  /**
   * Baseline comparisons worse than the tolerance.
   */
  regressions: number
}
/**
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "Metric".
 */
export interface Metric {
  type: 'trend' | 'rate' | 'counter' | 'gauge'
  unit: 'ms' | 'ratio' | 'count' | 'count/s'
  values: TrendValues | RateValues | CounterValues | GaugeValues
}
/**
 * Aggregations of a trend (k6 semantics: percentiles interpolate linearly between the closest ranks; HTTP latencies come from merged HDR histograms, 3 significant digits). null when there is no sample.
 *
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "TrendValues".
 */
export interface TrendValues {
  count: number
  min: NullableNumber
  max: NullableNumber
  avg: NullableNumber
  med: NullableNumber
  p50: NullableNumber
  p90: NullableNumber
  p95: NullableNumber
  p99: NullableNumber
}
/**
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "RateValues".
 */
export interface RateValues {
  /**
   * passes / total (0-1), null when total is 0.
   */
  rate: number | null
  passes: number
  total: number
}
/**
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "CounterValues".
 */
export interface CounterValues {
  count: number
  /**
   * count per second of run duration.
   */
  rate: number | null
}
/**
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "GaugeValues".
 */
export interface GaugeValues {
  value: NullableNumber
  min: NullableNumber
  max: NullableNumber
}
/**
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "StageSummary".
 */
export interface StageSummary {
  /**
   * The exact host-stage text ("Writing image to disk").
   */
  stage: string
  /**
   * host.stage.<slug>
   */
  metric: string
  reportedBy: ('installer' | 'bootstrap' | 'controller')[]
  durationMs: TrendValues
}
/**
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "EndpointSummary".
 */
export interface EndpointSummary {
  endpoint: string
  requests: number
  /**
   * Network errors, timeouts and 5xx.
   */
  errors: number
  errorRate: NullableNumber
  /**
   * Requests per status code ("0": network error).
   */
  codes: {
    [k: string]: number
  }
  latencyMs: TrendValues
}
/**
 * Values over time in buckets of bucketMs starting at start; point i covers [start + i*bucketMs, start + (i+1)*bucketMs).
 *
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "Series".
 */
export interface Series {
  /**
   * Epoch ms of the first bucket.
   */
  start: number | null
  bucketMs: number
  points: number
  /**
   * Hosts in each status at the end of each bucket (launched: started, not yet registered; frozen/died as the driver reported).
   */
  hostStatuses: {
    [k: string]: NumberSeries
  }
  /**
   * Clusters in each status at the end of each bucket.
   */
  clusterStatuses: {
    [k: string]: NumberSeries
  }
  /**
   * Hosts per minute reaching each milestone in each bucket (count in bucket x 60000 / bucketMs).
   */
  throughput: {
    registered: NumberSeries
    known: NumberSeries
    installed: NumberSeries
  }
  /**
   * All endpoints together: requests and errors per second, latency percentiles per bucket (null when no request).
   */
  http: {
    requestsPerSecond: NumberSeries
    errorsPerSecond: NumberSeries
    p50Ms: NullableNumberSeries
    p95Ms: NullableNumberSeries
    p99Ms: NullableNumberSeries
  }
}
/**
 * Per-cluster milestones (ms since series.start). With many clusters only the failed ones and then the slowest are listed.
 *
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "ClusterTimeline".
 */
export interface ClusterTimeline {
  total: number
  shown: number
  items: ClusterItem[]
}
/**
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "ClusterItem".
 */
export interface ClusterItem {
  name: string
  sno?: boolean
  outcome: 'installed' | 'failed' | 'in-progress' | 'not-started'
  /**
   * Hosts planned (or seen) in the cluster.
   */
  hosts: number
  /**
   * Last status observed.
   */
  status: string | null
  /**
   * Status info or failure message of the last status, when any.
   */
  info?: string
  createdMs: NullableNumber
  readyMs: NullableNumber
  installingMs: NullableNumber
  finalizingMs: NullableNumber
  installedMs: NullableNumber
  /**
   * When it failed or was given up.
   */
  endedMs: number | null
}
/**
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "Failures".
 */
export interface Failures {
  hosts: {
    total: number
    groups: HostFailureGroup[]
  }
  clusters: {
    total: number
    items: ClusterFailure[]
  }
  errors: {
    total: number
    groups: ErrorGroup[]
  }
}
/**
 * Hosts that failed the same way: same reason, last status and status info (the failing validations).
 *
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "HostFailureGroup".
 */
export interface HostFailureGroup {
  /**
   * frozen/died: the driver reported it; never-registered: launched, no 201; not-known: registered, never known; not-installed: its cluster installs, it did not finish; error: last status error.
   */
  reason: 'frozen' | 'died' | 'never-registered' | 'not-known' | 'not-installed' | 'error'
  status: string | null
  info: string | null
  count: number
  /**
   * The alphabetically first hosts of the group (at most 5).
   */
  examples: string[]
}
/**
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "ClusterFailure".
 */
export interface ClusterFailure {
  name: string
  reason: 'failed' | 'gave-up' | 'not-installed'
  status: string | null
  info: string | null
}
/**
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "ErrorGroup".
 */
export interface ErrorGroup {
  scope: 'run' | 'cluster' | 'host' | 'http'
  message: string
  count: number
  /**
   * The alphabetically first hosts or clusters it happened to (at most 5).
   */
  examples: string[]
}
/**
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "ThresholdResult".
 */
export interface ThresholdResult {
  /**
   * The expression as written.
   */
  source: string
  metric: string
  /**
   * min, max, avg, med, count, rate, ratio, value or p(N).
   */
  aggregation: string
  percentile?: number
  tags: {
    [k: string]: string
  }
  operator: '<' | '<=' | '>' | '>=' | '==' | '!='
  /**
   * Limit in the metric's unit.
   */
  value: number
  unit: 'ms' | 'ratio' | 'count' | 'count/s'
  /**
   * null: no data (fails).
   */
  measured: number | null
  passed: boolean
}
/**
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "BaselineComparison".
 */
export interface BaselineComparison {
  /**
   * Path of the baseline report.json as given.
   */
  source: string
  runId: string | null
  /**
   * Regression tolerance (fraction); null: deltas only.
   */
  tolerance: number | null
  comparisons: Comparison[]
  regressions: number
}
/**
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "Comparison".
 */
export interface Comparison {
  metric: string
  aggregation: string
  unit: 'ms' | 'ratio' | 'count' | 'count/s'
  better: 'lower' | 'higher'
  baseline: NullableNumber
  current: NullableNumber
  /**
   * current - baseline.
   */
  delta: number | null
  /**
   * delta / baseline; null when the baseline is 0 or missing.
   */
  deltaRatio: number | null
  /**
   * Worse than the baseline beyond the tolerance.
   */
  regression: boolean
}
/**
 * This interface was referenced by `Report`'s JSON-Schema
 * via the `definition` "ReadIssue".
 */
export interface ReadIssue {
  file: string
  line: number
  message: string
}
