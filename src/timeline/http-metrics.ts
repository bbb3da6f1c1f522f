import * as hdr from 'hdr-histogram-js'
import type { HttpEndpointSnapshot, HttpRecord } from './records.js'

/** Latencies are recorded in microseconds, up to one hour, with 3 significant digits. */
export function createLatencyHistogram(): hdr.Histogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3,
    bitBucketSize: 'packed'
  })
}

export function decodeLatencyHistogram(encoded: string): hdr.Histogram {
  return hdr.decodeFromCompressedBase64(encoded, 'packed')
}

interface EndpointState {
  n: number
  err: number
  codes: Record<string, number>
  histogram: hdr.Histogram
}

/**
 * Per-endpoint request counts, outcomes and latency (HDR histograms), snapshotted into the timeline every few
 * seconds. Snapshots hold the interval's deltas, so shards and intervals merge by adding histograms.
 */
export class HttpMetrics {
  private endpoints = new Map<string, EndpointState>()
  private since: number

  constructor(private readonly now: () => number = Date.now) {
    this.since = now()
  }

  /** `status` 0 means a network error or timeout. */
  record(endpoint: string, status: number, durationMs: number): void {
    let state = this.endpoints.get(endpoint)
    if (!state) {
      state = { n: 0, err: 0, codes: {}, histogram: createLatencyHistogram() }
      this.endpoints.set(endpoint, state)
    }
    state.n++
    if (status === 0 || status >= 500) state.err++
    const code = String(status)
    state.codes[code] = (state.codes[code] ?? 0) + 1
    state.histogram.recordValue(Math.max(1, Math.round(durationMs * 1000)))
  }

  /** The interval since the last snapshot, or undefined when nothing was requested; resets the counters. */
  snapshot(): HttpRecord | undefined {
    const to = this.now()
    const from = this.since
    this.since = to
    if (!this.endpoints.size) return undefined
    const ep: Record<string, HttpEndpointSnapshot> = {}
    for (const [name, state] of this.endpoints) {
      ep[name] = {
        n: state.n,
        err: state.err,
        codes: state.codes,
        hist: hdr.encodeIntoCompressedBase64(state.histogram)
      }
      state.histogram.destroy()
    }
    this.endpoints.clear()
    return { t: to, k: 'http', from, to, ep }
  }
}

/** Named counters (steps received by type, unknown steps, failures), snapshotted like HttpMetrics. */
export class Counters {
  private values = new Map<string, number>()
  private since: number

  constructor(private readonly now: () => number = Date.now) {
    this.since = now()
  }

  add(name: string, by = 1): void {
    this.values.set(name, (this.values.get(name) ?? 0) + by)
  }

  snapshot():
    { t: number; k: 'counters'; from: number; to: number; values: Record<string, number> } | undefined {
    const to = this.now()
    const from = this.since
    this.since = to
    if (!this.values.size) return undefined
    const values = Object.fromEntries(this.values)
    this.values.clear()
    return { t: to, k: 'counters', from, to, values }
  }
}
