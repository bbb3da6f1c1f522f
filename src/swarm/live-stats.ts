import { HttpMetrics } from '../timeline/http-metrics.js'

/** Counts by status (clusters and hosts), kept current from the transitions the target observes. */
export class StatusCounts {
  private readonly current = new Map<string, string>()
  private readonly counts = new Map<string, number>()

  set(key: string, status: string): void {
    const previous = this.current.get(key)
    if (previous === status) return
    if (previous !== undefined) this.counts.set(previous, (this.counts.get(previous) ?? 1) - 1)
    this.current.set(key, status)
    this.counts.set(status, (this.counts.get(status) ?? 0) + 1)
  }

  get(key: string): string | undefined {
    return this.current.get(key)
  }

  count(status: string): number {
    return this.counts.get(status) ?? 0
  }

  /** Non-zero counts, largest first. */
  entries(): [string, number][] {
    return [...this.counts.entries()].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1])
  }

  get size(): number {
    return this.current.size
  }
}

/**
 * Latency buckets of the live view: 2 % wide on a log scale from 1 µs, so its p95 is within 2 % of the exact one
 * (the timeline keeps exact HDR histograms for the report). Merging the windows of a snapshot is then a sum over
 * the few buckets in use; merging packed HDR histograms there cost the swarm process tens of ms per progress
 * update, twice a second, whatever the number of hosts (found by bench/drivers).
 */
const BUCKET_RATIO = 1.02
const LOG_RATIO = Math.log(BUCKET_RATIO)

function bucketOf(micros: number): number {
  return Math.floor(Math.log(Math.max(1, micros)) / LOG_RATIO)
}

/** The upper bound of a bucket, in µs. */
function bucketTop(bucket: number): number {
  return Math.exp((bucket + 1) * LOG_RATIO)
}

/** Request rate, p95 latency and errors over a sliding window, for the live view (not for the report). */
export class WindowedHttp {
  private windows: { start: number; n: number; err: number; buckets: Map<number, number> }[] = []
  total = 0
  errors = 0

  constructor(
    private readonly windowMs = 10_000,
    private readonly now: () => number = Date.now
  ) {}

  record(status: number, durationMs: number): void {
    const t = this.now()
    let current = this.windows[this.windows.length - 1]
    if (!current || t - current.start >= 1000) {
      current = { start: t, n: 0, err: 0, buckets: new Map() }
      this.windows.push(current)
      this.trim(t)
    }
    current.n++
    this.total++
    if (status === 0 || status >= 500) {
      current.err++
      this.errors++
    }
    const bucket = bucketOf(durationMs * 1000)
    current.buckets.set(bucket, (current.buckets.get(bucket) ?? 0) + 1)
  }

  private trim(t: number): void {
    while (this.windows.length && t - this.windows[0]!.start > this.windowMs) this.windows.shift()
  }

  /** Requests per second, p95 latency (ms, within 2 %) and errors over the window. */
  snapshot(): { rate: number; p95Ms: number; errors: number } {
    const t = this.now()
    this.trim(t)
    if (!this.windows.length) return { rate: 0, p95Ms: 0, errors: 0 }
    const merged = new Map<number, number>()
    let n = 0
    let err = 0
    for (const w of this.windows) {
      for (const [bucket, count] of w.buckets) merged.set(bucket, (merged.get(bucket) ?? 0) + count)
      n += w.n
      err += w.err
    }
    const span = Math.max(1000, t - this.windows[0]!.start)
    let p95Ms = 0
    const rank = Math.ceil(0.95 * n)
    let seen = 0
    for (const bucket of [...merged.keys()].sort((a, b) => a - b)) {
      seen += merged.get(bucket)!
      if (seen >= rank) {
        p95Ms = bucketTop(bucket) / 1000
        break
      }
    }
    return { rate: (n * 1000) / span, p95Ms, errors: err }
  }
}

/** HttpMetrics that also feeds the live window, so the view and the timeline see the same requests. */
export class ObservedHttpMetrics extends HttpMetrics {
  constructor(
    readonly live: WindowedHttp,
    now?: () => number
  ) {
    super(now)
  }

  override record(endpoint: string, status: number, durationMs: number): void {
    super.record(endpoint, status, durationMs)
    this.live.record(status, durationMs)
  }
}
