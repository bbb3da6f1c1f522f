import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigurationError } from '../util/errors.js'
import type { ImageBuilder } from './builder.js'

export interface RegistryCredentials {
  username: string
  password: string
}

/** host[:port] of an image reference or registry path ("127.0.0.1:5000/swarm" → "127.0.0.1:5000"). */
export function registryHost(registry: string): string {
  return registry.split('/')[0]!
}

/**
 * Logs in to the registry into an auth file of a private temporary directory, runs `fn` with that file, and
 * removes the directory whatever happens: the credentials never outlive the pushes, and never reach the run
 * directory or its artifacts. Without credentials `fn` gets no auth file (anonymous push).
 */
export async function withRegistryLogin<T>(
  builder: ImageBuilder,
  registry: string,
  credentials: RegistryCredentials | undefined,
  options: { tlsVerify: boolean; logFile: string },
  fn: (authFile: string | undefined) => Promise<T>
): Promise<T> {
  if (!credentials) return fn(undefined)
  if (!credentials.username || !credentials.password) {
    throw new ConfigurationError(
      'registry credentials: give both registry-username and registry-password, or neither'
    )
  }
  const dir = mkdtempSync(join(tmpdir(), 'swarm-auth-'))
  chmodSync(dir, 0o700)
  const authFile = join(dir, 'auth.json')
  try {
    await builder.login({
      registry: registryHost(registry),
      username: credentials.username,
      password: credentials.password,
      authFile,
      tlsVerify: options.tlsVerify,
      logFile: options.logFile
    })
    return await fn(authFile)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
