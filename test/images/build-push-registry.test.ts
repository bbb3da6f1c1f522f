/**
 * build-push-images with real tools: real git (a fixture upstream made by the test), apply-patches, go build,
 * buildah (`bud --isolation chroot`, storage in a temp dir), a real docker-registry on 127.0.0.1 with htpasswd
 * auth, and skopeo to check what the registry holds. Nothing is mocked.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildPushImages, type BuildPushSettings } from '../../src/images/build-push.js'
import { applyPatches } from '../../src/patches/apply-patches.js'
import { createFixtureUpstream, type FixtureUpstream } from '../../src/patches/testing/fixture-upstream.js'
import { OptionValues } from '../../src/settings/options.js'
import { buildPushImagesTable } from '../../src/settings/build-push-images.js'
import { buildPushImagesStage } from '../../src/stages/build-push-images.js'
import { RecordingLogger } from '../../src/util/logging.js'
import { goSkipReason, testGoCache } from './support/go.js'
import { registrySkipReason, startTestRegistry, type TestRegistry } from './support/registry.js'

const skip = registrySkipReason() ?? goSkipReason()
if (skip) console.warn(`skipping build-push-images registry tests: ${skip}`)
const describeReal = skip ? describe.skip : describe

/** Every regular file under a directory, as text. */
function filesUnder(dir: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    const stat = statSync(path, { throwIfNoEntry: false })
    if (!stat) continue
    if (stat.isDirectory()) out.push(...filesUnder(path))
    else if (stat.isFile() && stat.size < 5_000_000) out.push({ path, text: readFileSync(path, 'latin1') })
  }
  return out
}

function skopeoDigest(registry: TestRegistry, image: string): string {
  const out = execFileSync(
    'skopeo',
    [
      'inspect',
      '--tls-verify=false',
      '--creds',
      `${registry.username}:${registry.password}`,
      `docker://${image}`
    ],
    { encoding: 'utf8' }
  )
  return (JSON.parse(out) as { Digest: string }).Digest
}

describeReal('build-push-images with buildah and a real registry', () => {
  let f: FixtureUpstream
  let registry: TestRegistry
  let storage: string

  beforeAll(async () => {
    f = createFixtureUpstream()
    registry = await startTestRegistry()
    storage = mkdtempSync(join(tmpdir(), 'swarm-buildah-'))
    const applied = await applyPatches(
      {
        componentsFile: f.componentsFile,
        only: [],
        check: false,
        workDir: join(f.root, 'run', 'src'),
        runDir: join(f.root, 'run')
      },
      { logger: new RecordingLogger() }
    )
    expect(applied.failed).toBe(0)
  }, 120_000)

  afterAll(async () => {
    await registry?.stop()
    if (storage) rmSync(storage, { recursive: true, force: true })
    f?.cleanup()
  })

  function settings(overrides: Partial<BuildPushSettings> = {}): BuildPushSettings {
    return {
      componentsFile: f.componentsFile,
      only: [],
      workDir: join(f.root, 'run', 'src'),
      runDir: join(f.root, 'run'),
      registry: `${registry.host}/swarm`,
      credentials: { username: registry.username, password: registry.password },
      builder: 'buildah',
      images: true,
      push: true,
      from: 'binaries',
      binariesDir: join(f.root, 'run', 'bin'),
      tlsVerify: false,
      parallel: 1,
      storage: { root: join(storage, 'root'), runRoot: join(storage, 'runroot'), driver: 'vfs' },
      goCache: testGoCache(),
      ...overrides
    }
  }

  it('builds the image from the patched tree, pushes it with credentials and reports the registry digest', async () => {
    const logger = new RecordingLogger()
    const result = await buildPushImages(settings(), { logger })
    const demo = result.components[0]!
    expect(demo.tag).toBe(
      `${f.commit.slice(0, 12)}-${JSON.parse(readFileSync(join(f.root, 'run', 'apply-patches', 'report.json'), 'utf8')).components[0].seriesHash.slice(0, 12)}`
    )
    expect(demo.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(demo.reference).toBe(`${registry.host}/swarm/demo@${demo.digest}`)
    // the registry holds exactly that manifest, by tag and by digest
    expect(skopeoDigest(registry, demo.image)).toBe(demo.digest)
    expect(skopeoDigest(registry, demo.reference)).toBe(demo.digest)
    const config = JSON.parse(
      execFileSync(
        'skopeo',
        [
          'inspect',
          '--config',
          '--tls-verify=false',
          '--creds',
          `${registry.username}:${registry.password}`,
          `docker://${demo.reference}`
        ],
        { encoding: 'utf8' }
      )
    ) as { config: { Entrypoint: string[] } }
    expect(config.config.Entrypoint).toEqual(['/usr/bin/demo'])

    // the plain binaries, built from the patched tree, for the process driver
    expect(execFileSync(join(result.binariesDir!, 'demo'), { encoding: 'utf8' })).toBe('demo patched\n')
    expect(readlinkSync(join(result.binariesDir!, 'demo-link'))).toBe('demo')

    // the credentials are nowhere: not in the log, not in the run directory, and the auth file is gone
    const leaks = [
      ...(logger.text().includes(registry.password) ? ['logger'] : []),
      ...filesUnder(join(f.root, 'run'))
        .filter(file => file.text.includes(registry.password))
        .map(file => file.path)
    ]
    expect(leaks).toEqual([])
    const loginLog = readFileSync(join(f.root, 'run', 'build-push-images', 'registry-login.log'), 'utf8')
    const authDir = /--authfile (\S+)\/auth\.json/.exec(loginLog)![1]!
    expect(existsSync(authDir)).toBe(false)
  }, 600_000)

  it('fails on wrong credentials without showing them', async () => {
    const wrong = 'Wrong-pw-9c1d'
    const error = await buildPushImages(
      settings({ credentials: { username: registry.username, password: wrong } }),
      {
        logger: new RecordingLogger()
      }
    ).catch((e: unknown) => e as Error)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(/login/)
    expect((error as Error).message).not.toContain(wrong)
  }, 300_000)

  it('runs as the build-push-images stage, taking the password from the environment', async () => {
    const values = new OptionValues(
      buildPushImagesTable,
      {
        components: f.componentsFile,
        'run-dir': join(f.root, 'run'),
        registry: `${registry.host}/swarm`,
        'registry-username': registry.username,
        from: 'binaries',
        'tls-verify': 'false',
        'go-cache': testGoCache()
      },
      { ASSISTED_SWARM_REGISTRY_PASSWORD: registry.password },
      'option'
    )
    const stageSettings = {
      ...(await buildPushImagesStage.settings(values)),
      storage: { root: join(storage, 'root'), runRoot: join(storage, 'runroot'), driver: 'vfs' }
    }
    expect(stageSettings.credentials?.password).toBe(registry.password)
    const logger = new RecordingLogger()
    const result = await buildPushImagesStage.execute(stageSettings as never, {
      logger,
      signal: new AbortController().signal,
      host: 'cli',
      stdout: process.stdout
    })
    const outputs = buildPushImagesStage.outputs(result)
    const images = JSON.parse(outputs.images!) as Record<string, string>
    expect(images.demo).toMatch(new RegExp(`^${registry.host}/swarm/demo@sha256:[0-9a-f]{64}$`))
    expect(JSON.stringify(outputs) + logger.text() + buildPushImagesStage.summary!(result)).not.toContain(
      registry.password
    )
  }, 600_000)
})
