/**
 * Server-side apply of many objects: phase by phase (Namespaces before what lives in them), with at most
 * `concurrency` requests in flight, retries on 409/429/5xx and connection failures (an API server
 * restart is waited out), and progress lines while it runs.
 */
import type { Logger } from '../util/logging.js'
import { InterruptedError, errorMessage } from '../util/errors.js'
import { APPLY_PHASES } from './kinds.js'
import { isRetryable, toUserError, type KubeClient } from './client.js'
import { DEFAULT_RETRY, forEachLimited, withRetries, type RetryPolicy } from './concurrency.js'
import { describeObject, type KubeObject } from './objects.js'

export interface ApplyOptions {
  concurrency?: number
  /** Take over fields owned by another field manager (kubectl's --force-conflicts). Default true. */
  force?: boolean
  retry?: RetryPolicy
  logger: Logger
  signal?: AbortSignal
  /** How often a progress line is logged (default 5 s). */
  progressIntervalMs?: number
}

export interface AppliedObject {
  object: KubeObject
  created: boolean
}

export interface ApplyStats {
  total: number
  created: number
  /** Objects that existed already (updated, or unchanged on a re-run). */
  existing: number
  retries: number
  durationMs: number
  /** Objects per second over the whole apply. */
  rate: number
  /** What the server returned, in the order given. */
  applied: AppliedObject[]
}

/** Splits objects into the apply phases of src/kube/kinds.ts; unknown kinds go last. */
export function phasesOf(objects: readonly KubeObject[]): KubeObject[][] {
  const phases: KubeObject[][] = APPLY_PHASES.map(() => [])
  const rest: KubeObject[] = []
  for (const object of objects) {
    const phase = APPLY_PHASES.findIndex(kinds => (kinds as readonly string[]).includes(object.kind))
    ;(phase >= 0 ? phases[phase]! : rest).push(object)
  }
  return [...phases, rest].filter(p => p.length > 0)
}

export async function applyObjects(
  client: KubeClient,
  objects: readonly KubeObject[],
  options: ApplyOptions
): Promise<ApplyStats> {
  const { logger } = options
  const concurrency = options.concurrency ?? 16
  const start = performance.now()
  const applied = new Array<AppliedObject>(objects.length)
  const indexOf = new Map<KubeObject, number>(objects.map((o, i) => [o, i]))
  let done = 0
  let created = 0
  let retries = 0
  let lastRetryLog = 0
  const progress = setInterval(() => {
    const seconds = (performance.now() - start) / 1000
    logger.info(
      `applied ${done}/${objects.length} objects (${Math.round(done / seconds)}/s${retries ? `, ${retries} retries` : ''})`
    )
  }, options.progressIntervalMs ?? 5000)
  try {
    for (const phase of phasesOf(objects)) {
      await forEachLimited(
        phase,
        concurrency,
        async object => {
          const result = await withRetries(
            () => client.apply(object, { force: options.force ?? true, signal: options.signal }),
            isRetryable,
            {
              policy: options.retry ?? DEFAULT_RETRY,
              signal: options.signal,
              onRetry: (error, attempt, delay) => {
                retries++
                // One line a second at most: an API server restart makes every in-flight request retry.
                if (Date.now() - lastRetryLog > 1000) {
                  lastRetryLog = Date.now()
                  logger.warning(
                    `retrying ${describeObject(object)} (attempt ${attempt + 1} in ${delay} ms): ${errorMessage(error)}`
                  )
                }
              }
            }
          ).catch(error => {
            if (error instanceof InterruptedError) throw error
            throw toUserError(error, client.server)
          })
          applied[indexOf.get(object)!] = result
          if (result.created) created++
          done++
        },
        options.signal
      )
    }
  } finally {
    clearInterval(progress)
  }
  const durationMs = performance.now() - start
  return {
    total: objects.length,
    created,
    existing: objects.length - created,
    retries,
    durationMs,
    rate: objects.length / Math.max(durationMs / 1000, 1e-6),
    applied
  }
}
