/**
 * Waits until every InfraEnv of a run has its discovery image (ISO URL or discovery ignition URL), as
 * assisted-service writes it into the status. One list and one watch, however many InfraEnvs.
 * The URLs carry signed tokens: they are returned to the caller, never logged.
 */
import type { Logger } from '../util/logging.js'
import { InterruptedError, TargetUnreachableError } from '../util/errors.js'
import type { KubeClient } from './client.js'
import { runInformer } from './informer.js'
import { objectKey, type KubeObject } from './objects.js'

export type WaitMode = 'auto' | 'always' | 'never'

export interface InfraEnvImage {
  namespace: string
  name: string
  /** The service's infra-env id (from the status' events URL), when known. */
  infraEnvId?: string
  isoDownloadURL?: string
  discoveryIgnitionURL?: string
}

export interface WaitInfraEnvsOptions {
  runId: string
  /** namespace/name of every InfraEnv to wait for. */
  expected: { namespace: string; name: string }[]
  mode: WaitMode
  timeoutMs: number
  /** With mode `auto`: give up waiting (without failing) when no InfraEnv has any status by then. */
  graceMs?: number
  logger: Logger
  signal?: AbortSignal
  progressIntervalMs?: number
}

export interface WaitInfraEnvsResult {
  /** False when nothing was waited for (mode never, or auto and no service acting on the InfraEnvs). */
  waited: boolean
  ready: InfraEnvImage[]
  notReady: { namespace: string; name: string }[]
}

interface InfraEnvStatus {
  isoDownloadURL?: string
  createdTime?: string
  conditions?: { type?: string; status?: string; reason?: string; message?: string }[]
  bootArtifacts?: { discoveryIgnitionURL?: string }
  debugInfo?: { eventsURL?: string }
}

function statusOf(object: KubeObject | undefined): InfraEnvStatus | undefined {
  return object?.status as InfraEnvStatus | undefined
}

/** The image of an InfraEnv when the service has made one. */
export function imageOf(object: KubeObject): InfraEnvImage | undefined {
  const status = statusOf(object)
  const iso = status?.isoDownloadURL || undefined
  const ignition = status?.bootArtifacts?.discoveryIgnitionURL || undefined
  const created = status?.conditions?.some(c => c.type === 'ImageCreated' && c.status === 'True')
  if (!iso && !ignition && !created) return undefined
  const id = /[?&]infra_env_id=([0-9a-f-]+)/.exec(status?.debugInfo?.eventsURL ?? '')?.[1]
  return {
    namespace: object.metadata.namespace ?? '',
    name: object.metadata.name,
    ...(id ? { infraEnvId: id } : {}),
    ...(iso ? { isoDownloadURL: iso } : {}),
    ...(ignition ? { discoveryIgnitionURL: ignition } : {})
  }
}

function hasAnyStatus(object: KubeObject): boolean {
  const status = statusOf(object)
  return Boolean(
    status && (status.conditions?.length || status.createdTime || status.isoDownloadURL || status.debugInfo)
  )
}

function conditionText(object: KubeObject | undefined): string {
  const condition = statusOf(object)?.conditions?.find(c => c.type === 'ImageCreated')
  if (!object) return 'not found'
  if (!condition) return 'no ImageCreated condition yet'
  return `ImageCreated=${condition.status} ${condition.reason ?? ''}${condition.message ? `: ${condition.message.slice(0, 160)}` : ''}`
}

export async function waitForInfraEnvImages(
  client: KubeClient,
  options: WaitInfraEnvsOptions
): Promise<WaitInfraEnvsResult> {
  const { logger } = options
  const expected = new Map(
    options.expected.map(e => [
      objectKey({ apiVersion: 'agent-install.openshift.io/v1beta1', kind: 'InfraEnv', metadata: e }),
      e
    ])
  )
  if (options.mode === 'never' || expected.size === 0)
    return { waited: false, ready: [], notReady: options.expected }
  const informer = runInformer(client, 'InfraEnv', options.runId, logger)
  const ready = new Map<string, InfraEnvImage>()
  let anyStatus = false
  let wake: () => void = () => {}
  const check = (object: KubeObject): void => {
    const key = objectKey(object)
    if (!expected.has(key)) return
    if (hasAnyStatus(object)) anyStatus = true
    const image = imageOf(object)
    if (image && !ready.has(key)) {
      ready.set(key, image)
      if (ready.size === expected.size) wake()
    }
  }
  informer.on((event, object) => {
    if (event !== 'deleted') check(object)
  })
  const start = Date.now()
  const graceMs = options.graceMs ?? 15_000
  let progress: ReturnType<typeof setInterval> | undefined
  try {
    await informer.start()
    progress = setInterval(() => {
      logger.info(
        `InfraEnv images: ${ready.size}/${expected.size} ready (${Math.round((Date.now() - start) / 1000)} s)`
      )
    }, options.progressIntervalMs ?? 5000)
    while (ready.size < expected.size) {
      if (options.signal?.aborted) throw new InterruptedError()
      const elapsed = Date.now() - start
      if (options.mode === 'auto' && !anyStatus && elapsed >= graceMs) {
        logger.info(
          `no service acted on the InfraEnvs within ${Math.round(graceMs / 1000)} s (no status written); not waiting for images (wait=always waits anyway)`
        )
        return { waited: false, ready: [...ready.values()], notReady: notReadyOf(expected, ready) }
      }
      if (elapsed >= options.timeoutMs) {
        const missing = notReadyOf(expected, ready)
        const examples = missing
          .slice(0, 5)
          .map(m => `  ${m.namespace}/${m.name}: ${conditionText(informer.get(m.namespace, m.name))}`)
          .join('\n')
        throw new TargetUnreachableError(
          `${missing.length} of ${expected.size} InfraEnvs have no discovery image after ${Math.round(options.timeoutMs / 1000)} s:\n${examples}`
        )
      }
      await new Promise<void>(resolve => {
        wake = resolve
        const until =
          options.mode === 'auto' && !anyStatus ? Math.min(graceMs, options.timeoutMs) : options.timeoutMs
        setTimeout(resolve, Math.max(10, Math.min(500, until - elapsed)))
      })
    }
    logger.info(
      `InfraEnv images: all ${expected.size} ready in ${((Date.now() - start) / 1000).toFixed(1)} s`
    )
    return { waited: true, ready: [...ready.values()], notReady: [] }
  } finally {
    if (progress) clearInterval(progress)
    informer.stop()
  }
}

function notReadyOf(
  expected: Map<string, { namespace: string; name: string }>,
  ready: Map<string, InfraEnvImage>
) {
  return [...expected.entries()].filter(([key]) => !ready.has(key)).map(([, value]) => value)
}
