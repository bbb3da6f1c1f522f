import type { Series } from './generated/report.js'
import type { ReportAggregator } from './aggregate/aggregator.js'
import { histogramTrend } from './aggregate/http-aggregate.js'
import { compareStates } from './aggregate/statuses.js'
import type { StatusOverTime } from './aggregate/status-over-time.js'
import { chooseBucketWidth } from './aggregate/time-buckets.js'
import { round } from './percentile.js'
import { reached } from './aggregate/host-table.js'

/** Charts stay readable (and report.json small) with at most this many points. */
export const MAX_POINTS = 240
const BASE_MS = 1000

/**
 * Values over time on one common axis. The bucket width is the smallest 1 s × 2^n that fits MAX_POINTS over the
 * run, is no finer than the HTTP snapshot period (so rates are not spiky), and no finer than what the streaming
 * buckets had to coarsen to.
 */
export function buildSeries(aggregator: ReportAggregator, start: number, end: number): Series {
  if (!Number.isFinite(start) || !Number.isFinite(end)) {
    return {
      start: null,
      bucketMs: BASE_MS,
      points: 0,
      hostStatuses: {},
      clusterStatuses: {},
      throughput: { registered: [], known: [], installed: [] },
      http: { requestsPerSecond: [], errorsPerSecond: [], p50Ms: [], p95Ms: [], p99Ms: [] }
    }
  }
  const atLeast = Math.max(
    aggregator.hostStates.width,
    aggregator.clusterStates.width,
    aggregator.http.width,
    Math.min(aggregator.http.maxIntervalMs, 60_000)
  )
  const width = chooseBucketWidth(end - start, BASE_MS, atLeast, MAX_POINTS)
  const first = Math.floor(start / width) * width
  const points = Math.floor(end / width) - Math.floor(start / width) + 1

  const throughput = { registered: zeros(points), known: zeros(points), installed: zeros(points) }
  const h = aggregator.hosts
  const perMinute = 60_000 / width
  const bin = (series: number[], t: number): void => {
    if (!reached(t)) return
    const k = Math.min(points - 1, Math.max(0, Math.floor((t - first) / width)))
    series[k]! += perMinute
  }
  for (let i = 0; i < h.size; i++) {
    bin(throughput.registered, h.registered[i]!)
    bin(throughput.known, h.known[i]!)
    bin(throughput.installed, h.installed[i]!)
  }

  const http = {
    requestsPerSecond: zeros(points),
    errorsPerSecond: zeros(points),
    p50Ms: [] as (number | null)[],
    p95Ms: [] as (number | null)[],
    p99Ms: [] as (number | null)[]
  }
  for (let k = 0; k < points; k++) {
    const bucket = aggregator.http.bucket(first + k * width, width)
    http.requestsPerSecond[k] = round(((bucket?.requests ?? 0) * 1000) / width, 3)!
    http.errorsPerSecond[k] = round(((bucket?.errors ?? 0) * 1000) / width, 3)!
    const trend = histogramTrend(bucket?.histogram)
    http.p50Ms.push(round(trend.percentile(50), 3))
    http.p95Ms.push(round(trend.percentile(95), 3))
    http.p99Ms.push(round(trend.percentile(99), 3))
  }

  return {
    start: first,
    bucketMs: width,
    points,
    hostStatuses: statusSeries(aggregator, aggregator.hostStates, first, width, points),
    clusterStatuses: statusSeries(aggregator, aggregator.clusterStates, first, width, points),
    throughput: {
      registered: throughput.registered.map(v => round(v, 3)!),
      known: throughput.known.map(v => round(v, 3)!),
      installed: throughput.installed.map(v => round(v, 3)!)
    },
    http
  }
}

function statusSeries(
  aggregator: ReportAggregator,
  tracker: StatusOverTime,
  start: number,
  width: number,
  points: number
): Record<string, number[]> {
  const states = tracker
    .states()
    .sort((a, b) => compareStates(aggregator.strings.text(a)!, aggregator.strings.text(b)!))
  const series = tracker.series(start, width, points, states)
  const out: Record<string, number[]> = {}
  for (const state of states) out[aggregator.strings.text(state)!] = series.get(state)!
  return out
}

function zeros(n: number): number[] {
  return new Array<number>(n).fill(0)
}
