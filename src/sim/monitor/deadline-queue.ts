/** Anything the queue can hold: it remembers the deadline it is queued for, so each item is queued at most once. */
export interface Schedulable {
  queuedDeadline: number
}

/**
 * A min-heap of (deadline, item) with at most one live entry per item. Re-arming an item to a later deadline is
 * free (the early entry pops, the caller sees the real deadline is later and re-arms); arming it earlier pushes a
 * new entry and the older one is skipped when it pops. This keeps the monitors' time-driven work proportional to
 * the items whose deadline actually passed.
 */
export class DeadlineQueue<T extends Schedulable> {
  private times: number[] = []
  private items: T[] = []

  get size(): number {
    return this.items.length
  }

  /** Queues `item` for `at` unless it is already queued for an earlier (or the same) time. `at` 0 means never. */
  arm(item: T, at: number): void {
    if (at <= 0) return
    // Whole milliseconds: items keep the deadline as a small integer (see HostRecord.queuedDeadline).
    at = Math.ceil(at)
    if (item.queuedDeadline > 0 && item.queuedDeadline <= at) return
    item.queuedDeadline = at
    this.push(at, item)
  }

  /** Removes and returns the items whose queued deadline is ≤ now (stale entries skipped). */
  popDue(now: number, into: T[] = []): T[] {
    while (this.times.length && this.times[0]! <= now) {
      const at = this.times[0]!
      const item = this.pop()
      if (item.queuedDeadline !== at) continue
      item.queuedDeadline = 0
      into.push(item)
    }
    return into
  }

  clear(): void {
    for (const item of this.items) item.queuedDeadline = 0
    this.times = []
    this.items = []
  }

  private push(at: number, item: T): void {
    const times = this.times
    const items = this.items
    let i = times.length
    times.push(at)
    items.push(item)
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (times[parent]! <= at) break
      times[i] = times[parent]!
      items[i] = items[parent]!
      i = parent
    }
    times[i] = at
    items[i] = item
  }

  private pop(): T {
    const times = this.times
    const items = this.items
    const top = items[0]!
    const lastTime = times.pop()!
    const lastItem = items.pop()!
    const n = times.length
    if (n === 0) return top
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      if (left >= n) break
      const right = left + 1
      const child = right < n && times[right]! < times[left]! ? right : left
      if (times[child]! >= lastTime) break
      times[i] = times[child]!
      items[i] = items[child]!
      i = child
    }
    times[i] = lastTime
    items[i] = lastItem
    return top
  }
}
