import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { ConfigurationError } from '../util/errors.js'
import type { Logger } from '../util/logging.js'
import { acceptTreeHead, SERIES_BASE_REF } from './apply-patches.js'
import { loadComponents } from './components.js'
import { git, gitOut } from './git.js'
import { readSeries } from './series.js'

export interface RegenerateSettings {
  componentsFile: string
  component: string
  /** Repository holding the commits; usually the tree apply-patches made (<work dir>/<component>). */
  repo: string
  /** Branch or commit whose commits become the series; default HEAD. */
  branch?: string
  /** Commit the series starts after; default the series base apply-patches recorded in the tree. */
  base?: string
}

export interface RegenerateResult {
  series: string
  /** Patch files written, in order. */
  patches: string[]
  /** Patch files of the old series that are gone. */
  removed: string[]
}

/** The format-patch options of every series: stable output whatever the git version or the commit ids. */
export const FORMAT_PATCH_ARGS = [
  '--no-signature',
  '--zero-commit',
  '--full-index',
  '--no-numbered',
  '--quiet'
]

/**
 * Rewrites a component's series from the commits base..branch of a repository (`git format-patch`): the patch
 * files listed in the old series are replaced, and the series file lists the new ones in order. The usual
 * loop is: apply-patches, commit (or rebase) in the patched tree, regenerate.
 */
export async function regenerateSeries(
  settings: RegenerateSettings,
  logger: Logger
): Promise<RegenerateResult> {
  const file = loadComponents(settings.componentsFile)
  const component = file.components.get(settings.component)
  if (!component) {
    throw new ConfigurationError(
      `component: unknown ${JSON.stringify(settings.component)} (known: ${[...file.components.keys()].join(', ')})`
    )
  }
  const repo = resolve(settings.repo)
  if ((await git(repo, ['rev-parse', '--git-dir'])).code !== 0) {
    throw new ConfigurationError(`repo: ${repo} is not a git repository`)
  }
  const branch = settings.branch ?? 'HEAD'
  const base = settings.base ?? SERIES_BASE_REF
  for (const [name, ref] of [
    ['branch', branch],
    ['base', base]
  ] as const) {
    if ((await git(repo, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).code !== 0) {
      const hint = name === 'base' && !settings.base ? ' (not a tree made by apply-patches: give --base)' : ''
      throw new ConfigurationError(`${name}: ${ref} is not a commit in ${repo}${hint}`)
    }
  }
  const merges = await gitOut(repo, ['rev-list', '--merges', `${base}..${branch}`])
  if (merges)
    throw new ConfigurationError(
      `${base}..${branch} has merge commits; a series must be a straight line of commits`
    )
  const count = Number(await gitOut(repo, ['rev-list', '--count', `${base}..${branch}`]))
  if (!count) throw new ConfigurationError(`${base}..${branch} has no commits: the series would be empty`)

  const seriesDir = dirname(component.series)
  const old = existsSync(component.series)
    ? readSeries(component.series, component.name).map(p => p.name)
    : []
  const scratch = mkdtempSync(join(tmpdir(), 'swarm-series-'))
  try {
    await gitOut(repo, ['format-patch', ...FORMAT_PATCH_ARGS, '-o', scratch, `${base}..${branch}`])
    const written = readdirSync(scratch)
      .filter(f => f.endsWith('.patch'))
      .sort()
    for (const name of old) rmSync(join(seriesDir, name), { force: true })
    for (const name of written) renameSync(join(scratch, name), join(seriesDir, name))
    writeFileSync(component.series, written.join('\n') + '\n')
    const removed = old.filter(name => !written.includes(name))
    if ((await gitOut(repo, ['rev-parse', 'HEAD'])) === (await gitOut(repo, ['rev-parse', branch]))) {
      await acceptTreeHead(repo)
    }
    logger.info(
      `${component.name}: ${basename(component.series)} now lists ${written.length} patches from ${base}..${branch}` +
        (removed.length ? `; removed ${removed.join(', ')}` : '')
    )
    return { series: component.series, patches: written.map(n => join(seriesDir, n)), removed }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}
