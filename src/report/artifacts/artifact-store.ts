import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from '../../util/logging.js'
import { PRIVATE_DIR } from '../../util/run-dir.js'

export interface ArtifactInfo {
  name: string
  id: number
  size?: number
}

/**
 * Where run directories are shared between jobs: GitHub's artifact service in Actions
 * (github-artifact-store.ts), a plain directory elsewhere and in tests (directory-artifact-store.ts).
 */
export interface ArtifactStore {
  /** Uploads `files` (absolute paths under `rootDirectory`) as one artifact. */
  upload(name: string, rootDirectory: string, files: string[]): Promise<{ id?: number; size?: number }>
  /** Artifacts of this workflow run (the latest of each name). */
  list(): Promise<ArtifactInfo[]>
  /** Downloads (and unpacks) one artifact into `destination`; returns the directory holding its files. */
  download(artifact: ArtifactInfo, destination: string): Promise<string>
}

/** Directory of the run directory that downloaded shards go to (never uploaded again). */
export const SHARDS_DIR = 'shards'

/** Characters GitHub refuses in artifact names. */
const FORBIDDEN = /["':<>|*?\r\n\\/]/g

/** The artifact name without shard: the artifact-name input, or `assisted-swarm-<run id>`. */
export function artifactBaseName(runId: string | null | undefined, override?: string): string {
  const base = override?.trim() || `assisted-swarm-${runId ?? 'run'}`
  return base.replace(FORBIDDEN, '-')
}

/**
 * The name a run directory is uploaded under: `<base>-shard-<i>` when it holds exactly one shard of a sharded run
 * (the name load-test.yml gives its shard artifacts too), else `<base>` (an unsharded run, or the merged report).
 */
export function artifactName(base: string, shards: string[]): string {
  if (shards.length === 1) {
    const match = /^(\d+)\/(\d+)$/.exec(shards[0]!)
    if (match && match[2] !== '1') return `${base}-shard-${match[1]}`
  }
  return base
}

/** Prefix of every shard artifact of a run. */
export function shardArtifactPrefix(base: string): string {
  return `${base}-shard-`
}

/** Every file of the run directory to upload (the downloaded shards excluded), sorted. */
export function runDirectoryFiles(runDir: string): string[] {
  const files: string[] = []
  const walk = (dir: string, top: boolean): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (top && (entry.name === SHARDS_DIR || entry.name === PRIVATE_DIR)) continue
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path, false)
      else if (entry.isFile()) files.push(path)
    }
  }
  if (existsSync(runDir)) walk(runDir, true)
  return files.sort()
}

/**
 * Downloads every shard artifact of the run (`<base>-shard-*`) into `<run dir>/shards/<name>/` and returns those
 * directories, whose timelines collect-results then merges.
 */
export async function downloadShardArtifacts(
  store: ArtifactStore,
  base: string,
  runDir: string,
  logger: Logger
): Promise<string[]> {
  const prefix = shardArtifactPrefix(base)
  const shards = (await store.list())
    .filter(a => a.name.startsWith(prefix))
    .sort((a, b) => (a.name < b.name ? -1 : 1))
  if (!shards.length) {
    logger.warning(`download-shards: no artifact named ${prefix}* in this workflow run`)
    return []
  }
  const dirs: string[] = []
  for (const artifact of shards) {
    const destination = join(runDir, SHARDS_DIR, artifact.name)
    logger.info(`Downloading ${artifact.name}`)
    dirs.push(await store.download(artifact, destination))
  }
  return dirs
}
