import { inflateSync } from 'node:zlib'

/**
 * A sparse, read-and-merge-only HDR histogram for the report. The timeline's `http` snapshots carry
 * hdr-histogram-js histograms in the standard HdrHistogram V2 compressed encoding (zlib-deflated, counts as
 * ZigZag LEB128 with runs of zeros); this decodes them straight into (bucket → count) pairs and merges by adding
 * only the non-empty buckets. hdr-histogram-js itself materialises ~23,500 counters per histogram on every decode
 * and add, which at 100,000 hosts (tens of thousands of snapshots) cost seconds; this costs microseconds.
 *
 * Answers are those of hdr-histogram-js (its getValueAtPercentile, minNonZeroValue, maxValue and mean rules);
 * latency-histogram.test.ts checks that against the library on random data.
 */
export class LatencyHistogram {
  /** Lowest value of each non-empty bucket → count. */
  private readonly counts = new Map<number, number>()
  /** Lowest value of each non-empty bucket → its width (values low … low + width − 1 share the bucket). */
  private readonly widths = new Map<number, number>()
  private sorted: number[] | undefined
  totalCount = 0

  /** Adds `count` values in the bucket starting at `low`, `width` wide. */
  addBucket(low: number, width: number, count: number): void {
    if (count <= 0) return
    const current = this.counts.get(low)
    if (current === undefined) {
      this.counts.set(low, count)
      this.widths.set(low, width)
      this.sorted = undefined
    } else this.counts.set(low, current + count)
    this.totalCount += count
  }

  add(other: LatencyHistogram): void {
    for (const [low, count] of other.counts) this.addBucket(low, other.widths.get(low)!, count)
  }

  /** Non-empty buckets as [low, width, count] triples, flattened (for moving state between threads). */
  exportState(): number[] {
    const out: number[] = []
    for (const [low, count] of this.counts) out.push(low, this.widths.get(low)!, count)
    return out
  }

  static fromState(state: number[]): LatencyHistogram {
    const h = new LatencyHistogram()
    for (let i = 0; i < state.length; i += 3) h.addBucket(state[i]!, state[i + 1]!, state[i + 2]!)
    return h
  }

  private lows(): number[] {
    this.sorted ??= [...this.counts.keys()].sort((a, b) => a - b)
    return this.sorted
  }

  /** The value at percentile p (0–100): the highest value of the bucket holding the ⌈p/100 × n⌉-th value. */
  getValueAtPercentile(percentile: number): number {
    if (!this.totalCount) return 0
    const requested = Math.min(percentile, 100)
    const fp = (requested / 100) * this.totalCount
    const countAtPercentile = Math.max(Math.ceil(fp - ulp(fp)), 1)
    let running = 0
    for (const low of this.lows()) {
      running += this.counts.get(low)!
      if (running >= countAtPercentile) return percentile === 0 ? low : low + this.widths.get(low)! - 1
    }
    return 0
  }

  /** Lowest value of the lowest non-empty bucket above zero. */
  get minNonZeroValue(): number {
    for (const low of this.lows()) if (low > 0) return low
    return Number.MAX_SAFE_INTEGER
  }

  /** Highest value of the highest non-empty bucket. */
  get maxValue(): number {
    const lows = this.lows()
    if (!lows.length) return 0
    const top = lows[lows.length - 1]!
    return top + this.widths.get(top)! - 1
  }

  /** Mean of the buckets' middles (rounded down), weighted by their counts. */
  get mean(): number {
    if (!this.totalCount) return 0
    let total = 0
    for (const [low, count] of this.counts) total += (low + Math.floor(this.widths.get(low)! / 2)) * count
    return total / this.totalCount
  }
}

function ulp(x: number): number {
  if (x === 0) return Number.MIN_VALUE
  return 2 ** (Math.floor(Math.log2(Math.abs(x))) - 52)
}

const COMPRESSED_COOKIE_BASE = 0x1c849304
const COOKIE_BASE = 0x1c849303

/** Decodes one compressed-base64 histogram of a timeline snapshot. Throws on anything but the V2 encoding. */
export function decodeLatencyHistogram(base64: string): LatencyHistogram {
  const bytes = Buffer.from(base64, 'base64')
  if (bytes.length < 8 || (bytes.readInt32BE(0) & ~0xf0) !== COMPRESSED_COOKIE_BASE)
    throw new Error('not a compressed V2 HDR histogram')
  const length = bytes.readInt32BE(4)
  const raw = inflateSync(bytes.subarray(8, 8 + length))
  if (raw.length < 40 || (raw.readInt32BE(0) & ~0xf0) !== COOKIE_BASE)
    throw new Error('not a V2 HDR histogram')
  const payloadLength = raw.readInt32BE(4)
  // Bytes 8–11 hold the normalizing index offset, which hdr-histogram-js writes as 1 and never applies; ignored.
  const significantDigits = raw.readInt32BE(12)
  const lowestDiscernible = raw.readUInt32BE(16) * 2 ** 32 + raw.readUInt32BE(20)
  // Layout, as HdrHistogram derives it from the lowest discernible value and the significant digits.
  const unitMagnitude = Math.floor(Math.log2(lowestDiscernible))
  const largestSingleUnit = 2 * 10 ** significantDigits
  const subBucketHalfCountMagnitude = Math.max(Math.ceil(Math.log2(largestSingleUnit)), 1) - 1
  const subBucketHalfCount = 2 ** subBucketHalfCountMagnitude

  const histogram = new LatencyHistogram()
  const end = 40 + payloadLength
  let position = 40
  let index = 0
  while (position < end) {
    // ZigZag LEB128, up to 9 bytes (the 9th carries 8 bits).
    let byte = raw[position++]!
    let value = byte & 0x7f
    let scale = 128
    for (let n = 1; byte & 0x80 && n < 9; n++, scale *= 128) {
      byte = raw[position++]!
      value += (n === 8 ? byte : byte & 0x7f) * scale
    }
    const count = value % 2 === 0 ? value / 2 : -(value + 1) / 2
    if (count < 0) {
      index += -count
      continue
    }
    if (count > 0) {
      let bucket = Math.floor(index / subBucketHalfCount) - 1
      let subBucket = (index % subBucketHalfCount) + subBucketHalfCount
      if (bucket < 0) {
        subBucket -= subBucketHalfCount
        bucket = 0
      }
      const low = subBucket * 2 ** (bucket + unitMagnitude)
      histogram.addBucket(low, 2 ** (bucket + unitMagnitude), count)
    }
    index++
  }
  return histogram
}
