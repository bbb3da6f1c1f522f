import { join } from 'node:path'
import { buildPushImages, type BuildPushResult, type BuildPushSettings } from '../images/build-push.js'
import type { BuilderKind } from '../images/builder.js'
import { buildPushImagesTable } from '../settings/build-push-images.js'
import type { OptionValues } from '../settings/options.js'
import { ConfigurationError } from '../util/errors.js'
import type { Stage } from './stage.js'

/** The trees input: a JSON object component → directory (the trees output of apply-patches). */
function parseTrees(text: string | undefined): Record<string, string> | undefined {
  if (!text) return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new ConfigurationError(
      `trees: must be a JSON object component → directory, got ${JSON.stringify(text)}`
    )
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigurationError(
      `trees: must be a JSON object component → directory, got ${JSON.stringify(text)}`
    )
  }
  for (const [name, dir] of Object.entries(parsed)) {
    if (typeof dir !== 'string') throw new ConfigurationError(`trees.${name}: must be a directory path`)
  }
  return parsed as Record<string, string>
}

/** build-push-images as a Stage: the same table, settings and library call for the action and the CLI. */
export const buildPushImagesStage: Stage<BuildPushSettings, BuildPushResult> = {
  table: buildPushImagesTable,

  settings(values: OptionValues): BuildPushSettings {
    const runDir = values.requiredString('run-dir')
    const username = values.string('registry-username')
    const password = values.string('registry-password')
    if (Boolean(username) !== Boolean(password)) {
      throw new ConfigurationError('registry-username and registry-password: give both, or neither')
    }
    const trees = parseTrees(values.string('trees'))
    const registry = values.string('registry')
    const binaries = values.string('binaries')
    const goCache = values.string('go-cache')
    return {
      componentsFile: values.requiredString('components'),
      only: values.list('only'),
      ...(trees ? { trees } : {}),
      workDir: join(runDir, 'src'),
      runDir,
      ...(registry ? { registry } : {}),
      ...(username && password ? { credentials: { username, password } } : {}),
      builder: values.requiredString('builder') as BuilderKind,
      images: values.boolean('images'),
      push: values.boolean('push'),
      from: values.requiredString('from') as 'source' | 'binaries',
      ...(binaries ? { binariesDir: binaries } : {}),
      tlsVerify: values.boolean('tls-verify'),
      parallel: values.integer('parallel', 1) ?? 2,
      ...(goCache ? { goCache } : {})
    }
  },

  execute: (settings, context) =>
    buildPushImages(settings, { logger: context.logger, signal: context.signal }),

  outputs(result) {
    return {
      images: JSON.stringify(
        Object.fromEntries(result.components.filter(c => c.built).map(c => [c.component, c.reference]))
      ),
      binaries: result.binariesDir ?? ''
    }
  },

  summary(result) {
    const lines = ['## build-push-images', '', '| component | image | binaries |', '|---|---|---|']
    for (const c of result.components) {
      const image = c.built ? `\`${c.reference}\`` : 'not built'
      lines.push(`| ${c.component} | ${image} | ${c.binaries.length ? c.binaries.length : ''} |`)
    }
    if (result.binariesDir) lines.push('', `Binaries: \`${result.binariesDir}\``)
    return lines.join('\n') + '\n'
  }
}
