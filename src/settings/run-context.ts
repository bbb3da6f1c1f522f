import { join } from 'node:path'
import { ConfigurationError } from '../util/errors.js'

/**
 * The run id and run directory: the state every stage shares. Between actions they travel as outputs that
 * become inputs; on the CLI, `runs/<run id>/run.json` lets a later command find them.
 */
const RUN_ID = /^[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?$/

export function resolveRunId(
  planName: string,
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  now = new Date()
): string {
  if (explicit) {
    if (!RUN_ID.test(explicit)) {
      throw new ConfigurationError(
        `run id: must be lower-case letters, digits, "-" and "." (at most 63, starting and ending alphanumeric), got ${JSON.stringify(explicit)}`
      )
    }
    return explicit
  }
  if (env.GITHUB_RUN_ID) return `${planName}-${env.GITHUB_RUN_ID}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15).toLowerCase()
  return `${planName}-${stamp}`
}

export function resolveRunDir(explicit: string | undefined, runId: string): string {
  return explicit ?? join('runs', runId)
}
