/**
 * The deploy-crs stage as a library call: build every cluster's objects from the plan, validate them
 * offline, then either render them (`render`) or server-side apply them and, when a service acts on
 * them, wait for the InfraEnvs' discovery images.
 */
import type { Logger } from '../util/logging.js'
import { applyObjects, type ApplyStats } from './apply.js'
import { allObjects, buildRunObjects, type BuildOptions } from './builders.js'
import { KubeClient, type KubeClientOptions } from './client.js'
import type { KubePlan } from './plan-view.js'
import { renderManifests, type RenderedFile } from './render.js'
import { validateObjects } from './validate.js'
import { waitForInfraEnvImages, type WaitInfraEnvsResult, type WaitMode } from './wait-infraenvs.js'

export interface DeployCrsOptions extends BuildOptions, KubeClientOptions {
  plan: KubePlan
  logger: Logger
  /** Write manifests into this directory instead of applying them. */
  render?: string
  concurrency?: number
  force?: boolean
  wait?: WaitMode
  waitTimeoutMs?: number
  /** With wait `auto`: how long to look for a service acting on the InfraEnvs. */
  waitGraceMs?: number
  signal?: AbortSignal
  /** An existing client (tests, the pipeline); otherwise one is made from kubeconfig/context. */
  client?: KubeClient
}

export interface DeployCrsResult {
  runId: string
  clusters: number
  objects: number
  /** Objects per kind. */
  kinds: Record<string, number>
  rendered?: RenderedFile[]
  apply?: Omit<ApplyStats, 'applied'>
  wait?: WaitInfraEnvsResult
}

export async function deployCrs(options: DeployCrsOptions): Promise<DeployCrsResult> {
  const { logger, plan } = options
  const run = buildRunObjects(plan, options)
  const objects = allObjects(run)
  const kinds: Record<string, number> = {}
  for (const object of objects) kinds[object.kind] = (kinds[object.kind] ?? 0) + 1
  validateObjects(objects)
  const summary = Object.entries(kinds)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ')
  logger.info(
    `run ${plan.runId}: ${plan.clusters.length} clusters, ${objects.length} objects (${summary}) valid against the CRD schemas`
  )
  const base = { runId: plan.runId, clusters: plan.clusters.length, objects: objects.length, kinds }

  if (options.render) {
    const rendered = renderManifests(run, options.render)
    logger.info(
      `wrote ${rendered.length} manifest files to ${options.render} (mode 0600: they contain the pull secret)`
    )
    return { ...base, rendered }
  }

  const client =
    options.client ??
    (await KubeClient.create({ ...options, maxSockets: options.maxSockets ?? options.concurrency }))
  try {
    const version = await client.probe({ signal: options.signal })
    logger.info(
      `applying to ${client.server} (Kubernetes ${version}) with server-side apply (concurrency ${options.concurrency ?? 16})`
    )
    const { applied: _applied, ...stats } = await applyObjects(client, objects, {
      logger,
      concurrency: options.concurrency,
      force: options.force,
      signal: options.signal
    })
    logger.info(
      `applied ${stats.total} objects in ${(stats.durationMs / 1000).toFixed(1)} s (${Math.round(stats.rate)}/s): ` +
        `${stats.created} created, ${stats.existing} already there${stats.retries ? `, ${stats.retries} retries` : ''}`
    )
    const infraEnvs = objects
      .filter(o => o.kind === 'InfraEnv')
      .map(o => ({ namespace: o.metadata.namespace!, name: o.metadata.name }))
    const wait = await waitForInfraEnvImages(client, {
      runId: plan.runId,
      expected: infraEnvs,
      mode: options.wait ?? 'auto',
      timeoutMs: options.waitTimeoutMs ?? 600_000,
      graceMs: options.waitGraceMs,
      logger,
      signal: options.signal
    })
    return { ...base, apply: stats, wait }
  } finally {
    if (!options.client) client.close()
  }
}
