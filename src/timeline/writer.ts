import { appendFileSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { RecordInput, TimelineRecord } from './records.js'

export interface TimelineWriterOptions {
  /** Flush the buffer this often (default 1 s): a crash loses at most this interval. */
  flushIntervalMs?: number
  /** Flush early when this many lines are buffered. */
  maxBufferedLines?: number
  now?: () => number
}

/**
 * Appends records to a JSON-lines file. Appends are buffered and written with one synchronous append per
 * interval, so the file only ever grows by whole lines and a `kill -9` loses at most the last interval.
 */
export class TimelineWriter {
  private buffer: string[] = []
  private timer: NodeJS.Timeout | undefined
  private closed = false
  private readonly now: () => number
  private readonly maxBuffered: number
  /** Records written so far (for progress and benchmarks). */
  written = 0

  constructor(
    readonly path: string,
    options: TimelineWriterOptions = {}
  ) {
    mkdirSync(dirname(path), { recursive: true })
    this.now = options.now ?? Date.now
    this.maxBuffered = options.maxBufferedLines ?? 20_000
    this.timer = setInterval(() => this.flush(), options.flushIntervalMs ?? 1000)
    this.timer.unref()
  }

  append(record: RecordInput): void {
    if (this.closed) return
    const full = (record.t === undefined ? { t: this.now(), ...record } : record) as TimelineRecord
    this.buffer.push(JSON.stringify(full))
    if (this.buffer.length >= this.maxBuffered) this.flush()
  }

  flush(): void {
    if (!this.buffer.length) return
    const chunk = this.buffer.join('\n') + '\n'
    const lines = this.buffer.length
    this.buffer = []
    appendFileSync(this.path, chunk)
    this.written += lines
  }

  close(): void {
    if (this.closed) return
    this.flush()
    this.closed = true
    if (this.timer) clearInterval(this.timer)
  }
}

/** `timeline.jsonl`, or `timeline-<i>-of-<N>.jsonl` for a shard. */
export function timelineFileName(shard: { index: number; count: number }): string {
  return shard.count === 1 ? 'timeline.jsonl' : `timeline-${shard.index}-of-${shard.count}.jsonl`
}
