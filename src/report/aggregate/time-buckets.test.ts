import { describe, expect, it } from '@jest/globals'
import { chooseBucketWidth, TimeBuckets } from './time-buckets.js'

const counter = (max = 8): TimeBuckets<{ n: number }> =>
  new TimeBuckets(
    () => ({ n: 0 }),
    (into, from) => (into.n += from.n),
    1000,
    max
  )

describe('TimeBuckets', () => {
  it('keeps 1 s buckets while the span fits', () => {
    const b = counter()
    b.at(0).n++
    b.at(999).n++
    b.at(7_500).n++
    expect(b.width).toBe(1000)
    expect(b.get(0)!.n).toBe(2)
    expect(b.get(7000)!.n).toBe(1)
  })

  it('doubles the width when the span grows, merging buckets and keeping totals, in any order', () => {
    const forward = counter()
    const backward = counter()
    const times = Array.from({ length: 100 }, (_, i) => i * 700)
    for (const t of times) forward.at(t).n++
    for (const t of [...times].reverse()) backward.at(t).n++
    expect(forward.width).toBe(16_000)
    expect(backward.width).toBe(16_000)
    let total = 0
    for (let start = 0; start < 70_000; start += forward.width) {
      expect(backward.get(start)?.n).toBe(forward.get(start)?.n)
      total += forward.get(start)?.n ?? 0
    }
    expect(total).toBe(100)
    expect(forward.size).toBeLessThanOrEqual(8)
  })

  it('coarsens to a requested power-of-two multiple only', () => {
    const b = counter(64)
    b.at(0).n++
    b.at(3_000).n++
    b.coarsen(4000)
    expect(b.get(0)!.n).toBe(2)
    expect(() => b.coarsen(12_000)).toThrow(/not 4000 × 2\^n/)
  })
})

describe('chooseBucketWidth', () => {
  it('picks the smallest 1 s × 2^n that fits, and is at least the given width', () => {
    expect(chooseBucketWidth(60_000, 1000, 0, 240)).toBe(1000)
    expect(chooseBucketWidth(3_600_000, 1000, 0, 240)).toBe(16_000)
    expect(chooseBucketWidth(60_000, 1000, 5000, 240)).toBe(8000)
  })
})
