import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ConfigurationError, errorMessage } from '../util/errors.js'

/** What a cluster of the plan became in the service, so a re-run of the run id finds it and goes on. */
export interface ClusterRefs {
  clusterId?: string
  infraEnvId?: string
  /** Set once the cluster reached a final state (installed, error, gave up). */
  outcome?: 'installed' | 'failed' | 'gave-up' | 'ready-unbound'
}

/**
 * `run.json` (per shard: `run-<i>-of-<N>.json`) in the run directory: the run id, the plan and target it ran with (never a secret), and the
 * service ids of each cluster. Written atomically (rename) whenever it changes.
 */
export interface RunState {
  runId: string
  planName: string
  planPath: string
  shard: string
  target: { kind: string; url?: string }
  driver: string
  startedAt: string
  resumedAt?: string[]
  endedAt?: string
  clusters: Record<string, ClusterRefs>
}

/** `run.json`, or `run-<i>-of-<N>.json` for a shard, so shards' run directories merge without clashing. */
export function runStateFile(shard: { index: number; count: number }): string {
  return shard.count === 1 ? 'run.json' : `run-${shard.index}-of-${shard.count}.json`
}

export function readRunState(runDir: string, file: string): RunState | undefined {
  const path = join(runDir, file)
  if (!existsSync(path)) return undefined
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as RunState
  } catch (error) {
    throw new ConfigurationError(
      `${path}: unreadable run state (${errorMessage(error)}); move it away to start a new run`
    )
  }
}

export class RunStateStore {
  constructor(
    readonly runDir: string,
    readonly file: string,
    readonly state: RunState
  ) {
    mkdirSync(runDir, { recursive: true })
  }

  cluster(name: string): ClusterRefs {
    return (this.state.clusters[name] ??= {})
  }

  save(): void {
    const path = join(this.runDir, this.file)
    writeFileSync(`${path}.tmp`, JSON.stringify(this.state, null, 2) + '\n')
    renameSync(`${path}.tmp`, path)
  }
}
