import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ConfigurationError, InterruptedError } from '../util/errors.js'
import type { Logger } from '../util/logging.js'
import { applySeries, type PatchResult } from './apply-series.js'
import { noTreeCache, treeCacheKey, type TreeCache } from './cache.js'
import {
  loadComponents,
  selectComponents,
  seriesChain,
  type ComponentsFile,
  type ComponentSpec
} from './components.js'
import { removeTree } from './exec.js'
import { fetchUpstream, upstreamId } from './fetch.js'
import { FULL_COMMIT, git, gitOut } from './git.js'
import {
  countStatuses,
  describePatch,
  reportMarkdown,
  type ApplyReport,
  type ComponentApplyResult
} from './report.js'
import { readSeries, seriesHash, type SeriesPatch } from './series.js'

export interface ApplyPatchesSettings {
  /** components.yaml */
  componentsFile: string
  /** Components to process; empty = all. */
  only: string[]
  /** Try every patch and report all results, instead of stopping at the first failure; never uses the cache. */
  check: boolean
  /** Patched trees go to <workDir>/<component>. */
  workDir: string
  /** Report and logs go to <runDir>/apply-patches/. */
  runDir: string
  /** component → url[#ref], replacing components.yaml's upstream (offline copies, bundles). */
  upstreamOverrides?: Record<string, string>
}

export interface ApplyPatchesDeps {
  logger: Logger
  cache?: TreeCache
  signal?: AbortSignal
}

export interface ApplyPatchesResult extends ApplyReport {
  reportPath: string
  markdownPath: string
  /** Patches that did not apply (each counted once). */
  failed: number
  /** True when every tree came from the cache. */
  cacheHit: boolean
}

/** Kept in each patched tree (inside .git, so no build sees it): the result that made it, for cache hits. */
const TREE_RECORD = join('.git', 'assisted-swarm-apply.json')

/** Ref of the commit a component's own series starts from (after its base series): what regenerate diffs from. */
export const SERIES_BASE_REF = 'refs/swarm/series-base'

/** Branch the patched commits are on, for maintainers to add commits to before regenerating the series. */
export const PATCHED_BRANCH = 'swarm'

/**
 * apply-patches: for each component, fetch the pinned upstream ref (shallow), apply the series chain in order
 * with `git am --3way`, and report each patch. A tree whose upstream and series hash are in the cache is
 * restored from it instead (outside check mode), without fetching.
 */
export async function applyPatches(
  settings: ApplyPatchesSettings,
  deps: ApplyPatchesDeps
): Promise<ApplyPatchesResult> {
  const { logger } = deps
  const cache = settings.check ? noTreeCache : (deps.cache ?? noTreeCache)
  const file = loadComponents(settings.componentsFile, settings.upstreamOverrides)
  const components = selectComponents(file, settings.only)
  const outDir = join(settings.runDir, 'apply-patches')
  mkdirSync(outDir, { recursive: true })

  const results: ComponentApplyResult[] = []
  for (const component of components) {
    if (deps.signal?.aborted) throw new InterruptedError()
    const result = await logger.withGroup(`apply-patches: ${component.name}`, () =>
      applyComponent(file, component, settings, { ...deps, cache }, outDir)
    )
    results.push(result)
  }

  const counts = countStatuses(results)
  const report: ApplyReport = { check: settings.check, components: results, counts }
  const reportPath = join(outDir, 'report.json')
  const markdownPath = join(outDir, 'report.md')
  writeFileSync(reportPath, JSON.stringify(report, null, 2) + '\n')
  writeFileSync(markdownPath, reportMarkdown(report))
  const summary =
    `${counts.applied + counts['applied-with-offset'] + counts['applied-3way']} patches applied ` +
    `(${counts['applied-with-offset']} with offset, ${counts['applied-3way']} with 3-way merge), ` +
    `${counts.failed} failed, ${counts.skipped} skipped`
  if (counts.failed) logger.error(`apply-patches: ${summary}; see ${markdownPath}`)
  else logger.info(`apply-patches: ${summary}`)
  return {
    ...report,
    reportPath,
    markdownPath,
    failed: counts.failed,
    cacheHit: results.length > 0 && results.every(r => r.cacheHit)
  }
}

