/**
 * List-then-watch of one kind, filtered by label, with a local cache: what waits on InfraEnvs here and
 * what the kube-api target of launch-swarm builds on to follow Agents and AgentClusterInstalls without
 * polling objects one by one. Resumes from the last resourceVersion when a watch ends, and lists again
 * when the server says that version is gone (410).
 */
import type { Logger } from '../util/logging.js'
import { errorMessage } from '../util/errors.js'
import { isRetryable, type KubeClient, type WatchEventType } from './client.js'
import { withRetries } from './concurrency.js'
import { KINDS, type KindInfo, type KindName } from './kinds.js'
import { objectKey, runSelector, type KubeObject } from './objects.js'

export type InformerEvent = 'added' | 'updated' | 'deleted'
export type InformerHandler = (event: InformerEvent, object: KubeObject, previous?: KubeObject) => void

export interface InformerOptions {
  kind: KindInfo
  labelSelector?: string
  namespace?: string
  logger: Logger
  /** Server-side timeout of one watch request; the informer then resumes (default 300 s). */
  watchTimeoutSeconds?: number
}

export interface InformerCounters {
  lists: number
  watches: number
  events: number
}

export class Informer {
  private readonly cache = new Map<string, KubeObject>()
  private readonly handlers: InformerHandler[] = []
  private resourceVersion = ''
  private stopWatch?: () => void
  private stopped = false
  private restartTimer?: ReturnType<typeof setTimeout>
  private failures = 0
  /** Requests made: one list per (re)sync, one watch per stream; never one per object. */
  readonly counters: InformerCounters = { lists: 0, watches: 0, events: 0 }

  constructor(
    private readonly client: KubeClient,
    private readonly options: InformerOptions
  ) {}

  on(handler: InformerHandler): this {
    this.handlers.push(handler)
    return this
  }

  /**
   * Lists, fills the cache (emitting `added`), and starts watching. Resolves after the first list, which is
   * retried for a minute on retryable failures (a fresh API server answers 429 "storage is (re)initializing"
   * for a CRD whose watch cache is not ready yet).
   */
  async start(): Promise<void> {
    this.stopped = false
    await withRetries(() => this.relist(), isRetryable, {
      policy: { timeoutMs: 60_000, initialDelayMs: 200, maxDelayMs: 2_000 }
    })
    await this.openWatch()
  }

  stop(): void {
    this.stopped = true
    if (this.restartTimer) clearTimeout(this.restartTimer)
    this.stopWatch?.()
    this.stopWatch = undefined
  }

  /** The cached objects. */
  objects(): KubeObject[] {
    return [...this.cache.values()]
  }

  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.cache.get(
      objectKey({
        apiVersion: this.options.kind.apiVersion,
        kind: this.options.kind.kind,
        metadata: { name, namespace }
      })
    )
  }

  private emit(event: InformerEvent, object: KubeObject, previous?: KubeObject): void {
    for (const handler of this.handlers) {
      try {
        handler(event, object, previous)
      } catch (error) {
        this.options.logger.warning(
          `informer handler for ${this.options.kind.plural} failed: ${errorMessage(error)}`
        )
      }
    }
  }

  private withKind(object: KubeObject): KubeObject {
    return { ...object, apiVersion: this.options.kind.apiVersion, kind: this.options.kind.kind }
  }

  private async relist(): Promise<void> {
    this.counters.lists++
    const list = await this.client.list(this.options.kind, {
      labelSelector: this.options.labelSelector,
      namespace: this.options.namespace
    })
    const seen = new Set<string>()
    for (const item of list.items) {
      const key = objectKey(item)
      seen.add(key)
      const previous = this.cache.get(key)
      this.cache.set(key, item)
      if (!previous) this.emit('added', item)
      else if (previous.metadata.resourceVersion !== item.metadata.resourceVersion)
        this.emit('updated', item, previous)
    }
    for (const [key, object] of this.cache) {
      if (!seen.has(key)) {
        this.cache.delete(key)
        this.emit('deleted', object)
      }
    }
    this.resourceVersion = list.resourceVersion
  }

  private async openWatch(): Promise<void> {
    if (this.stopped) return
    this.counters.watches++
    let gone = false
    this.stopWatch = await this.client.watch(
      this.options.kind,
      {
        labelSelector: this.options.labelSelector,
        namespace: this.options.namespace,
        resourceVersion: this.resourceVersion,
        timeoutSeconds: this.options.watchTimeoutSeconds ?? 300
      },
      (type: WatchEventType, raw: KubeObject) => {
        this.counters.events++
        if (type === 'ERROR') {
          // A Status object: 410 Gone means our resourceVersion is too old.
          if ((raw as unknown as { code?: number }).code === 410) gone = true
          return
        }
        this.failures = 0
        if (raw.metadata?.resourceVersion) this.resourceVersion = raw.metadata.resourceVersion
        if (type === 'BOOKMARK') return
        const object = this.withKind(raw)
        const key = objectKey(object)
        const previous = this.cache.get(key)
        if (type === 'DELETED') {
          this.cache.delete(key)
          this.emit('deleted', object)
        } else {
          this.cache.set(key, object)
          this.emit(previous ? 'updated' : 'added', object, previous)
        }
      },
      error => {
        if (this.stopped) return
        if (error && !gone) this.failures++
        const delay = error ? Math.min(200 * 2 ** Math.min(this.failures, 5), 5000) : 0
        if (error && this.failures <= 1)
          this.options.logger.debug(
            `watch of ${this.options.kind.plural} ended: ${errorMessage(error)}; resuming`
          )
        this.restartTimer = setTimeout(() => void this.resume(gone), delay)
      }
    )
  }

  private async resume(relist: boolean): Promise<void> {
    if (this.stopped) return
    try {
      if (relist || !this.resourceVersion) await this.relist()
      await this.openWatch()
    } catch (error) {
      this.failures++
      this.options.logger.debug(`re-watching ${this.options.kind.plural} failed: ${errorMessage(error)}`)
      this.restartTimer = setTimeout(
        () => void this.resume(true),
        Math.min(200 * 2 ** Math.min(this.failures, 5), 5000)
      )
    }
  }
}

/** An informer on the objects of one run: `runInformer(client, 'Agent', runId, logger)`. */
export function runInformer(client: KubeClient, kind: KindName, runId: string, logger: Logger): Informer {
  return new Informer(client, { kind: KINDS[kind], labelSelector: runSelector(runId), logger })
}
