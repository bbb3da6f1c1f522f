import { runChecked, runCommand, type CommandResult } from './exec.js'

/**
 * Git as the patch tooling runs it: no prompts, and a fixed committer whose dates follow the patches' author
 * dates, so the same upstream commit and series always give the same patched commit ids.
 */
export const GIT_IDENTITY = { name: 'assisted-swarm', email: 'assisted-swarm@users.noreply.example' }

export function gitEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_COMMITTER_NAME: GIT_IDENTITY.name,
    GIT_COMMITTER_EMAIL: GIT_IDENTITY.email,
    GIT_AUTHOR_NAME: GIT_IDENTITY.name,
    GIT_AUTHOR_EMAIL: GIT_IDENTITY.email,
    LC_ALL: 'C'
  }
}

export interface GitOptions {
  logFile?: string
  signal?: AbortSignal
}

/** Runs git in a directory; never throws (look at `code`). */
export function git(dir: string, args: readonly string[], options: GitOptions = {}): Promise<CommandResult> {
  return runCommand('git', ['-c', 'core.autocrlf=false', ...args], { cwd: dir, env: gitEnv(), ...options })
}

/** Runs git in a directory and throws a CommandError when it fails; returns trimmed stdout. */
export async function gitOut(
  dir: string,
  args: readonly string[],
  options: GitOptions = {}
): Promise<string> {
  const result = await runChecked('git', ['-c', 'core.autocrlf=false', ...args], {
    cwd: dir,
    env: gitEnv(),
    ...options
  })
  return result.stdout.trim()
}

export const FULL_COMMIT = /^[0-9a-f]{40}$/
