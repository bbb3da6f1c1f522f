/**
 * The next-step-runner's duplicate suppression (agent-protocol §1.6): per step type, the last output posted with
 * exit code 0, for one hour. A new exit-0 reply with a byte-identical output is not sent. Any failed instruction
 * poll clears it.
 *
 * Outputs are kept as 53-bit hashes, not text. Replies whose output is a pure function of the step's arguments
 * (and the host's fixed plan) also remember the arguments' hash, so an unchanged step is recognised before its
 * output is even built: same observable behaviour, a fraction of the CPU.
 */
interface Entry {
  outputHash: number
  /** NaN when the output does not depend on the arguments alone. */
  argsHash: number
  at: number
}

export const REPLY_CACHE_TTL_MS = 3600_000

export class ReplyCache {
  private entries: Map<string, Entry> | undefined

  constructor(
    private readonly ttlMs: number = REPLY_CACHE_TTL_MS,
    private readonly now: () => number = Date.now
  ) {}

  private live(stepType: string): Entry | undefined {
    const entry = this.entries?.get(stepType)
    if (!entry) return undefined
    if (this.now() - entry.at >= this.ttlMs) {
      this.entries!.delete(stepType)
      return undefined
    }
    return entry
  }

  /** True when an output for these exact arguments was already posted (only for argument-determined outputs). */
  hasArgs(stepType: string, argsHash: number): boolean {
    return this.live(stepType)?.argsHash === argsHash
  }

  has(stepType: string, outputHash: number): boolean {
    return this.live(stepType)?.outputHash === outputHash
  }

  store(stepType: string, outputHash: number, argsHash = NaN): void {
    this.entries ??= new Map()
    this.entries.set(stepType, { outputHash, argsHash, at: this.now() })
  }

  clear(): void {
    this.entries = undefined
  }

  get size(): number {
    return this.entries?.size ?? 0
  }
}
