import { describe, expect, it } from '@jest/globals'
import { Gate, RateLimiter } from './rate-limiter.js'

describe('RateLimiter', () => {
  it('spaces takes by 1/rate on average', async () => {
    const limiter = new RateLimiter(50)
    const start = Date.now()
    for (let i = 0; i < 11; i++) await limiter.take()
    const elapsed = Date.now() - start
    // 10 intervals of 20 ms after the first immediate take; allow scheduling slack.
    expect(elapsed).toBeGreaterThanOrEqual(190)
    expect(elapsed).toBeLessThan(600)
  })

  it('stops waiting when the signal aborts', async () => {
    const limiter = new RateLimiter(0.1)
    await limiter.take()
    const controller = new AbortController()
    const pending = limiter.take(controller.signal)
    controller.abort(new Error('stop'))
    await expect(pending).rejects.toThrow()
  })
})

describe('Gate', () => {
  it('never lets more than the limit in, and serves waiters in order', async () => {
    const gate = new Gate(2)
    const order: number[] = []
    let peak = 0
    await Promise.all(
      [0, 1, 2, 3, 4].map(async i => {
        await gate.acquire()
        peak = Math.max(peak, gate.inFlight)
        order.push(i)
        await new Promise(r => setTimeout(r, 5))
        gate.release()
      })
    )
    expect(peak).toBe(2)
    expect(order).toEqual([0, 1, 2, 3, 4])
  })

  it('rejects a waiter whose signal aborts and keeps the others', async () => {
    const gate = new Gate(1)
    await gate.acquire()
    const controller = new AbortController()
    const aborted = gate.acquire(controller.signal)
    const waiting = gate.acquire()
    controller.abort(new Error('stop'))
    await expect(aborted).rejects.toThrow('stop')
    gate.release()
    await waiting
    expect(gate.inFlight).toBe(1)
  })
})
