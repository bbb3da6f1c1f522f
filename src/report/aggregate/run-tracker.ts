import type { RunRecord } from '../../timeline/records.js'

export interface RunTrackerState {
  ids: string[]
  shards: [string, ShardState][]
  thresholds: string[]
  name?: string
  driver?: string
  target?: string
  resumed: number
  firstT: number
  lastT: number
}

interface ShardState {
  start: number
  end: number
  endReason?: RunRecord['reason']
  clusters?: number
  hosts?: number
}

const REASON_SEVERITY: Record<NonNullable<RunRecord['reason']>, number> = {
  completed: 0,
  deadline: 1,
  interrupted: 2,
  error: 3
}

/** Run-level facts from the `run` records of every shard: ids, times, planned totals, thresholds. */
export class RunTracker {
  readonly ids = new Set<string>()
  readonly shards = new Map<string, ShardState>()
  readonly thresholds: string[] = []
  name?: string
  driver?: string
  target?: string
  resumed = 0
  /** Earliest and latest record time of any kind. */
  firstT = Infinity
  lastT = -Infinity

  see(t: number): void {
    if (t < this.firstT) this.firstT = t
    if (t > this.lastT) this.lastT = t
  }

  add(record: RunRecord): void {
    if (record.run) this.ids.add(record.run)
    const key = record.shard || '0/1'
    let shard = this.shards.get(key)
    if (!shard) {
      shard = { start: NaN, end: NaN }
      this.shards.set(key, shard)
    }
    switch (record.ev) {
      case 'start':
      case 'resume':
        if (record.ev === 'resume') {
          this.resumed++
          // A resume after an end reopens the shard until its next end record.
          if (shard.end <= record.t) {
            shard.end = NaN
            shard.endReason = undefined
          }
        }
        if (!(shard.start <= record.t)) shard.start = record.t
        this.name ??= record.name
        this.driver ??= record.driver
        this.target ??= record.target
        if (typeof record.clusters === 'number') shard.clusters = record.clusters
        if (typeof record.hosts === 'number') shard.hosts = record.hosts
        for (const threshold of record.thresholds ?? [])
          if (!this.thresholds.includes(threshold)) this.thresholds.push(threshold)
        break
      case 'end':
        if (!(shard.end >= record.t)) {
          shard.end = record.t
          shard.endReason = record.reason
        }
        break
    }
  }

  exportState(): RunTrackerState {
    return {
      ids: [...this.ids],
      shards: [...this.shards].map(([k, v]) => [k, { ...v }]),
      thresholds: this.thresholds.slice(),
      ...(this.name ? { name: this.name } : {}),
      ...(this.driver ? { driver: this.driver } : {}),
      ...(this.target ? { target: this.target } : {}),
      resumed: this.resumed,
      firstT: this.firstT,
      lastT: this.lastT
    }
  }

  /** Adds another thread's run records (a shard seen by both keeps its earliest start and latest end). */
  merge(state: RunTrackerState): void {
    for (const id of state.ids) this.ids.add(id)
    for (const [key, other] of state.shards) {
      const shard = this.shards.get(key)
      if (!shard) {
        this.shards.set(key, { ...other })
        continue
      }
      if (!(shard.start <= other.start)) shard.start = other.start
      if (!(shard.end >= other.end) && !Number.isNaN(other.end)) {
        shard.end = other.end
        shard.endReason = other.endReason
      }
      shard.clusters ??= other.clusters
      shard.hosts ??= other.hosts
    }
    for (const threshold of state.thresholds)
      if (!this.thresholds.includes(threshold)) this.thresholds.push(threshold)
    this.name ??= state.name
    this.driver ??= state.driver
    this.target ??= state.target
    this.resumed += state.resumed
    this.firstT = Math.min(this.firstT, state.firstT)
    this.lastT = Math.max(this.lastT, state.lastT)
  }

  /** Earliest start of any shard, else the first record. */
  get start(): number {
    let start = Infinity
    for (const shard of this.shards.values()) if (shard.start < start) start = shard.start
    return Number.isFinite(start) ? start : this.firstT
  }

  /** Latest end of any shard (or the last record when a shard never ended). */
  get end(): number {
    let end = -Infinity
    let open = !this.shards.size
    for (const shard of this.shards.values()) {
      if (Number.isNaN(shard.end)) open = true
      else if (shard.end > end) end = shard.end
    }
    return open || !Number.isFinite(end) ? Math.max(end, this.lastT) : end
  }

  /** The worst end reason, or undefined when some shard has no end record. */
  get endReason(): RunRecord['reason'] | undefined {
    let worst: RunRecord['reason'] | undefined
    for (const shard of this.shards.values()) {
      if (!shard.endReason) return undefined
      if (!worst || REASON_SEVERITY[shard.endReason] > REASON_SEVERITY[worst]) worst = shard.endReason
    }
    return worst
  }

  get interrupted(): boolean {
    if (!this.shards.size) return true
    for (const shard of this.shards.values())
      if (Number.isNaN(shard.end) || shard.endReason === 'interrupted') return true
    return false
  }

  /** Sum over shards of their planned totals, undefined when no shard said. */
  planned(field: 'clusters' | 'hosts'): number | undefined {
    let total: number | undefined
    for (const shard of this.shards.values())
      if (shard[field] !== undefined) total = (total ?? 0) + shard[field]!
    return total
  }

  /** Durations of each shard (end − start), for the run.duration gauge. */
  shardDurations(): number[] {
    const durations: number[] = []
    for (const shard of this.shards.values()) {
      const end = Number.isNaN(shard.end) ? this.lastT : shard.end
      if (Number.isFinite(shard.start) && Number.isFinite(end)) durations.push(end - shard.start)
    }
    return durations
  }
}
