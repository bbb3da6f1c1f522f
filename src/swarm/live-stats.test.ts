import { describe, expect, it } from '@jest/globals'
import { createLatencyHistogram } from '../timeline/http-metrics.js'
import { StatusCounts, WindowedHttp } from './live-stats.js'

describe('WindowedHttp', () => {
  it('gives the rate, the errors and a p95 within 2 % of the exact one over the last 10 s', () => {
    let now = 0
    const live = new WindowedHttp(10_000, () => now)
    const exact = createLatencyHistogram()
    let seed = 7
    const random = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647
    for (let second = 0; second < 10; second++) {
      for (let i = 0; i < 200; i++) {
        now = second * 1000 + i * 5
        // mostly fast answers, a slow tail
        const ms = random() < 0.9 ? 1 + random() * 20 : 50 + random() * 2000
        live.record(i % 50 === 0 ? 503 : 200, ms)
        exact.recordValue(Math.round(ms * 1000))
      }
    }
    const snap = live.snapshot()
    const p95 = exact.getValueAtPercentile(95) / 1000
    expect(Math.abs(snap.p95Ms - p95) / p95).toBeLessThan(0.02)
    expect(snap.errors).toBe(40)
    expect(snap.rate).toBeCloseTo(2000 / 9.995, 0)
    expect(live.total).toBe(2000)
  })

  it('forgets requests older than the window', () => {
    let now = 0
    const live = new WindowedHttp(10_000, () => now)
    live.record(500, 3000)
    now = 20_000
    live.record(200, 2)
    const snap = live.snapshot()
    expect(snap.errors).toBe(0)
    expect(snap.p95Ms).toBeGreaterThanOrEqual(2)
    expect(snap.p95Ms).toBeLessThan(2.05)
    expect(live.errors).toBe(1)
    now = 40_000
    expect(live.snapshot()).toEqual({ rate: 0, p95Ms: 0, errors: 0 })
  })
})

describe('StatusCounts', () => {
  it('moves a key from its previous status to the new one', () => {
    const counts = new StatusCounts()
    counts.set('a', 'known')
    counts.set('b', 'known')
    counts.set('a', 'installing')
    expect(counts.entries()).toEqual([
      ['known', 1],
      ['installing', 1]
    ])
  })
})
