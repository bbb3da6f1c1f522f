import { describe, expect, it } from '@jest/globals'
import { InterruptedError } from '../util/errors.js'
import { forEachLimited, withRetries } from './concurrency.js'

describe('forEachLimited', () => {
  it('never runs more than the limit at once and visits every item', async () => {
    let running = 0
    let peak = 0
    const seen: number[] = []
    await forEachLimited([...Array(50).keys()], 4, async item => {
      running++
      peak = Math.max(peak, running)
      await new Promise(r => setTimeout(r, 1))
      seen.push(item)
      running--
    })
    expect(peak).toBe(4)
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(50).keys()])
  })

  it('stops taking items after a failure and rethrows it', async () => {
    const started: number[] = []
    await expect(
      forEachLimited([...Array(100).keys()], 2, async item => {
        started.push(item)
        if (item === 3) throw new Error('boom')
        await new Promise(r => setTimeout(r, 1))
      })
    ).rejects.toThrow('boom')
    expect(started.length).toBeLessThan(10)
  })

  it('stops when the signal aborts', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(forEachLimited([1, 2], 1, async () => {}, controller.signal)).rejects.toThrow(
      InterruptedError
    )
  })
})

describe('withRetries', () => {
  const fast = { timeoutMs: 1000, initialDelayMs: 1, maxDelayMs: 4 }

  it('retries retryable failures until success', async () => {
    let calls = 0
    const retried: number[] = []
    const value = await withRetries(
      async () => {
        if (++calls < 3) throw new Error('transient')
        return 'ok'
      },
      () => true,
      { policy: fast, onRetry: (_e, attempt) => retried.push(attempt) }
    )
    expect(value).toBe('ok')
    expect(retried).toEqual([1, 2])
  })

  it('gives up at once on a failure that is not retryable', async () => {
    let calls = 0
    await expect(
      withRetries(
        async () => {
          calls++
          throw new Error('fatal')
        },
        () => false,
        { policy: fast }
      )
    ).rejects.toThrow('fatal')
    expect(calls).toBe(1)
  })

  it('gives up when the time is up', async () => {
    const start = Date.now()
    await expect(
      withRetries(
        async () => {
          throw new Error('down')
        },
        () => true,
        { policy: { timeoutMs: 50, initialDelayMs: 5, maxDelayMs: 10 } }
      )
    ).rejects.toThrow('down')
    expect(Date.now() - start).toBeLessThan(1000)
  })
})
