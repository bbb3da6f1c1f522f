/**
 * A real kube-apiserver + etcd (+ kube-controller-manager) for tests, through scripts/kube-env.sh.
 *
 *   const skip = await kubeEnvSkipReason()          // undefined when the binaries exist or could be built
 *   const env = await startKubeEnv()                // a fresh API server in its own state dir...
 *   await env.stop()                                // ...stopped by the PIDs it recorded
 *
 * With KUBECONFIG_TEST set, tests reuse that API server instead (stop() then does nothing; restarting
 * the API server works only when KUBECONFIG_TEST is the kubeconfig of a kube-env state dir).
 */
import { spawnSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { KubeConfig } from '@kubernetes/client-node'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const SCRIPT = join(ROOT, 'scripts', 'kube-env.sh')

export interface KubeEnv {
  kubeconfigPath: string
  server: string
  /** Where etcd, kube-apiserver, kube-controller-manager and kubectl are. */
  binDir: string
  /** The kube-env state dir (pids, logs, certs), when known. */
  stateDir?: string
  /** Runs the built kubectl against this API server. */
  kubectl(args: string[], input?: string): { status: number; stdout: string; stderr: string }
  /** Stops kube-apiserver (its recorded PID only); `startApiServer` brings it back on the same port. */
  stopApiServer(): Promise<void>
  startApiServer(): Promise<void>
  stop(): Promise<void>
}

interface ScriptResult {
  status: number
  stdout: string
  stderr: string
}

function runScript(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ScriptResult> {
  return new Promise(resolvePromise => {
    const child = spawn('bash', [SCRIPT, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += String(chunk)))
    child.stderr.on('data', chunk => (stderr += String(chunk)))
    child.on('close', code => resolvePromise({ status: code ?? 1, stdout, stderr }))
  })
}

function parsePaths(stdout: string): Record<string, string> {
  const values: Record<string, string> = {}
  for (const line of stdout.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim())
    if (match) values[match[1]!] = match[2]!
  }
  return values
}

let skipReason: Promise<string | undefined> | undefined

/**
 * Why kube tests cannot run here, or undefined. Builds the binaries when they are missing (a cold
 * build takes several minutes; .ci/run builds them beforehand through scripts/ci/kube-prereqs.sh).
 */
export function kubeEnvSkipReason(): Promise<string | undefined> {
  skipReason ??= (async () => {
    if (process.env.KUBECONFIG_TEST) return undefined
    const result = await runScript(['build'])
    if (result.status === 0) return undefined
    const tail = result.stderr.trim().split('\n').slice(-3).join(' | ')
    return `the kube binaries cannot be built (scripts/kube-env.sh build): ${tail}`
  })()
  return skipReason
}

function kubectlRunner(binDir: string, kubeconfigPath: string): KubeEnv['kubectl'] {
  return (args, input) => {
    const result = spawnSync(join(binDir, 'kubectl'), ['--kubeconfig', kubeconfigPath, ...args], {
      input,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024
    })
    return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr }
  }
}

function componentControl(stateDir: string | undefined): Pick<KubeEnv, 'stopApiServer' | 'startApiServer'> {
  const control = async (verb: 'stop' | 'start'): Promise<void> => {
    if (!stateDir)
      throw new Error('this API server was not started by kube-env: it cannot be restarted by the test')
    const result = await runScript([verb, 'kube-apiserver'], { KUBE_ENV_DIR: stateDir })
    if (result.status !== 0)
      throw new Error(`kube-env ${verb} kube-apiserver failed: ${result.stderr.trim()}`)
  }
  return { stopApiServer: () => control('stop'), startApiServer: () => control('start') }
}

export async function startKubeEnv(options: { controllers?: boolean } = {}): Promise<KubeEnv> {
  const reused = process.env.KUBECONFIG_TEST
  if (reused) {
    const kc = new KubeConfig()
    kc.loadFromFile(reused)
    const stateDir = existsSync(join(dirname(reused), '.kube-env')) ? dirname(reused) : undefined
    const binDir =
      parsePaths((await runScript(['paths'], stateDir ? { KUBE_ENV_DIR: stateDir } : {})).stdout).BIN_DIR ??
      ''
    return {
      kubeconfigPath: reused,
      server: kc.getCurrentCluster()!.server,
      binDir,
      ...(stateDir ? { stateDir } : {}),
      kubectl: kubectlRunner(binDir, reused),
      ...componentControl(stateDir),
      stop: async () => {}
    }
  }
  const stateDir = mkdtempSync(join(tmpdir(), 'assisted-swarm-kube-env-'))
  const env = { KUBE_ENV_DIR: stateDir, KUBE_ENV_CONTROLLERS: options.controllers === false ? '0' : '1' }
  const up = await runScript(['up'], env)
  if (up.status !== 0) {
    await runScript(['down'], env)
    rmSync(stateDir, { recursive: true, force: true })
    throw new Error(`kube-env up failed:\n${up.stderr.trim().split('\n').slice(-15).join('\n')}`)
  }
  const paths = parsePaths(up.stdout)
  return {
    kubeconfigPath: paths.KUBECONFIG!,
    server: paths.SERVER!,
    binDir: paths.BIN_DIR!,
    stateDir,
    kubectl: kubectlRunner(paths.BIN_DIR!, paths.KUBECONFIG!),
    ...componentControl(stateDir),
    stop: async () => {
      await runScript(['down'], env)
      rmSync(stateDir, { recursive: true, force: true })
    }
  }
}
