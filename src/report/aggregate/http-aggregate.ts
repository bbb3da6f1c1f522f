import type { HttpRecord } from '../../timeline/records.js'
import type { TrendSource } from '../percentile.js'
import { decodeLatencyHistogram, LatencyHistogram } from './latency-histogram.js'
import { TimeBuckets } from './time-buckets.js'

/** Totals of one endpoint over the run: counts and the merged HDR latency histogram (microseconds). */
export interface EndpointTotals {
  name: string
  requests: number
  errors: number
  codes: Map<string, number>
  histogram: LatencyHistogram
}

export interface HttpAggregateState {
  maxIntervalMs: number
  endpoints: {
    name: string
    requests: number
    errors: number
    codes: [string, number][]
    histogram: number[]
  }[]
  width: number
  buckets: [number, { requests: number; errors: number; histogram: number[] | undefined }][]
}

interface HttpBucket {
  requests: number
  errors: number
  histogram?: LatencyHistogram
}

/**
 * Folds the periodic `http` snapshots: per-endpoint totals (histograms merged as they come, each snapshot decoded
 * once and dropped) and, for "latency over time", one merged histogram of all endpoints per time bucket (sparse
 * histograms: a bucket costs what its distinct latencies cost, so there is no cap on buckets to speak of).
 * Counts of a snapshot are spread over the buckets its [from, to) interval overlaps, so rates stay smooth
 * whatever the snapshot period; its histogram goes to the bucket of the interval's middle.
 */
export class HttpAggregate {
  readonly endpoints = new Map<string, EndpointTotals>()
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
    }
  )

  add(record: HttpRecord): void {
    const from = Number.isFinite(record.from) ? record.from : record.t
    const to = Number.isFinite(record.to) && record.to > from ? record.to : from
    this.maxIntervalMs = Math.max(this.maxIntervalMs, to - from)
    let requests = 0
    let errors = 0
    let bucket: HttpBucket | undefined
    for (const [name, snapshot] of Object.entries(record.ep ?? {})) {
      if (!snapshot || typeof snapshot.n !== 'number') continue
      let totals = this.endpoints.get(name)
      if (!totals) {
        totals = { name, requests: 0, errors: 0, codes: new Map(), histogram: new LatencyHistogram() }
        this.endpoints.set(name, totals)
      }
      totals.requests += snapshot.n
      totals.errors += snapshot.err ?? 0
      for (const [code, count] of Object.entries(snapshot.codes ?? {}))
        totals.codes.set(code, (totals.codes.get(code) ?? 0) + count)
      requests += snapshot.n
      errors += snapshot.err ?? 0
      if (snapshot.hist) {
        const decoded = decodeLatencyHistogram(snapshot.hist)
        totals.histogram.add(decoded)
        bucket ??= this.buckets.at((from + to) / 2)
        if (bucket.histogram) bucket.histogram.add(decoded)
        else bucket.histogram = decoded
      }
    }
    if (requests) this.spread(from, to, requests, errors)
  }

  /** All endpoints together. */
  overall(): LatencyHistogram {
    const all = new LatencyHistogram()
    for (const totals of this.endpoints.values()) all.add(totals.histogram)
    return all
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

  exportState(): HttpAggregateState {
    return {
      maxIntervalMs: this.maxIntervalMs,
      endpoints: [...this.endpoints.values()].map(e => ({
        name: e.name,
        requests: e.requests,
        errors: e.errors,
        codes: [...e.codes],
        histogram: e.histogram.exportState()
      })),
      width: this.buckets.width,
      buckets: this.buckets
        .entries()
        .map(([start, b]) => [
          start,
          { requests: b.requests, errors: b.errors, histogram: b.histogram?.exportState() }
        ])
    }
  }

  merge(state: HttpAggregateState): void {
    this.maxIntervalMs = Math.max(this.maxIntervalMs, state.maxIntervalMs)
    for (const e of state.endpoints) {
      let totals = this.endpoints.get(e.name)
      if (!totals) {
        totals = { name: e.name, requests: 0, errors: 0, codes: new Map(), histogram: new LatencyHistogram() }
        this.endpoints.set(e.name, totals)
      }
      totals.requests += e.requests
      totals.errors += e.errors
      for (const [code, count] of e.codes) totals.codes.set(code, (totals.codes.get(code) ?? 0) + count)
      totals.histogram.add(LatencyHistogram.fromState(e.histogram))
    }
    const imported = state.buckets.map(([start, b]): [number, HttpBucket] => [
      start,
      {
        requests: b.requests,
        errors: b.errors,
        ...(b.histogram ? { histogram: LatencyHistogram.fromState(b.histogram) } : {})
      }
    ])
    this.buckets.mergeEntries(imported, state.width, (into, from) => {
      into.requests += from.requests
      into.errors += from.errors
      if (from.histogram) {
        if (into.histogram) into.histogram.add(from.histogram)
        else into.histogram = from.histogram
      }
    })
  }

  /** The bucket starting at `startMs` after coarsening to `widthMs`. */
  bucket(startMs: number, widthMs: number): HttpBucket | undefined {
    this.buckets.coarsen(widthMs)
    return this.buckets.get(startMs)
  }
}

/** A trend over an HDR histogram of microseconds, answered in milliseconds. */
export function histogramTrend(histogram: LatencyHistogram | undefined): TrendSource {
  const count = histogram ? histogram.totalCount : 0
  return {
    count,
    min: () => (count ? histogram!.minNonZeroValue / 1000 : undefined),
    max: () => (count ? histogram!.maxValue / 1000 : undefined),
    avg: () => (count ? histogram!.mean / 1000 : undefined),
    percentile: p => (count ? histogram!.getValueAtPercentile(p) / 1000 : undefined)
  }
}
