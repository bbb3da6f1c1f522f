/**
 * A real registry for tests: Debian's docker-registry (distribution) on 127.0.0.1, with htpasswd basic auth
 * and its storage in a temporary directory. Stopped by the PID it was started with.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TestRegistry {
  /** host:port */
  host: string
  username: string
  password: string
  dir: string
  stop(): Promise<void>
}

const REGISTRY_BINARY = '/usr/bin/docker-registry'

/** Why registry tests cannot run here, or undefined when they can. */
export function registrySkipReason(): string | undefined {
  const missing = [
    existsSync(REGISTRY_BINARY) ? undefined : 'docker-registry',
    ...['buildah', 'skopeo', 'htpasswd'].map(tool => {
      try {
        execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' })
        return undefined
      } catch {
        return tool
      }
    })
  ].filter(Boolean)
  return missing.length
    ? `missing ${missing.join(', ')} (bash scripts/ci/patches-prereqs.sh installs them)`
    : undefined
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      const response = await fetch(url)
      if (response.status === 401 || response.ok) return
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`registry at ${url} did not start`)
    await new Promise(r => setTimeout(r, 100))
  }
}

export async function startTestRegistry(
  username = 'swarm-pusher',
  password = 'Pw-7fq2-not-for-logs'
): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'swarm-registry-'))
  const port = await freePort()
  const htpasswd = execFileSync('htpasswd', ['-Bbn', username, password], { encoding: 'utf8' })
  writeFileSync(join(dir, 'htpasswd'), htpasswd)
  writeFileSync(
    join(dir, 'config.yml'),
    [
      'version: 0.1',
      'log:',
      '  level: error',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${join(dir, 'data')}`,
      'http:',
      `  addr: 127.0.0.1:${port}`,
      'auth:',
      '  htpasswd:',
      '    realm: swarm-test',
      `    path: ${join(dir, 'htpasswd')}`,
      ''
    ].join('\n')
  )
  const child: ChildProcess = spawn(REGISTRY_BINARY, ['serve', join(dir, 'config.yml')], {
    stdio: ['ignore', 'ignore', 'pipe']
  })
  let stderr = ''
  child.stderr?.on('data', chunk => (stderr += String(chunk)))
  try {
    await waitFor(`http://127.0.0.1:${port}/v2/`, 15_000)
  } catch (error) {
    child.kill('SIGKILL')
    throw new Error(`${(error as Error).message}: ${stderr}`)
  }
  return {
    host: `127.0.0.1:${port}`,
    username,
    password,
    dir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise(resolve => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
