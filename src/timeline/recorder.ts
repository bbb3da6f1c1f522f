import type { RecordInput } from './records.js'
import { Counters, HttpMetrics } from './http-metrics.js'
import type { TimelineWriter } from './writer.js'

/**
 * What hosts, targets and drivers record into: timeline events, HTTP latency and counters. The swarm owns
 * the writer and snapshots metrics into it periodically; tests can use `MemoryRecorder`.
 */
export interface Recorder {
  event(record: RecordInput): void
  readonly http: HttpMetrics
  readonly counters: Counters
}

export class TimelineRecorder implements Recorder {
  readonly http: HttpMetrics
  readonly counters: Counters
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly writer: TimelineWriter,
    options: { snapshotIntervalMs?: number; now?: () => number; http?: HttpMetrics } = {}
  ) {
    this.http = options.http ?? new HttpMetrics(options.now)
    this.counters = new Counters(options.now)
    this.timer = setInterval(() => this.snapshot(), options.snapshotIntervalMs ?? 5000)
    this.timer.unref()
  }

  event(record: RecordInput): void {
    this.writer.append(record)
  }

  /** Records written to the file so far. */
  written(): number {
    return this.writer.written
  }

  /** Writes the metrics of the interval since the last snapshot. */
  snapshot(): void {
    const http = this.http.snapshot()
    if (http) this.writer.append(http)
    const counters = this.counters.snapshot()
    if (counters) this.writer.append(counters)
  }

  close(): void {
    if (this.timer) clearInterval(this.timer)
    this.snapshot()
    this.writer.close()
  }
}

/** Keeps events in memory; for tests and for components that run without a timeline. */
export class MemoryRecorder implements Recorder {
  readonly events: RecordInput[] = []
  readonly http = new HttpMetrics()
  readonly counters = new Counters()
  event(record: RecordInput): void {
    this.events.push(record.t === undefined ? { ...record, t: Date.now() } : record)
  }
}
