import { spawn } from 'node:child_process'
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs'
import { dirname } from 'node:path'

/** What a finished command left behind. */
export interface CommandResult {
  code: number
  stdout: string
  stderr: string
}

export interface CommandOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
  /** Written to the command's stdin, then closed (how passwords reach `login --password-stdin`). */
  input?: string
  /** Also append the command line and its output to this file (build logs). */
  logFile?: string
  /** Strings replaced by *** in the log file and in error messages, whatever happens. */
  redact?: readonly string[]
  signal?: AbortSignal
}

/** A command that exited non-zero; the message carries the command line and the end of its stderr. */
export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly result: CommandResult
  ) {
    super(`${command} exited with code ${result.code}${tail(result.stderr || result.stdout)}`)
    this.name = 'CommandError'
  }
}

function tail(text: string, lines = 12): string {
  const kept = text.trimEnd().split('\n').slice(-lines).join('\n')
  return kept ? `:\n${kept}` : ''
}

export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text
  for (const secret of secrets) if (secret) out = out.split(secret).join('***')
  return out
}

/** Runs a program (never through a shell) and collects its output; `code` is -1 when it could not start. */
export function runCommand(
  program: string,
  args: readonly string[],
  options: CommandOptions = {}
): Promise<CommandResult> {
  const redact = options.redact ?? []
  let log: WriteStream | undefined
  if (options.logFile) {
    mkdirSync(dirname(options.logFile), { recursive: true })
    log = createWriteStream(options.logFile, { flags: 'a' })
    log.write(redactText(`$ ${[program, ...args].join(' ')}\n`, redact))
  }
  return new Promise(resolvePromise => {
    let stdout = ''
    let stderr = ''
    let settled = false
    const finish = (code: number, extra = ''): void => {
      if (settled) return
      settled = true
      stderr += extra
      const result = { code, stdout: redactText(stdout, redact), stderr: redactText(stderr, redact) }
      if (log) {
        if (extra) log.write(redactText(extra, redact))
        log.write(`[exit ${code}]\n`)
        log.end(() => resolvePromise(result))
      } else resolvePromise(result)
    }
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      signal: options.signal
    })
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      log?.write(redactText(chunk.toString(), redact))
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      log?.write(redactText(chunk.toString(), redact))
    })
    child.on('error', error => finish(-1, `${error.message}\n`))
    child.on('close', code => finish(code ?? -1))
    child.stdin.on('error', () => {})
    child.stdin.end(options.input ?? '')
  })
}

/** Removes a directory tree (`rm -rf`: much faster than fs.rmSync on trees of tens of thousands of files). */
export async function removeTree(dir: string): Promise<void> {
  await runChecked('rm', ['-rf', '--', dir])
}

/** Like runCommand, but a non-zero exit throws a CommandError. */
export async function runChecked(
  program: string,
  args: readonly string[],
  options: CommandOptions = {}
): Promise<CommandResult> {
  const result = await runCommand(program, args, options)
  if (result.code !== 0) {
    throw new CommandError(redactText([program, ...args].join(' '), options.redact ?? []), result)
  }
  return result
}
