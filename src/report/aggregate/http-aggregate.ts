import * as hdr from 'hdr-histogram-js'
import type { HttpRecord } from '../../timeline/records.js'
import type { TrendSource } from '../percentile.js'
import { TimeBuckets } from './time-buckets.js'

/** Totals of one endpoint over the run: counts and the merged HDR latency histogram (microseconds). */
export interface EndpointTotals {
  name: string
  requests: number
  errors: number
  codes: Map<string, number>
  histogram: hdr.Histogram
}

/**
 * Histograms the report folds into: the timeline's latency range (1 µs – 1 h, 3 significant digits) with plain
 * 32-bit counters. hdr-histogram-js's "packed" buckets (what the writer uses to keep snapshots small) make
 * decode, add and percentile queries 20–50× slower; 32-bit counters cost 94 kB a histogram, which is why the
 * time buckets of HTTP latency are capped at MAX_HTTP_BUCKETS.
 */
export function createAggregateHistogram(): hdr.Histogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3,
    bitBucketSize: 32
  })
}

function decode(encoded: string): hdr.Histogram {
  return hdr.decodeFromCompressedBase64(encoded, 32)
}

/** At most this many latency histograms over time (24 MB). */
export const MAX_HTTP_BUCKETS = 256

interface HttpBucket {
  requests: number
  errors: number
  histogram?: hdr.Histogram
}

/**
 * Folds the periodic `http` snapshots: per-endpoint totals (histograms merged as they come, each snapshot decoded
 * once and dropped) and, for "latency over time", one merged histogram of all endpoints per time bucket.
 * Counts of a snapshot are spread over the buckets its [from, to) interval overlaps, so rates stay smooth
 * whatever the snapshot period; its histogram goes to the bucket of the interval's middle.
 */
export class HttpAggregate {
  readonly endpoints = new Map<string, EndpointTotals>()
  readonly overall = createAggregateHistogram()
  /** Longest snapshot interval seen (to choose a bucket width that is not spikier than the data). */
  maxIntervalMs = 0
  private readonly buckets = new TimeBuckets<HttpBucket>(
    () => ({ requests: 0, errors: 0 }),
    (into, from) => {
      into.requests += from.requests
      into.errors += from.errors
      if (from.histogram) {
        if (into.histogram) into.histogram.add(from.histogram)
        else into.histogram = from.histogram
      }
    },
    1000,
    MAX_HTTP_BUCKETS
  )

  add(record: HttpRecord): void {
    const from = Number.isFinite(record.from) ? record.from : record.t
    const to = Number.isFinite(record.to) && record.to > from ? record.to : from
    this.maxIntervalMs = Math.max(this.maxIntervalMs, to - from)
    let requests = 0
    let errors = 0
    let merged: hdr.Histogram | undefined
    for (const [name, snapshot] of Object.entries(record.ep ?? {})) {
      if (!snapshot || typeof snapshot.n !== 'number') continue
      let totals = this.endpoints.get(name)
      if (!totals) {
        totals = { name, requests: 0, errors: 0, codes: new Map(), histogram: createAggregateHistogram() }
        this.endpoints.set(name, totals)
      }
      totals.requests += snapshot.n
      totals.errors += snapshot.err ?? 0
      for (const [code, count] of Object.entries(snapshot.codes ?? {}))
        totals.codes.set(code, (totals.codes.get(code) ?? 0) + count)
      requests += snapshot.n
      errors += snapshot.err ?? 0
      if (snapshot.hist) {
        const decoded = decode(snapshot.hist)
        totals.histogram.add(decoded)
        this.overall.add(decoded)
        if (!merged) merged = createAggregateHistogram()
        merged.add(decoded)
        decoded.destroy()
      }
    }
    if (!requests && !merged) return
    this.spread(from, to, requests, errors)
    const bucket = this.buckets.at((from + to) / 2)
    if (merged) {
      if (bucket.histogram) {
        bucket.histogram.add(merged)
        merged.destroy()
      } else bucket.histogram = merged
    }
  }

  private spread(from: number, to: number, requests: number, errors: number): void {
    if (to <= from) {
      const bucket = this.buckets.at(from)
      bucket.requests += requests
      bucket.errors += errors
      return
    }
    // Touch both ends first so the width is settled before the loop walks the buckets.
    this.buckets.at(from)
    this.buckets.at(to - 1)
    const width = this.buckets.width
    for (let start = Math.floor(from / width) * width; start < to; start += width) {
      const share = (Math.min(to, start + width) - Math.max(from, start)) / (to - from)
      const bucket = this.buckets.at(start)
      bucket.requests += requests * share
      bucket.errors += errors * share
    }
  }

  get width(): number {
    return this.buckets.width
  }

  /** The bucket starting at `startMs` after coarsening to `widthMs`. */
  bucket(startMs: number, widthMs: number): HttpBucket | undefined {
    this.buckets.coarsen(widthMs)
    return this.buckets.get(startMs)
  }
}

/** A trend over an HDR histogram of microseconds, answered in milliseconds. */
export function histogramTrend(histogram: hdr.Histogram | undefined): TrendSource {
  const count = histogram ? histogram.totalCount : 0
  return {
    count,
    min: () => (count ? histogram!.minNonZeroValue / 1000 : undefined),
    max: () => (count ? histogram!.maxValue / 1000 : undefined),
    avg: () => (count ? histogram!.mean / 1000 : undefined),
    percentile: p => (count ? histogram!.getValueAtPercentile(p) / 1000 : undefined)
  }
}
