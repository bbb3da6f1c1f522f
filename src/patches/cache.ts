import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { removeTree, runChecked } from './exec.js'

/**
 * Where patched trees are kept between runs, keyed by upstream tree/commit and series hash. The CLI uses a
 * directory; an action uses @actions/cache (src/actions/patched-tree-cache.ts).
 */
export interface TreeCache {
  /** For logs: "directory ~/.cache/...", "actions cache". */
  readonly description: string
  /** Restores the tree stored under `key` into `dir` (replacing it); false when there is none. */
  restore(key: string, dir: string): Promise<boolean>
  /** Stores `dir` under `key`. */
  save(key: string, dir: string): Promise<void>
}

/** Version of the cached layout; part of every key, so a layout change never restores an old entry. */
const CACHE_FORMAT = 'v1'

/** `assisted-swarm-patched-v1-agent-9d9c2390f9be-3f9c2a1b7e4d5a6b` */
export function treeCacheKey(component: string, upstreamId: string, seriesHash: string): string {
  return `assisted-swarm-patched-${CACHE_FORMAT}-${component}-${upstreamId.slice(0, 12)}-${seriesHash.slice(0, 16)}`
}

/** The default cache directory of the CLI: $XDG_CACHE_HOME/assisted-swarm/patched-trees. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'assisted-swarm', 'patched-trees')
}

/** Copies a directory as it is (symlinks, modes, .git), in one process. */
async function copyTree(from: string, to: string): Promise<void> {
  await removeTree(to)
  mkdirSync(dirname(to), { recursive: true })
  await runChecked('cp', ['-a', '--reflink=auto', from, to])
}

/** A cache of patched trees in a local directory: one subdirectory per key, written atomically. */
export class DirectoryTreeCache implements TreeCache {
  readonly description: string

  constructor(private readonly root: string) {
    this.description = `directory ${root}`
  }

  async restore(key: string, dir: string): Promise<boolean> {
    const entry = join(this.root, key)
    if (!existsSync(join(entry, '.git'))) return false
    await copyTree(entry, dir)
    return true
  }

  async save(key: string, dir: string): Promise<void> {
    const entry = join(this.root, key)
    if (existsSync(entry)) return
    const partial = `${entry}.partial-${process.pid}`
    await copyTree(dir, partial)
    try {
      renameSync(partial, entry)
    } catch {
      // another run stored the same key first
      await removeTree(partial)
    }
  }
}

/** No cache at all. */
export const noTreeCache: TreeCache = {
  description: 'none',
  restore: async () => false,
  save: async () => {}
}
