/**
 * apply-patches with real git on fixture repositories made by the tests (src/patches/testing): clean, offset,
 * 3-way and failing patches, check mode, the cache of patched trees, pinned trees and snapshots, regenerate.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ConfigurationError } from '../util/errors.js'
import { RecordingLogger } from '../util/logging.js'
import { applyPatches, type ApplyPatchesSettings } from './apply-patches.js'
import { DirectoryTreeCache } from './cache.js'
import { regenerateSeries } from './regenerate.js'
import {
  createFixtureUpstream,
  DEMO_LINES,
  gitSync,
  type FixtureUpstream
} from './testing/fixture-upstream.js'

const fixtures: FixtureUpstream[] = []
afterEach(() => {
  for (const f of fixtures.splice(0)) f.cleanup()
})

function fixture(): FixtureUpstream {
  const f = createFixtureUpstream()
  fixtures.push(f)
  return f
}

function settings(f: FixtureUpstream, overrides: Partial<ApplyPatchesSettings> = {}): ApplyPatchesSettings {
  return {
    componentsFile: f.componentsFile,
    only: [],
    check: false,
    workDir: join(f.root, 'run', 'src'),
    runDir: join(f.root, 'run'),
    ...overrides
  }
}

describe('apply-patches on a fixture upstream', () => {
  it('applies the series as commits and reports every patch', async () => {
    const f = fixture()
    const logger = new RecordingLogger()
    const result = await applyPatches(settings(f), { logger })
    expect(result.failed).toBe(0)
    const demo = result.components[0]!
    expect(demo.patches.map(p => p.status)).toEqual(['applied', 'applied', 'applied'])
    expect(demo.patches[0]!.subject).toBe('app: change line 20')
    expect(demo.upstream.commit).toBe(f.commit)
    expect(demo.pinnedCommit).toBe(f.commit)
    expect(readFileSync(join(demo.tree, 'src/app.txt'), 'utf8')).toContain('line 20 patched')
    expect(gitSync(demo.tree, ['log', '--format=%s', `${f.commit}..HEAD`]).split('\n')).toEqual([
      'demo: say patched',
      'other: add delta',
      'app: change line 20'
    ])
    expect(gitSync(demo.tree, ['rev-parse', '--abbrev-ref', 'HEAD'])).toBe('swarm')
    const report = JSON.parse(readFileSync(result.reportPath, 'utf8'))
    expect(report.counts.applied).toBe(3)
    expect(readFileSync(result.markdownPath, 'utf8')).toContain(
      '| demo/0001-app-change-line-20.patch | ✓ applied |'
    )
    expect(logger.text()).toContain('✓ demo/0003-demo-say-patched.patch: applied')
  })

  it('tells patches applied at an offset from clean ones', async () => {
    const f = fixture()
    const moved = f.advanceUpstream(read => ({
      'src/app.txt': 'new 1\nnew 2\nnew 3\n' + read('src/app.txt')
    }))
    f.writeComponents({ ref: moved.commit, tree: moved.tree })
    const result = await applyPatches(settings(f), { logger: new RecordingLogger() })
    const [first, second] = result.components[0]!.patches
    expect(first!.status).toBe('applied-with-offset')
    expect(first!.offsets).toEqual([{ file: 'src/app.txt', hunk: 1, offset: 3 }])
    expect(second!.status).toBe('applied')
    expect(result.counts['applied-with-offset']).toBe(1)
  })

  it('falls back to a 3-way merge when the context changed and the old file is known', async () => {
    const f = fixture()
    // The upstream changes a context line of the first patch's hunk, and keeps an identical copy of the old
    // file, so the shallow clone has the blob the patch names: git am --3way can merge.
    const moved = f.advanceUpstream(read => ({
      'src/app.txt': read('src/app.txt').replace('line 18\n', 'line 18 changed upstream\n'),
      'src/app-before.txt': DEMO_LINES.join('\n') + '\n'
    }))
    gitSync(f.upstream, ['add', '-A'])
    gitSync(f.upstream, ['commit', '--quiet', '-m', 'keep a copy'])
    f.writeComponents({
      ref: gitSync(f.upstream, ['rev-parse', 'HEAD']),
      tree: gitSync(f.upstream, ['rev-parse', 'HEAD^{tree}'])
    })
    expect(moved.commit).not.toBe(f.commit)
    const result = await applyPatches(settings(f), { logger: new RecordingLogger() })
    const demo = result.components[0]!
    expect(demo.patches[0]!.status).toBe('applied-3way')
    const app = readFileSync(join(demo.tree, 'src/app.txt'), 'utf8')
    expect(app).toContain('line 18 changed upstream')
    expect(app).toContain('line 20 patched')
  })

  describe('a patch that does not apply', () => {
    function breakFirstPatch(f: FixtureUpstream): string {
      const name = readFileSync(f.seriesFile, 'utf8').split('\n')[0]!
      const path = join(f.seriesFile, '..', name)
      writeFileSync(path, readFileSync(path, 'utf8').replace(' line 19\n', ' line nineteen\n'))
      return name
    }

    it('is reported with its file and hunk; the rest of the series is skipped', async () => {
      const f = fixture()
      const name = breakFirstPatch(f)
      const logger = new RecordingLogger()
      const result = await applyPatches(settings(f), { logger })
      expect(result.failed).toBe(1)
      const [first, second, third] = result.components[0]!.patches
      expect(first).toMatchObject({
        patch: name,
        status: 'failed',
        failure: { file: 'src/app.txt', hunk: '@@ -17,7 +17,7 @@ line 16', hunkIndex: 1, line: 17 }
      })
      expect(first!.failure!.message).toMatch(/patch failed: src\/app\.txt:17/)
      expect(second!.status).toBe('skipped')
      expect(third!.status).toBe('skipped')
      expect(logger.text()).toContain(
        `✗ demo/${name}: failed in src/app.txt hunk #1 @@ -17,7 +17,7 @@ line 16`
      )
      const markdown = readFileSync(result.markdownPath, 'utf8')
      expect(markdown).toContain('**1 failed**')
      expect(markdown).toContain('src/app.txt `@@ -17,7 +17,7 @@ line 16`')
      // the tree stays at the upstream commit, and no broken tree is cached
      expect(gitSync(result.components[0]!.tree, ['rev-parse', 'HEAD'])).toBe(f.commit)
    })

    it('does not stop check mode, which tries every patch', async () => {
      const f = fixture()
      breakFirstPatch(f)
      const result = await applyPatches(settings(f, { check: true }), { logger: new RecordingLogger() })
      expect(result.check).toBe(true)
      expect(result.components[0]!.patches.map(p => p.status)).toEqual(['failed', 'applied', 'applied'])
      expect(result.counts).toMatchObject({ failed: 1, applied: 2, skipped: 0 })
    })
  })

  it('restores a second run from the cache without fetching', async () => {
    const f = fixture()
    const cache = new DirectoryTreeCache(join(f.root, 'cache'))
    const first = await applyPatches(settings(f), { logger: new RecordingLogger(), cache })
    expect(first.cacheHit).toBe(false)
    renameSync(f.upstream, `${f.upstream}.gone`) // a fetch would fail now
    const logger = new RecordingLogger()
    const second = await applyPatches(
      settings(f, { runDir: join(f.root, 'run2'), workDir: join(f.root, 'run2', 'src') }),
      {
        logger,
        cache
      }
    )
    expect(second.cacheHit).toBe(true)
    expect(second.components[0]!.head).toBe(first.components[0]!.head)
    expect(second.components[0]!.patches.map(p => p.status)).toEqual(['applied', 'applied', 'applied'])
    expect(readFileSync(join(second.components[0]!.tree, 'src/other.txt'), 'utf8')).toContain('delta')
    expect(logger.text()).toMatch(/demo: restored from the cache/)
    // a changed series is another key
    writeFileSync(f.seriesFile, readFileSync(f.seriesFile, 'utf8').split('\n').slice(0, 2).join('\n') + '\n')
    await expect(applyPatches(settings(f), { logger: new RecordingLogger(), cache })).rejects.toThrow(
      /cannot fetch/
    )
  })

  it('accepts a snapshot of the pinned tree and refuses another tree', async () => {
    const f = fixture()
    // a copy of the upstream tree with a different history, as the git bundles of ../shared/upstream/sources
    const snapshot = join(f.root, 'snapshot')
    gitSync(f.root, ['init', '--quiet', '--initial-branch=main', snapshot])
    gitSync(f.upstream, ['archive', '--format=tar', '-o', join(f.root, 'tree.tar'), 'HEAD'])
    execFileSync('tar', ['-xf', join(f.root, 'tree.tar'), '-C', snapshot])
    gitSync(snapshot, ['add', '-A'])
    gitSync(snapshot, ['commit', '--quiet', '-m', 'snapshot of upstream'])
    expect(gitSync(snapshot, ['rev-parse', 'HEAD'])).not.toBe(f.commit)

    const result = await applyPatches(settings(f, { upstreamOverrides: { demo: snapshot } }), {
      logger: new RecordingLogger()
    })
    expect(result.components[0]!.upstream.tree).toBe(f.tree)
    expect(result.components[0]!.pinnedCommit).toBe(f.commit)
    expect(result.failed).toBe(0)

    f.writeComponents({ tree: 'f'.repeat(40) })
    await expect(applyPatches(settings(f), { logger: new RecordingLogger() })).rejects.toThrow(
      ConfigurationError
    )
    await expect(applyPatches(settings(f), { logger: new RecordingLogger() })).rejects.toThrow(
      /pins tree ffffffffffff/
    )
  })

  it('regenerates the series from the commits in a patched tree', async () => {
    const f = fixture()
    const first = await applyPatches(settings(f), { logger: new RecordingLogger() })
    const tree = first.components[0]!.tree
    writeFileSync(
      join(tree, 'src/other.txt'),
      readFileSync(join(tree, 'src/other.txt'), 'utf8') + 'epsilon\n'
    )
    await expect(applyPatches(settings(f), { logger: new RecordingLogger() })).rejects.toThrow(
      /has commits or changes/
    )
    gitSync(tree, ['commit', '--quiet', '-am', 'other: add epsilon'])
    await expect(applyPatches(settings(f), { logger: new RecordingLogger() })).rejects.toThrow(
      /run regenerate-patches demo to keep them/
    )
    const result = await regenerateSeries(
      { componentsFile: f.componentsFile, component: 'demo', repo: tree },
      new RecordingLogger()
    )
    expect(result.patches.map(p => p.split('/').pop())).toEqual([
      '0001-app-change-line-20.patch',
      '0002-other-add-delta.patch',
      '0003-demo-say-patched.patch',
      '0004-other-add-epsilon.patch'
    ])
    expect(readFileSync(f.seriesFile, 'utf8').trim().split('\n')).toHaveLength(4)
    expect(readFileSync(result.patches[3]!, 'utf8')).toMatch(/^From 0{40} /)
    const again = await applyPatches(
      settings(f, { runDir: join(f.root, 'again'), workDir: join(f.root, 'again', 'src') }),
      {
        logger: new RecordingLogger()
      }
    )
    expect(again.components[0]!.patches.map(p => p.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied'
    ])
    expect(readFileSync(join(again.components[0]!.tree, 'src/other.txt'), 'utf8')).toContain('epsilon')
    expect(existsSync(join(again.components[0]!.tree, '.git'))).toBe(true)
    // the regenerated tree's work is saved: apply-patches may replace it now
    const replaced = await applyPatches(settings(f), { logger: new RecordingLogger() })
    expect(replaced.components[0]!.patches).toHaveLength(4)
    await expect(
      regenerateSeries(
        { componentsFile: f.componentsFile, component: 'demo', repo: tree, base: 'HEAD' },
        new RecordingLogger()
      )
    ).rejects.toThrow(/no commits/)
  })
})
