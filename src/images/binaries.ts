import { existsSync, lstatSync, mkdirSync, rmSync, symlinkSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ConfigurationError } from '../util/errors.js'
import type { BinarySpec } from '../patches/components.js'
import { runChecked, runCommand } from '../patches/exec.js'

export interface BinaryBuildOptions {
  /** Go build cache (GOCACHE); default: Go's own. Keep one warm: a cold build takes minutes per component. */
  goCache?: string
  logFile: string
  signal?: AbortSignal
}

/** Checks that a Go toolchain is there, once, with a message that says what needs it. */
export async function requireGo(): Promise<string> {
  const version = await runCommand('go', ['version'])
  if (version.code !== 0) {
    throw new ConfigurationError(
      'building binaries (--binaries, or --from binaries) needs the Go toolchain ("go" in PATH), which was not found'
    )
  }
  return version.stdout.trim()
}

/**
 * Builds a component's binaries from its patched tree into `outDir`: static (CGO_ENABLED=0), from the vendored
 * modules (-mod=vendor, offline), stripped; then the symlinks next to them (the agent's tools). Returns the paths
 * of the binaries and links.
 */
export async function buildBinaries(
  tree: string,
  binaries: readonly BinarySpec[],
  outDir: string,
  options: BinaryBuildOptions
): Promise<string[]> {
  mkdirSync(outDir, { recursive: true })
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CGO_ENABLED: '0',
    GOFLAGS: '-mod=vendor',
    GOTOOLCHAIN: 'local'
  }
  if (options.goCache) env.GOCACHE = resolve(options.goCache)
  const written: string[] = []
  for (const binary of binaries) {
    const output = join(resolve(outDir), binary.name)
    await runChecked(
      'go',
      ['build', '-trimpath', '-buildvcs=false', '-ldflags', '-s -w', '-o', output, binary.package],
      {
        cwd: tree,
        env,
        logFile: options.logFile,
        signal: options.signal
      }
    )
    written.push(output)
    for (const link of binary.links) {
      const path = join(resolve(outDir), link)
      if (existsSync(path) || isSymlink(path)) rmSync(path, { force: true })
      symlinkSync(binary.name, path)
      written.push(path)
    }
  }
  return written
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink()
  } catch {
    return false
  }
}
