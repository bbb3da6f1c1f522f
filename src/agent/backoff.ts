/**
 * The next-step-runner's retry policy for failed instruction polls (agent-protocol §1.5), the shape of
 * cenkalti/backoff's defaults: first wait 0.5 s, ×1.5 per try, ±50 % jitter, each wait capped at 60 s, giving up
 * once 15 min have passed since the first failure. A success starts over.
 */
export interface BackoffSettings {
  initialMs: number
  multiplier: number
  randomization: number
  maxIntervalMs: number
  maxElapsedMs: number
}

export const REAL_BACKOFF: BackoffSettings = {
  initialMs: 500,
  multiplier: 1.5,
  randomization: 0.5,
  maxIntervalMs: 60_000,
  maxElapsedMs: 15 * 60_000
}

export class ExponentialBackoff {
  private currentMs: number
  private startedAt: number | undefined

  constructor(
    private readonly settings: BackoffSettings = REAL_BACKOFF,
    private readonly random: () => number = Math.random,
    private readonly now: () => number = Date.now
  ) {
    this.currentMs = settings.initialMs
  }

  reset(): void {
    this.currentMs = this.settings.initialMs
    this.startedAt = undefined
  }

  /** Failing since (epoch ms), or undefined after a success. */
  get failingSince(): number | undefined {
    return this.startedAt
  }

  /** The wait before the next try, or undefined when the retries are exhausted (15 min of failures). */
  next(): number | undefined {
    const now = this.now()
    this.startedAt ??= now
    const { randomization, multiplier, maxIntervalMs, maxElapsedMs } = this.settings
    const delta = randomization * this.currentMs
    const wait = this.currentMs - delta + this.random() * (2 * delta)
    this.currentMs = Math.min(maxIntervalMs, this.currentMs * multiplier)
    if (now - this.startedAt + wait > maxElapsedMs) return undefined
    return wait
  }
}
