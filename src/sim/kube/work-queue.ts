/**
 * A keyed work queue as controllers have: a key queued twice runs once, a key queued while it runs runs
 * again afterwards (with the state of that moment), failures are retried after a delay, and at most
 * `concurrency` tasks run at a time.
 */
import type { Logger } from '../../util/logging.js'
import { errorMessage } from '../../util/errors.js'

export type Task = () => Promise<void>

export class WorkQueue {
  private readonly pending = new Map<string, Task>()
  private readonly running = new Set<string>()
  private readonly again = new Map<string, Task>()
  private readonly timers = new Set<ReturnType<typeof setTimeout>>()
  private readonly idleWaiters: (() => void)[] = []
  private active = 0
  private stopped = false
  /** Tasks run, and failures (each retried). */
  readonly counters = { runs: 0, failures: 0 }

  constructor(
    private readonly logger: Logger,
    private readonly options: { concurrency?: number; retryMs?: number } = {}
  ) {}

  add(key: string, task: Task): void {
    if (this.stopped) return
    if (this.running.has(key)) {
      this.again.set(key, task)
      return
    }
    if (this.pending.has(key)) return
    this.pending.set(key, task)
    this.kick()
  }

  /** Queues the key again after `delayMs` (a requeue, as controllers do on recoverable errors). */
  addAfter(key: string, task: Task, delayMs: number): void {
    if (this.stopped) return
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      this.add(key, task)
    }, delayMs)
    timer.unref()
    this.timers.add(timer)
  }

  /** Resolves once nothing is queued or running. */
  idle(): Promise<void> {
    if (this.active === 0 && this.pending.size === 0) return Promise.resolve()
    return new Promise(resolve => this.idleWaiters.push(resolve))
  }

  /** Drops what is queued and waits (at most `timeoutMs`) for running tasks. */
  async stop(timeoutMs = 5000): Promise<void> {
    this.stopped = true
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    this.pending.clear()
    this.again.clear()
    if (this.active === 0) return
    await Promise.race([this.idle(), new Promise(r => setTimeout(r, timeoutMs).unref())])
  }

  private kick(): void {
    const limit = this.options.concurrency ?? 8
    while (this.active < limit && this.pending.size > 0) {
      const [key, task] = this.pending.entries().next().value as [string, Task]
      this.pending.delete(key)
      void this.run(key, task)
    }
  }

  private async run(key: string, task: Task): Promise<void> {
    this.active++
    this.running.add(key)
    this.counters.runs++
    try {
      await task()
    } catch (error) {
      this.counters.failures++
      if (!this.stopped) {
        this.logger.debug(`kube-api mode: ${key}: ${errorMessage(error)}; retrying`)
        this.addAfter(key, task, this.options.retryMs ?? 1000)
      }
    } finally {
      this.running.delete(key)
      this.active--
      const next = this.again.get(key)
      if (next) {
        this.again.delete(key)
        this.add(key, next)
      }
      this.kick()
      if (this.active === 0 && this.pending.size === 0) {
        for (const resolve of this.idleWaiters.splice(0)) resolve()
      }
    }
  }
}
