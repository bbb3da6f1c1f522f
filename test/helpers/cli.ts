import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'

const root = resolve(import.meta.dirname ?? '.', '../..')

export interface CliRun {
  child: ChildProcess
  stdout(): string
  stderr(): string
  /** Resolves with the exit code (or 128+signal). */
  exited: Promise<number>
}

/** Runs `assisted-swarm <args>` from the sources (tsx), as a user would from a shell. */
export function startCli(args: string[], env: Record<string, string> = {}): CliRun {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'src/cli/bin.ts'), ...args], {
    cwd: root,
    env: { ...process.env, ...env, NO_COLOR: '1', CI: '1' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  let err = ''
  child.stdout!.on('data', d => (out += String(d)))
  child.stderr!.on('data', d => (err += String(d)))
  const exited = new Promise<number>(done =>
    child.on('exit', (code, signal) =>
      done(code ?? 128 + (signal === 'SIGKILL' ? 9 : signal === 'SIGTERM' ? 15 : 2))
    )
  )
  return { child, stdout: () => out, stderr: () => err, exited }
}

export async function runCli(
  args: string[],
  env: Record<string, string> = {}
): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = startCli(args, env)
  const code = await run.exited
  return { code, stdout: run.stdout(), stderr: run.stderr() }
}

/** Waits until `probe` is true, polling every 100 ms. */
export async function until(
  what: string,
  timeoutMs: number,
  probe: () => boolean | Promise<boolean>
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise(r => setTimeout(r, 100))
  }
}

/** Starts `assisted-swarm sim --port 0 --fast` as its own process and returns its URL once it is ready. */
export async function startSimProcess(
  extra: string[] = []
): Promise<{ url: string; run: CliRun; stop(): Promise<void> }> {
  const run = startCli(['sim', '--host', '127.0.0.1', '--port', '0', '--fast', ...extra])
  await until(
    'the simulator URL',
    60_000,
    () => /^http:\/\/127\.0\.0\.1:\d+/m.test(run.stdout()) || run.child.exitCode !== null
  )
  const url = /^(http:\/\/127\.0\.0\.1:\d+)/m.exec(run.stdout())?.[1]
  if (!url) throw new Error(`sim did not start: ${run.stderr()}`)
  return {
    url,
    run,
    async stop() {
      if (run.child.exitCode === null) run.child.kill('SIGTERM')
      await run.exited
    }
  }
}
