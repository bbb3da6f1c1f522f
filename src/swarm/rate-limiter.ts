import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Hands out launch slots at a steady rate (`perSecond`), one at a time and in order: the ramp of a run.
 * A small burst allowance lets a slow event loop catch up without exceeding the average rate.
 */
export class RateLimiter {
  private next: number
  private readonly interval: number

  constructor(
    perSecond: number,
    private readonly now: () => number = Date.now,
    private readonly burst = 1
  ) {
    this.interval = 1000 / perSecond
    this.next = now()
  }

  /** Resolves when the caller may launch one more host; rejects when `signal` aborts. */
  async take(signal?: AbortSignal): Promise<void> {
    const now = this.now()
    this.next = Math.max(this.next, now - this.interval * (this.burst - 1))
    const wait = this.next - now
    this.next += this.interval
    if (wait > 0) await sleep(wait, undefined, signal ? { signal } : undefined)
  }
}

/** A counting semaphore: at most `limit` clusters in flight (the original swarm's gating). */
export class Gate {
  private active = 0
  private readonly waiters: (() => void)[] = []

  constructor(readonly limit: number) {}

  get inFlight(): number {
    return this.active
  }

  async acquire(signal?: AbortSignal): Promise<void> {
    if (this.active < this.limit) {
      this.active++
      return
    }
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const i = this.waiters.indexOf(grant)
        if (i >= 0) this.waiters.splice(i, 1)
        reject(signal!.reason instanceof Error ? signal!.reason : new Error('aborted'))
      }
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort)
        this.active++
        resolve()
      }
      if (signal?.aborted) return onAbort()
      signal?.addEventListener('abort', onAbort, { once: true })
      this.waiters.push(grant)
    })
  }

  release(): void {
    this.active--
    const next = this.waiters.shift()
    if (next) next()
  }
}
