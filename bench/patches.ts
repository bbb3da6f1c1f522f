/**
 * apply-patches on the real upstream snapshots (../shared/upstream/sources): a fresh run (fetch + git am of every
 * series) against a run restored from the directory cache, per component and in total.
 *
 *   npm run bench -- patches
 */
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { applyPatches } from '../src/patches/apply-patches.js'
import { DirectoryTreeCache } from '../src/patches/cache.js'
import { removeTree } from '../src/patches/exec.js'
import { silentLogger } from '../src/util/logging.js'

const sources = resolve('..', 'shared', 'upstream', 'sources')
const upstreamOverrides = {
  agent: join(sources, 'assisted-installer-agent.bundle'),
  installer: join(sources, 'assisted-installer.bundle')
}
if (!Object.values(upstreamOverrides).every(existsSync)) {
  console.log(`skipped: the upstream snapshots are not in ${sources}`)
  process.exit(0)
}

const root = mkdtempSync(join(tmpdir(), 'swarm-bench-patches-'))
try {
  const cache = new DirectoryTreeCache(join(root, 'cache'))
  for (const label of ['fresh (fetch, git am, store)', 'cache hit (restore)']) {
    const runDir = join(root, label.startsWith('fresh') ? 'fresh' : 'hit')
    for (const component of ['agent', 'installer', 'controller']) {
      const started = performance.now()
      const result = await applyPatches(
        {
          componentsFile: resolve('components.yaml'),
          only: [component],
          check: false,
          runDir,
          workDir: join(runDir, 'src'),
          upstreamOverrides
        },
        { logger: silentLogger, cache }
      )
      const patches = result.components[0]!.patches.length
      console.log(
        `${label.padEnd(30)} ${component.padEnd(11)} ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  (${patches} patches, cache hit: ${result.cacheHit})`
      )
    }
  }
} finally {
  await removeTree(root)
}
