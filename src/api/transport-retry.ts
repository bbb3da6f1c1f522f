/**
 * Transport-level retry policies of the real host-side programs (agent-protocol §0). A policy says how many
 * attempts a response status allows and how long to wait before the next one; status 0 is a network error
 * or timeout.
 */
export interface RetryPolicy {
  /** How many retries (beyond the first attempt) a request may use in total when it ends with `status`. */
  retriesFor(status: number): number
  /** Wait before retry number `retry` (1-based). */
  delayMs(retry: number, random: () => number): number
}

/** Never retries. */
export const noRetry: RetryPolicy = { retriesFor: () => 0, delayMs: () => 0 }

/** Exponential delay from `minMs` doubling up to `maxMs`, jittered into [d/2, d]; the agent's 2–10 s shape. */
export function jitteredExponentialDelay(minMs: number, maxMs: number): RetryPolicy['delayMs'] {
  return (retry, random) => {
    const d = Math.min(maxMs, minMs * 2 ** (retry - 1))
    return Math.max(minMs, d / 2 + (random() * d) / 2)
  }
}

export interface RetryDelays {
  minMs: number
  maxMs: number
}

export const REAL_RETRY_DELAYS: RetryDelays = { minMs: 2000, maxMs: 10_000 }

/** The discovery agent: 3 retries on network errors and 503/504, 2–10 s apart. */
export function agentRetryPolicy(delays: RetryDelays = REAL_RETRY_DELAYS): RetryPolicy {
  return {
    retriesFor: status => (status === 0 || status === 503 || status === 504 ? 3 : 0),
    delayMs: jitteredExponentialDelay(delays.minMs, delays.maxMs)
  }
}

/**
 * The installer and controller inventory client: 404/423/425 up to 10 retries; 408/429, any 5xx and network errors
 * up to `retries` (installer 360, installer in dry-run 3, controller 15); 400 and 409 are final.
 */
export function installerRetryPolicy(retries: number, delays: RetryDelays = REAL_RETRY_DELAYS): RetryPolicy {
  return {
    retriesFor: status => {
      if (status === 404 || status === 423 || status === 425) return 10
      if (status === 0 || status === 408 || status === 429 || status >= 500) return retries
      return 0
    },
    delayMs: jitteredExponentialDelay(delays.minMs, delays.maxMs)
  }
}
