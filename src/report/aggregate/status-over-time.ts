import { TimeBuckets } from './time-buckets.js'

export interface StatusOverTimeState {
  width: number
  entries: [number, number[]][]
  seen: number[]
}

/**
 * How many hosts (or clusters) are in each state over time, from transitions only: each move adds −1 to the old
 * state and +1 to the new one in the bucket of its time; counts are running sums at the end. Memory is one
 * small array per bucket, never per host.
 */
export class StatusOverTime {
  private readonly buckets = new TimeBuckets<number[]>(
    () => [],
    (into, from) => from.forEach((delta, state) => (into[state] = (into[state] ?? 0) + delta))
  )
  private readonly seen = new Set<number>()

  /** Moves one item from state `from` (-1: none) to `to` at time `t`. */
  move(from: number, to: number, t: number): void {
    if (from === to) return
    const bucket = this.buckets.at(t)
    if (from >= 0) bucket[from] = (bucket[from] ?? 0) - 1
    if (to >= 0) {
      bucket[to] = (bucket[to] ?? 0) + 1
      this.seen.add(to)
    }
  }

  get width(): number {
    return this.buckets.width
  }

  exportState(): StatusOverTimeState {
    return { width: this.buckets.width, entries: this.buckets.entries(), seen: [...this.seen] }
  }

  /** Adds another thread's moves; `string` translates its interned states. */
  merge(state: StatusOverTimeState, string: (id: number) => number): void {
    for (const s of state.seen) this.seen.add(string(s))
    this.buckets.mergeEntries(state.entries, state.width, (bucket, deltas) =>
      deltas.forEach((delta, s) => {
        if (delta === undefined || delta === null) return
        const to = string(s)
        bucket[to] = (bucket[to] ?? 0) + delta
      })
    )
  }

  /** States that ever held an item. */
  states(): number[] {
    return [...this.seen]
  }

  /** Count in each state at the end of each of `points` buckets of `widthMs` from `start`. */
  series(start: number, widthMs: number, points: number, states: number[]): Map<number, number[]> {
    this.buckets.coarsen(widthMs)
    const out = new Map<number, number[]>(states.map(s => [s, new Array<number>(points).fill(0)]))
    const running = new Map<number, number>()
    // Moves before the first bucket (records earlier than the run start) count from the start.
    for (let i = 0; i < points; i++) {
      const bucket = this.buckets.get(start + i * widthMs)
      if (bucket) bucket.forEach((delta, state) => running.set(state, (running.get(state) ?? 0) + delta))
      for (const state of states) out.get(state)![i] = running.get(state) ?? 0
    }
    return out
  }
}
