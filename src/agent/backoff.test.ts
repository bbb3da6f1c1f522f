import { describe, expect, it } from '@jest/globals'
import { ExponentialBackoff, REAL_BACKOFF } from './backoff.js'
import { ReplyCache } from './reply-cache.js'
import { Sleeper } from './sleeper.js'

describe('next-step-runner backoff', () => {
  it('starts at 0.5 s ±50 %, grows ×1.5, caps each wait at 60 s and gives up after 15 minutes', () => {
    let now = 0
    const middle = new ExponentialBackoff(
      REAL_BACKOFF,
      () => 0.5,
      () => now
    )
    const waits: number[] = []
    for (;;) {
      const wait = middle.next()
      if (wait === undefined) break
      waits.push(wait)
      now += wait
    }
    expect(waits.slice(0, 4)).toEqual([500, 750, 1125, 1687.5])
    expect(Math.max(...waits)).toBe(60_000)
    expect(now).toBeLessThanOrEqual(15 * 60_000)
    expect(now).toBeGreaterThan(14 * 60_000)

    const low = new ExponentialBackoff(
      REAL_BACKOFF,
      () => 0,
      () => 0
    )
    const high = new ExponentialBackoff(
      REAL_BACKOFF,
      () => 0.999999,
      () => 0
    )
    expect(low.next()).toBe(250)
    expect(high.next()).toBeCloseTo(750, 3)
  })

  it('starts over after a success', () => {
    let now = 0
    const backoff = new ExponentialBackoff(
      REAL_BACKOFF,
      () => 0.5,
      () => now
    )
    backoff.next()
    backoff.next()
    now = 5000
    expect(backoff.failingSince).toBe(0)
    backoff.reset()
    expect(backoff.failingSince).toBeUndefined()
    expect(backoff.next()).toBe(500)
    expect(backoff.failingSince).toBe(5000)
  })
})

describe('reply cache', () => {
  it('suppresses an identical exit-0 output for the same type for one hour', () => {
    let now = 0
    const cache = new ReplyCache(3600_000, () => now)
    cache.store('inventory', 42, 7)
    expect(cache.has('inventory', 42)).toBe(true)
    expect(cache.hasArgs('inventory', 7)).toBe(true)
    expect(cache.has('inventory', 43)).toBe(false)
    expect(cache.has('ntp-synchronizer', 42)).toBe(false)
    now = 3599_999
    expect(cache.has('inventory', 42)).toBe(true)
    now = 3600_000
    expect(cache.has('inventory', 42)).toBe(false)
  })

  it('keeps the last output per type, never matches arguments of a non-deterministic reply, and clears', () => {
    const cache = new ReplyCache()
    cache.store('connectivity-check', 1)
    expect(cache.hasArgs('connectivity-check', NaN)).toBe(false)
    cache.store('connectivity-check', 2)
    expect(cache.has('connectivity-check', 1)).toBe(false)
    expect(cache.has('connectivity-check', 2)).toBe(true)
    cache.clear()
    expect(cache.size).toBe(0)
    expect(cache.has('connectivity-check', 2)).toBe(false)
  })
})

describe('sleeper', () => {
  it('wakes early, and after stop never sleeps again', async () => {
    const sleeper = new Sleeper()
    const started = Date.now()
    const nap = sleeper.sleep(10_000)
    setTimeout(() => sleeper.wake(), 10)
    await nap
    expect(Date.now() - started).toBeLessThan(1000)
    sleeper.stop()
    await sleeper.sleep(10_000)
    expect(sleeper.stopped).toBe(true)
    expect(Date.now() - started).toBeLessThan(1000)
  })
})
