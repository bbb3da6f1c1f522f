/**
 * Deletes every object of a run, found by its run-id label (Agents included: InfraEnvs copy the label
 * onto them), children before parents and Namespaces last.
 *
 * Deleting CRs that assisted-service put finalizers on needs the service running; deleting a Namespace
 * needs kube-controller-manager. Whatever is still there when the wait ends is reported, not hidden.
 */
import type { Logger } from '../util/logging.js'
import { isRetryable, toUserError, type KubeClient } from './client.js'
import { forEachLimited, sleep, withRetries } from './concurrency.js'
import { PULL_SECRET_NAME } from './builders.js'
import { KINDS, type KindName } from './kinds.js'
import { runSelector } from './objects.js'

export const TEARDOWN_ORDER: readonly KindName[] = [
  'BareMetalHost',
  'Agent',
  'InfraEnv',
  'AgentClusterInstall',
  'ClusterDeployment',
  'NMStateConfig',
  'Secret',
  'ClusterImageSet',
  'Namespace'
]

export interface TeardownOptions {
  runId: string
  logger: Logger
  concurrency?: number
  /** Wait until the objects are gone (default true), at most `timeoutMs` (default 120 s). */
  wait?: boolean
  timeoutMs?: number
  signal?: AbortSignal
}

export interface TeardownResult {
  deleted: Partial<Record<KindName, number>>
  /** Objects still present (e.g. held by finalizers) when the wait ended, per kind. */
  remaining: Partial<Record<KindName, number>>
}

export async function teardownRun(client: KubeClient, options: TeardownOptions): Promise<TeardownResult> {
  const { logger } = options
  const selector = runSelector(options.runId)
  const deleted: Partial<Record<KindName, number>> = {}
  // Namespaces that hold objects of the run: where the run's pull secret lives.
  const namespaces = new Set<string>()
  const deleteAll = async (
    kind: KindName,
    targets: { name: string; namespace?: string }[]
  ): Promise<void> => {
    const info = KINDS[kind]
    let count = 0
    await forEachLimited(
      targets,
      options.concurrency ?? 16,
      async target => {
        const gone = await withRetries(
          () => client.delete(info, target.name, target.namespace, { signal: options.signal }),
          isRetryable,
          { signal: options.signal }
        ).catch(error => {
          throw toUserError(error, client.server)
        })
        if (gone) count++
      },
      options.signal
    )
    if (count) {
      deleted[kind] = count
      logger.info(`deleted ${count} ${info.plural}`)
    }
  }
  // Lists are retried like deletes: an API server that restarts answers 429/5xx for a moment.
  const list = (kind: KindName, limit?: number) =>
    withRetries(
      () =>
        client.list(KINDS[kind], {
          labelSelector: selector,
          signal: options.signal,
          ...(limit ? { limit } : {})
        }),
      isRetryable,
      { signal: options.signal }
    ).catch(error => {
      throw toUserError(error, client.server)
    })
  const { items: runNamespaces } = await list('Namespace')
  for (const ns of runNamespaces) namespaces.add(ns.metadata.name)
  for (const kind of TEARDOWN_ORDER) {
    if (kind === 'Secret') {
      // Secrets are never listed (a list returns their data, and the RBAC role grants no list on
      // secrets): the run's only Secret is the pull secret of each of its namespaces.
      await deleteAll(
        kind,
        [...namespaces].map(namespace => ({ name: PULL_SECRET_NAME, namespace }))
      )
      continue
    }
    const { items } = await list(kind)
    for (const item of items) {
      if (item.metadata.namespace) namespaces.add(item.metadata.namespace)
      if (kind === 'Namespace') namespaces.add(item.metadata.name)
    }
    const live = items.filter(item => !item.metadata.deletionTimestamp)
    await deleteAll(
      kind,
      live.map(item => ({ name: item.metadata.name, namespace: item.metadata.namespace }))
    )
  }
  const remaining: Partial<Record<KindName, number>> = {}
  if (options.wait ?? true) {
    const deadline = Date.now() + (options.timeoutMs ?? 120_000)
    for (;;) {
      let left = 0
      for (const kind of TEARDOWN_ORDER) {
        if (kind === 'Secret') continue
        const { items } = await list(kind, 1)
        if (items.length) {
          // A page of one is enough to know; count exactly only for the report at the end.
          remaining[kind] = items.length
          left++
        } else {
          delete remaining[kind]
        }
      }
      if (left === 0 || Date.now() >= deadline) break
      await sleep(1000, options.signal)
    }
    for (const kind of Object.keys(remaining) as KindName[]) {
      const { items } = await list(kind)
      remaining[kind] = items.length
      const why =
        kind === 'Namespace'
          ? 'namespace deletion needs kube-controller-manager'
          : 'finalizers of a service that is not running may hold them'
      logger.warning(`${items.length} ${KINDS[kind].plural} of run ${options.runId} still present (${why})`)
    }
  }
  return { deleted, remaining }
}

/** Human summary: `deleted 12 objects (4 infraenvs, ...)`. */
export function describeTeardown(result: TeardownResult): string {
  const parts = Object.entries(result.deleted).map(([kind, n]) => `${n} ${KINDS[kind as KindName].plural}`)
  const total = Object.values(result.deleted).reduce((a, b) => a + (b ?? 0), 0)
  const left = Object.entries(result.remaining).map(([kind, n]) => `${n} ${KINDS[kind as KindName].plural}`)
  return `deleted ${total} objects${parts.length ? ` (${parts.join(', ')})` : ''}${left.length ? `; still present: ${left.join(', ')}` : ''}`
}
