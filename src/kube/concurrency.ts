/** Small async helpers: a bounded worker pool and retries with backoff. */
import { InterruptedError } from '../util/errors.js'

/**
 * Runs `fn` over `items` with at most `limit` in flight, in order of `items`. Stops taking new items at
 * the first failure (or when `signal` aborts) and rethrows it once the in-flight ones settle.
 */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
  signal?: AbortSignal
): Promise<void> {
  let next = 0
  let failure: { error: unknown } | undefined
  const worker = async (): Promise<void> => {
    while (!failure && next < items.length) {
      if (signal?.aborted) {
        failure ??= { error: new InterruptedError() }
        return
      }
      const index = next++
      try {
        await fn(items[index]!, index)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  if (failure) throw failure.error
}

export interface RetryPolicy {
  /** Give up when the next try would start later than this after the first (default 120 s). */
  timeoutMs: number
  /** First delay; doubles each time up to maxDelayMs, with ±25 % jitter. */
  initialDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { timeoutMs: 120_000, initialDelayMs: 200, maxDelayMs: 5_000 }

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new InterruptedError())
      return
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(new InterruptedError())
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * Calls `fn` until it succeeds, a failure is not `retryable`, or the policy's time is up. `onRetry` hears
 * of each failure that is retried (for logging and counting). A `retryAfterSeconds` on the error (HTTP
 * Retry-After) replaces the computed delay.
 */
export async function withRetries<T>(
  fn: (attempt: number) => Promise<T>,
  retryable: (error: unknown) => boolean,
  options: {
    policy?: RetryPolicy
    signal?: AbortSignal
    onRetry?: (error: unknown, attempt: number, delayMs: number) => void
  } = {}
): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY
  const start = Date.now()
  let delay = policy.initialDelayMs
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt)
    } catch (error) {
      if (options.signal?.aborted) throw new InterruptedError()
      if (!retryable(error)) throw error
      const hinted = (error as { retryAfterSeconds?: number }).retryAfterSeconds
      const wait = hinted ? hinted * 1000 : Math.round(delay * (0.75 + Math.random() * 0.5))
      if (Date.now() - start + wait > policy.timeoutMs) throw error
      options.onRetry?.(error, attempt, wait)
      await sleep(wait, options.signal)
      delay = Math.min(delay * 2, policy.maxDelayMs)
    }
  }
}
