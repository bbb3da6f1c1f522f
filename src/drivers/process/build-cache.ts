import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { buildPushImages } from '../../images/build-push.js'
import { requireGo } from '../../images/binaries.js'
import { applyPatches } from '../../patches/apply-patches.js'
import { DirectoryTreeCache } from '../../patches/cache.js'
import { loadComponents } from '../../patches/components.js'
import { ConfigurationError } from '../../util/errors.js'
import type { Logger } from '../../util/logging.js'
import {
  currentSeriesHashes,
  PROCESS_BINARIES,
  readStamp,
  sha256File,
  STAMP_FILE,
  STAMP_FORMAT,
  verifyProcessBinaries,
  type BuildStamp
} from './binaries.js'

/** `${ASSISTED_SWARM_CACHE:-$HOME/.cache/assisted-swarm}` */
export function swarmCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.ASSISTED_SWARM_CACHE || join(homedir(), '.cache', 'assisted-swarm'))
}

export interface EnsureBinariesOptions {
  componentsFile: string
  /** component → url[#ref] (offline bundles), as apply-patches --upstream. */
  upstreamOverrides?: Record<string, string>
  /** Default swarmCacheDir(). Binaries go to <cache>/process-binaries/<key>, patched trees to <cache>/patched-trees. */
  cacheDir?: string
  /** GOCACHE; default <cache>/go-build. */
  goCache?: string
  logger: Logger
  signal?: AbortSignal
}

export interface EnsuredBinaries {
  dir: string
  cacheHit: boolean
  stamp: BuildStamp
}

/**
 * The cache key of a build: every component's pinned upstream (ref and tree) and series hash, and the Go
 * version. The same checkout on the same toolchain always finds its binaries again.
 */
export function binariesCacheKey(componentsFile: string, goVersion: string): string {
  const file = loadComponents(componentsFile)
  const series = currentSeriesHashes(componentsFile)
  const hash = createHash('sha256').update('assisted-swarm process binaries v1\n')
  for (const c of [...file.components.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    hash.update(
      `${c.name} ${c.upstream?.ref ?? ''} ${c.upstream?.tree ?? ''} ${c.base ?? ''} ${series[c.name]}\n`
    )
  }
  hash.update(goVersion)
  return hash.digest('hex').slice(0, 24)
}

/**
 * The patched agent, installer and controller for the process driver, built once per checkout: apply-patches
 * (its own tree cache) and build-push-images --binaries into the cache, with a build stamp; later calls return
 * the cached directory after checking it. Concurrent callers wait for one build.
 */
export async function ensureProcessBinaries(options: EnsureBinariesOptions): Promise<EnsuredBinaries> {
  const { logger } = options
  const cacheDir = resolve(options.cacheDir ?? swarmCacheDir())
  const go = await requireGo()
  const key = binariesCacheKey(options.componentsFile, go)
  const dir = join(cacheDir, 'process-binaries', key)
  const found = (): EnsuredBinaries | undefined => {
    if (!existsSync(join(dir, STAMP_FILE))) return undefined
    const verified = verifyProcessBinaries(dir, { componentsFile: options.componentsFile })
    return { dir, cacheHit: true, stamp: verified.stamp! }
  }
  const hit = found()
  if (hit) {
    logger.info(`process binaries: cache hit ${dir}`)
    return hit
  }
  mkdirSync(join(cacheDir, 'process-binaries'), { recursive: true })
  const lock = `${dir}.lock`
  await acquireLock(lock, options.signal)
  try {
    const again = found()
    if (again) return again
    logger.info(`process binaries: building into ${dir} (apply-patches, then go build; minutes when cold)`)
    // A fixed place for the patched trees: Go's build cache then finds the same packages at the same paths, and a
    // new series recompiles only what it changes.
    const work = join(cacheDir, 'process-binaries', 'build')
    rmSync(work, { recursive: true, force: true })
    const partial = `${dir}.partial-${process.pid}`
    rmSync(partial, { recursive: true, force: true })
    try {
      const applied = await applyPatches(
        {
          componentsFile: options.componentsFile,
          only: [],
          check: false,
          runDir: work,
          workDir: join(work, 'src'),
          ...(options.upstreamOverrides ? { upstreamOverrides: options.upstreamOverrides } : {})
        },
        {
          logger,
          cache: new DirectoryTreeCache(join(cacheDir, 'patched-trees')),
          ...(options.signal ? { signal: options.signal } : {})
        }
      )
      if (applied.failed)
        throw new ConfigurationError(
          `apply-patches: ${applied.failed} patches did not apply; see ${applied.reportPath}`
        )
      await buildPushImages(
        {
          componentsFile: options.componentsFile,
          only: [],
          workDir: join(work, 'src'),
          runDir: work,
          builder: 'buildah',
          images: false,
          push: false,
          from: 'binaries',
          binariesDir: partial,
          tlsVerify: true,
          parallel: 1,
          goCache: options.goCache ?? join(cacheDir, 'go-build')
        },
        { logger, ...(options.signal ? { signal: options.signal } : {}) }
      )
      const stamp: BuildStamp = {
        format: STAMP_FORMAT,
        builtAt: new Date().toISOString(),
        go,
        components: Object.fromEntries(
          applied.components.map(c => [
            c.component,
            { upstreamCommit: c.pinnedCommit, seriesHash: c.seriesHash }
          ])
        ),
        binaries: Object.fromEntries(PROCESS_BINARIES.map(b => [b, sha256File(join(partial, b))]))
      }
      writeFileSync(join(partial, STAMP_FILE), JSON.stringify(stamp, null, 2) + '\n')
      rmSync(dir, { recursive: true, force: true })
      renameSync(partial, dir)
      verifyProcessBinaries(dir, { componentsFile: options.componentsFile })
      return { dir, cacheHit: false, stamp }
    } finally {
      rmSync(partial, { recursive: true, force: true })
    }
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

/** The cached binaries of this checkout, if they were built already (nothing is built). */
export function findCachedProcessBinaries(
  componentsFile: string,
  goVersion: string,
  cacheDir = swarmCacheDir()
): string | undefined {
  const dir = join(cacheDir, 'process-binaries', binariesCacheKey(componentsFile, goVersion))
  return readStampSafe(dir) ? dir : undefined
}

function readStampSafe(dir: string): BuildStamp | undefined {
  try {
    return readStamp(dir)
  } catch {
    return undefined
  }
}

/** A directory lock (mkdir is atomic); a lock whose holder is gone is taken over. */
async function acquireLock(lock: string, signal?: AbortSignal): Promise<void> {
  for (;;) {
    try {
      mkdirSync(lock)
      writeFileSync(join(lock, 'pid'), String(process.pid))
      return
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    let holder = 0
    try {
      holder = Number(readFileSync(join(lock, 'pid'), 'utf8'))
    } catch {
      holder = 0
    }
    if (holder && !alive(holder)) rmSync(lock, { recursive: true, force: true })
    else await sleep(2000, undefined, signal ? { signal } : undefined)
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
