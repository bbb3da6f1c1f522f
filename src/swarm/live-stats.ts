import { HttpMetrics } from '../timeline/http-metrics.js'
import { createLatencyHistogram } from '../timeline/http-metrics.js'
import type { Histogram } from 'hdr-histogram-js'

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

/** Request rate, p95 latency and errors over a sliding window, for the live view (not for the report). */
export class WindowedHttp {
  private windows: { start: number; n: number; err: number; histogram: Histogram }[] = []
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
      current = { start: t, n: 0, err: 0, histogram: createLatencyHistogram() }
      this.windows.push(current)
      this.trim(t)
    }
    current.n++
    this.total++
    if (status === 0 || status >= 500) {
      current.err++
      this.errors++
    }
    current.histogram.recordValue(Math.max(1, Math.round(durationMs * 1000)))
  }

  private trim(t: number): void {
    while (this.windows.length && t - this.windows[0]!.start > this.windowMs)
      this.windows.shift()!.histogram.destroy()
  }

  /** Requests per second, p95 latency (ms) and errors over the window. */
  snapshot(): { rate: number; p95Ms: number; errors: number } {
    const t = this.now()
    this.trim(t)
    if (!this.windows.length) return { rate: 0, p95Ms: 0, errors: 0 }
    const merged = createLatencyHistogram()
    let n = 0
    let err = 0
    for (const w of this.windows) {
      merged.add(w.histogram)
      n += w.n
      err += w.err
    }
    const span = Math.max(1000, t - this.windows[0]!.start)
    const p95Ms = merged.getValueAtPercentile(95) / 1000
    merged.destroy()
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
