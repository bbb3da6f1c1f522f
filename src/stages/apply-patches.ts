import { join, resolve } from 'node:path'
import { applyPatches, type ApplyPatchesResult, type ApplyPatchesSettings } from '../patches/apply-patches.js'
import { defaultCacheDir, DirectoryTreeCache, noTreeCache, type TreeCache } from '../patches/cache.js'
import { parseUpstreamOverrides } from '../patches/components.js'
import { reportMarkdown } from '../patches/report.js'
import { applyPatchesTable } from '../settings/apply-patches.js'
import type { OptionValues } from '../settings/options.js'
import { ExitCode } from '../util/exit-codes.js'
import type { Stage } from './stage.js'

export interface ApplyPatchesStageSettings extends ApplyPatchesSettings {
  cache: boolean
  cacheDir?: string
}

/** apply-patches as a Stage: the same table, settings and library call for the action and the CLI. */
export const applyPatchesStage: Stage<ApplyPatchesStageSettings, ApplyPatchesResult> = {
  table: applyPatchesTable,

  settings(values: OptionValues): ApplyPatchesStageSettings {
    const runDir = values.requiredString('run-dir')
    const cacheDir = values.string('cache-dir')
    return {
      componentsFile: values.requiredString('components'),
      only: values.list('only'),
      check: values.boolean('check'),
      runDir,
      workDir: values.string('work-dir') ?? join(runDir, 'src'),
      upstreamOverrides: parseUpstreamOverrides(values.list('upstream')),
      cache: values.boolean('cache'),
      ...(cacheDir ? { cacheDir: resolve(cacheDir) } : {})
    }
  },

  async execute(settings, context) {
    let cache: TreeCache = noTreeCache
    if (settings.cache && !settings.check) {
      if (context.host === 'actions' && !settings.cacheDir) {
        const { ActionsTreeCache } = await import('../actions/patched-tree-cache.js')
        cache = new ActionsTreeCache(context.logger)
      } else cache = new DirectoryTreeCache(settings.cacheDir ?? defaultCacheDir())
    }
    return applyPatches(settings, { logger: context.logger, cache, signal: context.signal })
  },

  outputs(result) {
    return {
      trees: JSON.stringify(Object.fromEntries(result.components.map(c => [c.component, c.tree]))),
      report: result.reportPath,
      'cache-hit': String(result.cacheHit),
      'failed-patches': String(result.failed)
    }
  },

  /** A series that does not apply is bad input: exit 2, with the report naming the patch, file and hunk. */
  exitCode: result => (result.failed ? ExitCode.BadInput : ExitCode.Ok),

  summary: result => reportMarkdown(result)
}
