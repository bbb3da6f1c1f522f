import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export interface LocalActionResult {
  code: number
  stdout: string
  stderr: string
  /** Outputs the action set, parsed from local-action's "Action Outputs" table. */
  outputs: Record<string, string>
  /** `::error::` / `::warning::` lines. */
  annotations: string[]
}

const root = resolve(import.meta.dirname ?? '.', '..')

export interface LocalActionPlace {
  /**
   * Working directory of the action (a runner's workspace). It must be inside this repository: local-action
   * runs `npm exec` and `npm ls` there, which look for this repository's package.json. Default: the root.
   */
  cwd?: string
  /** The action's directory relative to cwd, e.g. `.assisted-swarm/actions/<stage>`. Default: `actions/<stage>`. */
  actionDir?: string
}

/**
 * Runs an action the way a runner would, through @github/local-action (it reads the action.yml, passes
 * INPUT_* variables and intercepts @actions/core), on the action's TypeScript source
 * (`<actionDir>/../../src/actions/<stage>.ts`).
 */
export async function runLocalAction(
  stage: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  timeoutMs = 300_000,
  place: LocalActionPlace = {}
): Promise<LocalActionResult> {
  const dir = mkdtempSync(join(tmpdir(), 'local-action-'))
  const envFile = join(dir, '.env')
  const lines = Object.entries(inputs).map(
    ([name, value]) => `INPUT_${name.toUpperCase()}=${dotenvQuote(value)}`
  )
  writeFileSync(envFile, lines.join('\n') + '\n')
  const actionDir = place.actionDir ?? `actions/${stage}`
  const args = ['local-action', 'run', actionDir, `../../src/actions/${stage}.ts`, envFile]
  return new Promise(done => {
    execFile(
      'npx',
      args,
      {
        cwd: place.cwd ?? root,
        timeout: timeoutMs,
        maxBuffer: 64 << 20,
        env: { ...process.env, ...env, NO_COLOR: '1', FORCE_COLOR: '0' }
      },
      (error, stdout, stderr) => {
        // The env file holds the inputs, secrets among them: it is removed as soon as the action ends.
        rmSync(dir, { recursive: true, force: true })
        const code = error ? ((error as { code?: number }).code ?? 1) : 0
        done({
          code: typeof code === 'number' ? code : 1,
          stdout,
          stderr,
          outputs: parseOutputs(stdout),
          annotations: annotations(stdout + stderr)
        })
      }
    )
  })
}

function parseOutputs(stdout: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const section = stdout.split('Action Outputs')[1] ?? ''
  // console.table rows: │ <index> │ 'name' │ 'value' │
  for (const match of section.matchAll(/│\s*\d+\s*│\s*'([^']*)'\s*│\s*'((?:[^'\\]|\\.)*)'\s*│/g)) {
    outputs[match[1]!] = match[2]!.replace(/\\'/g, "'")
  }
  return outputs
}

function annotations(text: string): string[] {
  return text.split('\n').filter(line => /^::(error|warning)/.test(line.trim()))
}

/**
 * A value as dotenv (which local-action reads the inputs with) gives it back unchanged: single or back quotes
 * keep everything literal, newlines too; double quotes would keep `\\"` escaped and turn `\\n` into a newline.
 */
function dotenvQuote(value: string): string {
  for (const quote of ["'", '`']) if (!value.includes(quote)) return `${quote}${value}${quote}`
  throw new Error(`an input with both ' and \` cannot pass through a dotenv file: ${value.slice(0, 40)}...`)
}
