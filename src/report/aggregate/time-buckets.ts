/**
 * Values over time in buckets whose width starts at `baseMs` and doubles whenever the span seen would need more
 * than `maxBuckets` buckets, so memory stays bounded however long the run and records may arrive in any order
 * (shards are read one after the other). Bucket k covers [k × width, (k + 1) × width) in epoch milliseconds;
 * doubling maps k to ⌊k / 2⌋, so every width is baseMs × 2^n and series of different widths can be aligned.
 */
export class TimeBuckets<T> {
  private buckets = new Map<number, T>()
  private minKey = Infinity
  private maxKey = -Infinity
  private widthMs: number

  constructor(
    private readonly create: () => T,
    private readonly merge: (into: T, from: T) => void,
    baseMs = 1000,
    private readonly maxBuckets = 1024
  ) {
    this.widthMs = baseMs
  }

  get width(): number {
    return this.widthMs
  }

  get size(): number {
    return this.buckets.size
  }

  /** The bucket holding time `t` (created when missing). */
  at(t: number): T {
    let key = Math.floor(t / this.widthMs)
    if (key < this.minKey || key > this.maxKey) {
      const lo = Math.min(key, this.minKey)
      const hi = Math.max(key, this.maxKey)
      let width = this.widthMs
      while (
        Math.floor((hi * this.widthMs) / width) - Math.floor((lo * this.widthMs) / width) + 1 >
        this.maxBuckets
      )
        width *= 2
      if (width !== this.widthMs) {
        this.coarsen(width)
        key = Math.floor(t / this.widthMs)
      }
      this.minKey = Math.min(this.minKey, key)
      this.maxKey = Math.max(this.maxKey, key)
    }
    let bucket = this.buckets.get(key)
    if (bucket === undefined) {
      bucket = this.create()
      this.buckets.set(key, bucket)
    }
    return bucket
  }

  /** Merges buckets until they are `width` wide (a power-of-two multiple of the current width). */
  coarsen(width: number): void {
    if (width <= this.widthMs) return
    const factor = width / this.widthMs
    if (!Number.isInteger(Math.log2(factor)))
      throw new Error(`TimeBuckets: ${width} is not ${this.widthMs} × 2^n`)
    const merged = new Map<number, T>()
    for (const [key, bucket] of this.buckets) {
      const target = Math.floor(key / factor)
      const existing = merged.get(target)
      if (existing === undefined) merged.set(target, bucket)
      else this.merge(existing, bucket)
    }
    this.buckets = merged
    this.widthMs = width
    this.minKey = Math.floor(this.minKey / factor)
    this.maxKey = Math.floor(this.maxKey / factor)
  }

  /** Every bucket as [start ms, value], for moving state between threads. */
  entries(): [number, T][] {
    return [...this.buckets].map(([key, value]) => [key * this.widthMs, value])
  }

  /**
   * Merges buckets of another series (`entries` at `width`, both base × 2^n) into this one, coarsening whichever
   * is finer; `into` adds an imported value into a bucket of this series.
   */
  mergeEntries(entries: [number, T][], width: number, into: (bucket: T, value: T) => void): void {
    if (width > this.widthMs) this.coarsen(width)
    for (const [start, value] of entries) into(this.at(start), value)
  }

  /** The bucket starting at `startMs` (a multiple of the width), if any. */
  get(startMs: number): T | undefined {
    return this.buckets.get(Math.floor(startMs / this.widthMs))
  }
}

/** The smallest baseMs × 2^n that is at least `atLeast` and needs at most `maxPoints` buckets for `spanMs`. */
export function chooseBucketWidth(
  spanMs: number,
  baseMs: number,
  atLeast: number,
  maxPoints: number
): number {
  let width = baseMs
  while (width < atLeast || Math.ceil((spanMs + 1) / width) + 1 > maxPoints) width *= 2
  return width
}
