/**
 * The real patch series on the real upstream trees (the git bundles of ../shared/upstream/sources): every patch
 * applies, a second run is a cache hit, the patched agent, installer and controller compile (go build, vendored
 * modules, a build cache kept between runs), the patched agent runs a dry-run inventory from configuration inside
 * a network namespace of its own, and its image is built with buildah and pushed to a real registry.
 *
 * Slow: a cold build of the three binaries takes several minutes on 2 cores (the Go build cache is kept, see
 * test/images/support/go.ts). Set ASSISTED_SWARM_UPSTREAM_UNIT_TESTS=1 to also run upstream's own unit tests of
 * the packages the series touches; ASSISTED_SWARM_SKIP_UPSTREAM_BUILD=1 skips this file.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { buildPushImages } from '../../src/images/build-push.js'
import { applyPatches, type ApplyPatchesSettings } from '../../src/patches/apply-patches.js'
import { DirectoryTreeCache } from '../../src/patches/cache.js'
import { loadComponents, seriesChain } from '../../src/patches/components.js'
import { runCommand } from '../../src/patches/exec.js'
import { parsePatchFiles, readSeries } from '../../src/patches/series.js'
import { RecordingLogger } from '../../src/util/logging.js'
import { goSkipReason, testGoCache } from '../images/support/go.js'
import { registrySkipReason, startTestRegistry } from '../images/support/registry.js'

const SOURCES = resolve('..', 'shared', 'upstream', 'sources')
const BUNDLES = {
  agent: join(SOURCES, 'assisted-installer-agent.bundle'),
  installer: join(SOURCES, 'assisted-installer.bundle')
}
const missingBundles = Object.values(BUNDLES).filter(b => !existsSync(b))
const skip = missingBundles.length
  ? `upstream snapshots not found: ${missingBundles.join(', ')}`
  : process.env.ASSISTED_SWARM_SKIP_UPSTREAM_BUILD === '1'
    ? 'ASSISTED_SWARM_SKIP_UPSTREAM_BUILD=1'
    : goSkipReason()
if (skip) console.warn(`skipping the real upstream series tests: ${skip}`)
const describeReal = skip ? describe.skip : describe

const MINUTE = 60_000

describeReal('the patch series on the real upstream trees', () => {
  let root: string
  let base: ApplyPatchesSettings
  let cache: DirectoryTreeCache

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'swarm-upstream-'))
    cache = new DirectoryTreeCache(join(root, 'cache'))
    base = {
      componentsFile: resolve('components.yaml'),
      only: [],
      check: false,
      runDir: join(root, 'run'),
      workDir: join(root, 'run', 'src'),
      upstreamOverrides: BUNDLES
    }
  })
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true })
  })

  it(
    'applies every patch of every series',
    async () => {
      const result = await applyPatches(base, { logger: new RecordingLogger(), cache })
      const file = loadComponents(base.componentsFile, BUNDLES)
      const expected = [...file.components.values()].reduce(
        (n, c) => n + readSeries(c.series, c.name).length,
        0
      )
      expect(result.counts).toEqual({
        applied: expected,
        'applied-with-offset': 0,
        'applied-3way': 0,
        failed: 0,
        skipped: 0
      })
      expect(result.components.map(c => [c.component, c.upstream.tree])).toEqual([
        ['agent', '9d9c2390f9be7663c10cf11a765ed901909f93d3'],
        ['installer', 'b9791bb3e606e3b3faa06e27a81d4253e94e1564'],
        ['controller', 'b9791bb3e606e3b3faa06e27a81d4253e94e1564']
      ])
      expect(result.components.map(c => c.pinnedCommit.slice(0, 12))).toEqual([
        'a272a11d4f78',
        '880389d45013',
        '880389d45013'
      ])
    },
    10 * MINUTE
  )

  it(
    'restores the trees from the cache on a second run',
    async () => {
      const again = await applyPatches(
        { ...base, runDir: join(root, 'again'), workDir: join(root, 'again', 'src') },
        { logger: new RecordingLogger(), cache }
      )
      expect(again.cacheHit).toBe(true)
      expect(again.failed).toBe(0)
      rmSync(join(root, 'again'), { recursive: true, force: true })
    },
    10 * MINUTE
  )

  it(
    'compiles the patched agent, installer and controller',
    async () => {
      const started = Date.now()
      const result = await buildPushImages(
        {
          componentsFile: base.componentsFile,
          only: [],
          workDir: base.workDir,
          runDir: base.runDir,
          builder: 'buildah',
          images: false,
          push: false,
          from: 'binaries',
          binariesDir: join(root, 'bin'),
          tlsVerify: false,
          parallel: 1,
          goCache: testGoCache()
        },
        { logger: new RecordingLogger() }
      )
      console.log(
        `go build of agent, installer and controller: ${((Date.now() - started) / 1000).toFixed(0)}s`
      )
      expect(readdirSync(join(root, 'bin')).sort()).toEqual(
        [
          'agent',
          'assisted-installer-controller',
          'disk_speed_check',
          'free_addresses',
          'installer',
          'inventory',
          'logs_sender',
          'next_step_runner'
        ].sort()
      )
      expect(result.components.map(c => c.binaries.length)).toEqual([6, 1, 1])
    },
    60 * MINUTE
  )

  it(
    'runs a dry-run inventory made from configuration, in a network namespace of its own',
    async () => {
      const agent = join(root, 'bin', 'agent')
      const probe = await runCommand('unshare', ['-n', 'true'])
      if (probe.code !== 0) {
        console.warn(
          `skipping the dry-run inventory: cannot create a network namespace (${probe.stderr.trim()})`
        )
        return
      }
      const result = await runCommand('unshare', ['-n', agent, 'inventory'], {
        env: {
          PATH: process.env.PATH,
          DRY_ENABLE: 'true',
          DRY_NO_CONTAINERS: 'true',
          DRY_NSENTER_TARGET: 'none',
          DRY_HOST_ID: 'f7ac1860-92cf-4ed8-aeec-2d9f20b35bab',
          DRY_FORCED_HOSTNAME: 'swarm-host-1',
          DRY_FORCED_MAC_ADDRESS: '52:54:00:aa:bb:01',
          DRY_FORCED_HOST_IPV4: '10.0.0.5/24',
          DRY_CPU_COUNT: '16',
          DRY_MEMORY: '32GiB',
          DRY_DISKS: 'vda:120GiB',
          GHW_DISABLE_WARNINGS: '1'
        }
      })
      expect(result.code).toBe(0)
      const inventory = JSON.parse(result.stdout) as {
        hostname: string
        cpu: { count: number }
        memory: { physical_bytes: number }
        interfaces: { name: string; type: string; mac_address: string; ipv4_addresses: string[] }[]
        routes: { destination: string; gateway?: string }[]
        disks: { id: string; path: string; size_bytes: number }[]
      }
      expect(inventory.hostname).toBe('swarm-host-1')
      expect(inventory.cpu.count).toBe(16)
      expect(inventory.memory.physical_bytes).toBe(32 * 2 ** 30)
      expect(inventory.interfaces).toEqual([
        expect.objectContaining({
          name: 'ens3',
          type: 'physical',
          mac_address: '52:54:00:aa:bb:01',
          ipv4_addresses: ['10.0.0.5/24']
        })
      ])
      expect(inventory.routes).toContainEqual(
        expect.objectContaining({ destination: '0.0.0.0', gateway: '10.0.0.1' })
      )
      expect(inventory.disks).toEqual([
        expect.objectContaining({
          path: '/dev/vda',
          size_bytes: 120 * 2 ** 30,
          id: expect.stringMatching(/^\/dev\/disk\/by-id\/wwn-0x/)
        })
      ])
    },
    5 * MINUTE
  )

  const registrySkip = registrySkipReason()
  ;(registrySkip ? it.skip : it)(
    'builds the agent image with buildah and pushes it to a real registry',
    async () => {
      const registry = await startTestRegistry()
      const storage = mkdtempSync(join(tmpdir(), 'swarm-buildah-'))
      try {
        const result = await buildPushImages(
          {
            componentsFile: base.componentsFile,
            only: ['agent'],
            workDir: base.workDir,
            runDir: base.runDir,
            registry: `${registry.host}/swarm`,
            credentials: { username: registry.username, password: registry.password },
            builder: 'buildah',
            images: true,
            push: true,
            from: 'binaries',
            tlsVerify: false,
            parallel: 1,
            goCache: testGoCache(),
            storage: { root: join(storage, 'root'), runRoot: join(storage, 'runroot'), driver: 'vfs' }
          },
          { logger: new RecordingLogger() }
        )
        const agent = result.components[0]!
        expect(agent.tag).toMatch(/^a272a11d4f78-[0-9a-f]{12}$/)
        const inspected = JSON.parse(
          execFileSync(
            'skopeo',
            [
              'inspect',
              '--tls-verify=false',
              '--creds',
              `${registry.username}:${registry.password}`,
              `docker://${agent.image}`
            ],
            { encoding: 'utf8' }
          )
        ) as { Digest: string }
        expect(inspected.Digest).toBe(agent.digest)
      } finally {
        rmSync(storage, { recursive: true, force: true })
        await registry.stop()
      }
    },
    30 * MINUTE
  )

  const unitTests = process.env.ASSISTED_SWARM_UPSTREAM_UNIT_TESTS === '1'
  ;(unitTests ? it : it.skip)(
    'passes upstream unit tests of the packages the series touches',
    async () => {
      const file = loadComponents(base.componentsFile, BUNDLES)
      for (const name of ['agent', 'controller']) {
        const component = file.components.get(name)!
        const packages = new Set<string>()
        for (const { series, component: owner } of seriesChain(file, component)) {
          for (const patch of readSeries(series, owner)) {
            for (const changed of parsePatchFiles(readFileSync(patch.path, 'utf8'))) {
              if (changed.path.endsWith('.go')) packages.add(`./${dirname(changed.path)}/`)
            }
          }
        }
        const result = await runCommand('go', ['test', '-count=1', ...[...packages].sort()], {
          cwd: join(base.workDir, name),
          env: { ...process.env, GOFLAGS: '-mod=vendor', GOCACHE: testGoCache(), GOTOOLCHAIN: 'local' }
        })
        expect({
          component: name,
          code: result.code,
          failures: result.stdout.split('\n').filter(l => l.startsWith('FAIL'))
        }).toEqual({
          component: name,
          code: 0,
          failures: []
        })
      }
    },
    120 * MINUTE
  )
})