async function applyComponent(
  file: ComponentsFile,
  component: ComponentSpec,
  settings: ApplyPatchesSettings,
  deps: ApplyPatchesDeps & { cache: TreeCache },
  outDir: string
): Promise<ComponentApplyResult> {
  const { logger, cache } = deps
  const tree = resolve(settings.workDir, component.name)
  const chain = seriesChain(file, component).map(s => ({ ...s, patches: readSeries(s.series, s.component) }))
  const allPatches: SeriesPatch[] = chain.flatMap(s => s.patches)
  const hash = seriesHash(allPatches)
  const key = treeCacheKey(component.name, await upstreamId(component.upstream, component.name), hash)

  await guardExistingTree(component.name, tree)
  if (await cache.restore(key, tree)) {
    const record = readRecord(tree)
    if (record && record.seriesHash === hash) {
      logger.info(`${component.name}: restored from the cache (${cache.description}, key ${key})`)
      return { ...record, tree, cacheHit: true }
    }
    logger.warning(`${component.name}: the cache entry ${key} has no usable record; patching again`)
  }

  const logFile = join(outDir, `${component.name}.log`)
  rmSync(logFile, { force: true })
  logger.info(`${component.name}: fetching ${component.upstream.ref} from ${component.upstream.url}`)
  let fetched: Awaited<ReturnType<typeof fetchUpstream>>
  try {
    fetched = await fetchUpstream(component.upstream, tree, { logger, logFile, component: component.name })
  } catch (error) {
    await removeTree(tree) // nothing half-made is left for the next run to trip over
    throw error
  }

  const patches: PatchResult[] = []
  for (const [index, part] of chain.entries()) {
    if (index === chain.length - 1) await gitOut(tree, ['update-ref', SERIES_BASE_REF, 'HEAD'])
    const stopped = patches.some(p => p.status === 'failed') && !settings.check
    const results = stopped
      ? part.patches.map(p => ({
          component: p.component,
          patch: p.name,
          subject: p.subject,
          status: 'skipped' as const
        }))
      : await applySeries(tree, part.patches, {
          check: settings.check,
          logFile,
          onResult: r =>
            r.status === 'failed' ? logger.error(describePatch(r)) : logger.info(describePatch(r))
        })
    patches.push(...results)
  }
  const ok = patches.every(p => p.status !== 'failed' && p.status !== 'skipped')
  if (ok) await gitOut(tree, ['checkout', '--quiet', '-B', PATCHED_BRANCH])
  const head = await gitOut(tree, ['rev-parse', 'HEAD'])
  const result: ComponentApplyResult = {
    component: component.name,
    tree,
    upstream: {
      url: component.upstream.url,
      ref: component.upstream.ref,
      commit: fetched.commit,
      tree: fetched.tree
    },
    pinnedCommit: FULL_COMMIT.test(component.upstream.ref) ? component.upstream.ref : fetched.commit,
    seriesHash: hash,
    cacheKey: key,
    cacheHit: false,
    head,
    patches,
    ok
  }
  writeFileSync(join(tree, TREE_RECORD), JSON.stringify(result, null, 2) + '\n')
  if (ok && !settings.check) {
    await cache.save(key, tree)
    logger.debug(`${component.name}: stored in the cache (${cache.description}, key ${key})`)
  }
  return result
}

/**
 * A tree is replaced only when apply-patches made it and nobody worked in it since: commits or changes made for
 * regenerate-patches must never be thrown away by the next apply-patches.
 */
async function guardExistingTree(component: string, tree: string): Promise<void> {
  if (!existsSync(tree) || readdirSync(tree).length === 0) return
  const record = readRecord(tree)
  if (!record) {
    throw new ConfigurationError(
      `${component}: ${tree} exists and was not made by apply-patches; remove it or choose another --work-dir`
    )
  }
  const head = await git(tree, ['rev-parse', 'HEAD'])
  const status = await git(tree, ['status', '--porcelain', '--untracked-files=no'])
  if (head.stdout.trim() !== record.head || status.stdout.trim() !== '') {
    throw new ConfigurationError(
      `${component}: ${tree} has commits or changes made after apply-patches; run regenerate-patches ${component} ` +
        'to keep them, or remove the tree'
    )
  }
}

function readRecord(tree: string): ComponentApplyResult | undefined {
  const path = join(tree, TREE_RECORD)
  if (!existsSync(path)) return undefined
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as ComponentApplyResult
  } catch {
    return undefined
  }
}

/**
 * After regenerate-patches has written the tree's commits into the series, the tree's work is saved: record its
 * HEAD so that the next apply-patches may replace the tree.
 */
export async function acceptTreeHead(tree: string): Promise<void> {
  const record = readRecord(tree)
  if (!record) return
  record.head = await gitOut(tree, ['rev-parse', 'HEAD'])
  writeFileSync(join(tree, TREE_RECORD), JSON.stringify(record, null, 2) + '\n')
}

/** The apply-patches result recorded in a patched tree, if it has one (build-push-images reads it for tags). */
export function readTreeRecord(tree: string): ComponentApplyResult | undefined {
  return readRecord(tree)
}
