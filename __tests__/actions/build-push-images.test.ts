/**
 * build-push-images through @github/local-action, the way a runner runs it, on a fixture upstream made with real
 * git (a Go program without dependencies) patched by apply-patches: the plain binaries for the process driver
 * built with the local Go, and, where buildah and Debian's docker-registry are installed, the image built from
 * them and pushed to a registry on 127.0.0.1 with basic auth. The registry password is a secret input: it may
 * not reach anything the action prints, outputs or writes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runLocalAction, type LocalActionResult } from '../../__fixtures__/local-action.js'
import { applyPatches } from '../../src/patches/apply-patches.js'
import { createFixtureUpstream, type FixtureUpstream } from '../../src/patches/testing/fixture-upstream.js'
import { RecordingLogger } from '../../src/util/logging.js'
import { goSkipReason, testGoCache } from '../../test/images/support/go.js'
import {
  registrySkipReason,
  startTestRegistry,
  type TestRegistry
} from '../../test/images/support/registry.js'

/** Every regular file under the directories, with its text (binary files included, as latin1). */
function filesUnder(...dirs: string[]): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = []
  const visit = (path: string): void => {
    const stat = statSync(path, { throwIfNoEntry: false })
    if (stat?.isDirectory()) readdirSync(path).forEach(name => visit(join(path, name)))
    else if (stat?.isFile()) out.push({ path, text: readFileSync(path, 'latin1') })
  }
  dirs.forEach(visit)
  return out
}

function leaks(secret: string, result: LocalActionResult, ...dirs: string[]): string[] {
  return [
    ...(result.stdout.includes(secret) ? ['stdout'] : []),
    ...(result.stderr.includes(secret) ? ['stderr'] : []),
    ...(JSON.stringify(result.outputs).includes(secret) ? ['outputs'] : []),
    ...filesUnder(...dirs)
      .filter(file => file.text.includes(secret))
      .map(file => file.path)
  ]
}

const goSkip = goSkipReason()
if (goSkip) console.warn(`skipping the build-push-images action tests: ${goSkip}`)
const describeGo = goSkip ? describe.skip : describe

describeGo('build-push-images action', () => {
  let f: FixtureUpstream
  let runDir: string
  let trees: string

  beforeAll(async () => {
    f = createFixtureUpstream()
    runDir = join(f.root, 'run')
    const applied = await applyPatches(
      { componentsFile: f.componentsFile, only: [], check: false, workDir: join(runDir, 'src'), runDir },
      { logger: new RecordingLogger() }
    )
    expect(applied.failed).toBe(0)
    trees = JSON.stringify({ demo: join(runDir, 'src', 'demo') })
  }, 120_000)
  afterAll(() => f?.cleanup())

  it('builds the patched binaries for the process driver (images: false), the password nowhere', async () => {
    const password = 'Registry-Pw-5e0b91'
    const binaries = join(f.root, 'binaries')
    const summary = join(f.root, 'summary.md')
    writeFileSync(summary, '')
    const result = await runLocalAction(
      'build-push-images',
      {
        components: f.componentsFile,
        trees,
        'run-dir': runDir,
        images: 'false',
        binaries,
        'go-cache': testGoCache(),
        registry: '127.0.0.1:5/swarm',
        'registry-username': 'pusher',
        'registry-password': password
      },
      { GITHUB_STEP_SUMMARY: summary }
    )
    expect(result.code).toBe(0)
    expect(result.outputs.binaries).toBe(binaries)
    // no image built: no image reference either (a later step must not pull one that does not exist)
    expect(JSON.parse(result.outputs.images!)).toEqual({})
    expect(execFileSync(join(binaries, 'demo'), { encoding: 'utf8' })).toBe('demo patched\n')
    expect(readlinkSync(join(binaries, 'demo-link'))).toBe('demo')
    expect(leaks(password, result, runDir, binaries, summary)).toEqual([])
  }, 300_000)

  const registrySkip = registrySkipReason()
  if (registrySkip) console.warn(`skipping the build-push-images action push test: ${registrySkip}`)
  const itRegistry = registrySkip ? it.skip : it

  describe('with a registry', () => {
    let registry: TestRegistry | undefined
    let storage: string
    beforeAll(async () => {
      if (registrySkip) return
      registry = await startTestRegistry()
      storage = mkdtempSync(join(tmpdir(), 'swarm-action-buildah-'))
      // buildah's storage in a temp dir (vfs), through the containers-storage configuration a runner could set
      writeFileSync(
        join(storage, 'storage.conf'),
        `[storage]\ndriver = "vfs"\ngraphroot = "${join(storage, 'root')}"\nrunroot = "${join(storage, 'runroot')}"\n`
      )
    }, 60_000)
    afterAll(async () => {
      await registry?.stop()
      if (storage) rmSync(storage, { recursive: true, force: true })
    })

    itRegistry(
      'builds the image from the binaries and pushes it with the credentials, the password nowhere',
      async () => {
        const r = registry!
        const binaries = join(f.root, 'binaries-push')
        const result = await runLocalAction(
          'build-push-images',
          {
            components: f.componentsFile,
            trees,
            'run-dir': runDir,
            from: 'binaries',
            binaries,
            'go-cache': testGoCache(),
            registry: `${r.host}/swarm`,
            'registry-username': r.username,
            'registry-password': r.password,
            'tls-verify': 'false',
            parallel: '1'
          },
          { CONTAINERS_STORAGE_CONF: join(storage, 'storage.conf') }
        )
        expect(result.annotations).toEqual([])
        expect(result.code).toBe(0)
        const images = JSON.parse(result.outputs.images!) as Record<string, string>
        expect(images.demo!.slice(0, `${r.host}/swarm/demo@`.length)).toBe(`${r.host}/swarm/demo@`)
        expect(images.demo).toMatch(/@sha256:[0-9a-f]{64}$/)
        const pushed = execFileSync(
          'skopeo',
          [
            'inspect',
            '--tls-verify=false',
            '--creds',
            `${r.username}:${r.password}`,
            `docker://${images.demo}`
          ],
          { encoding: 'utf8' }
        )
        expect(`${r.host}/swarm/demo@${(JSON.parse(pushed) as { Digest: string }).Digest}`).toBe(images.demo)
        expect(leaks(r.password, result, runDir, binaries)).toEqual([])
      },
      300_000
    )
  })
})
