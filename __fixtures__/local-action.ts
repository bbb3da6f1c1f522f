import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
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

/**
 * Runs an action the way a runner would, through @github/local-action (it reads the action.yml, passes
 * INPUT_* variables and intercepts @actions/core), on the action's TypeScript source.
 */
export async function runLocalAction(
  stage: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  timeoutMs = 300_000
): Promise<LocalActionResult> {
  const dir = mkdtempSync(join(tmpdir(), 'local-action-'))
  const envFile = join(dir, '.env')
  const lines = Object.entries(inputs).map(
    ([name, value]) => `INPUT_${name.toUpperCase()}=${JSON.stringify(value)}`
  )
  writeFileSync(envFile, lines.join('\n') + '\n')
  const args = ['local-action', 'run', `actions/${stage}`, `../../src/actions/${stage}.ts`, envFile]
  return new Promise(done => {
    execFile(
      'npx',
      args,
      {
        cwd: root,
        timeout: timeoutMs,
        maxBuffer: 64 << 20,
        env: { ...process.env, ...env, NO_COLOR: '1', FORCE_COLOR: '0' }
      },
      (error, stdout, stderr) => {
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
