/**
 * build-push-images with a recording image builder (no buildah here: test/images/build-push-registry.test.ts
 * runs the real one), on a tree patched by apply-patches with real git.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { ConfigurationError } from '../util/errors.js'
import { RecordingLogger } from '../util/logging.js'
import { applyPatches } from '../patches/apply-patches.js'
import { createFixtureUpstream, type FixtureUpstream } from '../patches/testing/fixture-upstream.js'
import { buildPushImages, type BuildPushSettings } from './build-push.js'
import type { BuildRequest, ImageBuilder, LoginRequest, PushRequest } from './builder.js'

class RecordingBuilder implements ImageBuilder {
  readonly kind = 'buildah' as const
  builds: BuildRequest[] = []
  pushes: PushRequest[] = []
  logins: LoginRequest[] = []
  async build(request: BuildRequest): Promise<{ imageId: string }> {
    this.builds.push(request)
    return { imageId: 'f'.repeat(64) }
  }
  async push(request: PushRequest): Promise<{ digest: string }> {
    this.pushes.push(request)
    return { digest: `sha256:${'a'.repeat(64)}` }
  }
  async login(request: LoginRequest): Promise<void> {
    this.logins.push(request)
  }
  async remove(): Promise<void> {}
}

let f: FixtureUpstream
beforeAll(async () => {
  f = createFixtureUpstream()
  await applyPatches(
    {
      componentsFile: f.componentsFile,
      only: [],
      check: false,
      workDir: join(f.root, 'run', 'src'),
      runDir: join(f.root, 'run')
    },
    { logger: new RecordingLogger() }
  )
}, 60_000)
afterAll(() => f?.cleanup())

function settings(overrides: Partial<BuildPushSettings> = {}): BuildPushSettings {
  return {
    componentsFile: f.componentsFile,
    only: [],
    workDir: join(f.root, 'run', 'src'),
    runDir: join(f.root, 'run'),
    builder: 'buildah',
    images: true,
    push: true,
    from: 'source',
    tlsVerify: true,
    parallel: 2,
    ...overrides
  }
}

describe('build-push-images', () => {
  it('builds from the patched tree with the component Containerfile, tags with commit and series, pushes and reports the digest', async () => {
    const builder = new RecordingBuilder()
    const result = await buildPushImages(settings({ registry: 'registry.example:5000/swarm' }), {
      logger: new RecordingLogger(),
      imageBuilder: builder
    })
    const demo = result.components[0]!
    expect(demo.tag).toMatch(new RegExp(`^${f.commit.slice(0, 12)}-[0-9a-f]{12}$`))
    expect(builder.builds).toEqual([
      expect.objectContaining({
        containerfile: join(f.project, 'images/demo/Containerfile'),
        context: join(f.root, 'run', 'src', 'demo'),
        tag: `registry.example:5000/swarm/demo:${demo.tag}`
      })
    ])
    expect(builder.pushes[0]).toMatchObject({ destination: demo.image, tlsVerify: true })
    expect(builder.pushes[0]!.authFile).toBeUndefined()
    expect(demo.reference).toBe(`registry.example:5000/swarm/demo@sha256:${'a'.repeat(64)}`)
    expect(demo.log).toBe(join(f.root, 'run', 'build-push-images', 'demo.log'))
  })

  it('takes the registry from components.yaml unless given, and logs in once with the credentials', async () => {
    const builder = new RecordingBuilder()
    const logger = new RecordingLogger()
    const result = await buildPushImages(
      settings({ credentials: { username: 'u', password: 'p4ss-word-x' } }),
      {
        logger,
        imageBuilder: builder
      }
    )
    expect(result.components[0]!.repository).toBe('127.0.0.1:5000/fixture/demo')
    expect(builder.logins).toHaveLength(1)
    expect(builder.logins[0]).toMatchObject({
      registry: '127.0.0.1:5000',
      username: 'u',
      password: 'p4ss-word-x'
    })
    expect(builder.pushes[0]!.authFile).toMatch(/swarm-auth-.*\/auth\.json$/)
    expect(logger.text()).not.toContain('p4ss-word-x')
  })

  it('builds without pushing: the reference is the local tag', async () => {
    const builder = new RecordingBuilder()
    const result = await buildPushImages(settings({ push: false }), {
      logger: new RecordingLogger(),
      imageBuilder: builder
    })
    expect(builder.pushes).toHaveLength(0)
    expect(result.components[0]!.reference).toBe(result.components[0]!.image)
  })

  it('refuses a tree apply-patches did not make, before building anything', async () => {
    const builder = new RecordingBuilder()
    const error = await buildPushImages(settings({ trees: { demo: f.upstream } }), {
      logger: new RecordingLogger(),
      imageBuilder: builder
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigurationError)
    expect((error as Error).message).toMatch(/is not a tree patched by apply-patches/)
    expect(builder.builds).toHaveLength(0)
  })

  it('refuses half credentials and unknown components', async () => {
    await expect(
      buildPushImages(settings({ credentials: { username: 'u', password: '' } }), {
        logger: new RecordingLogger(),
        imageBuilder: new RecordingBuilder()
      })
    ).rejects.toThrow(/give both/)
    await expect(
      buildPushImages(settings({ only: ['nope'] }), {
        logger: new RecordingLogger(),
        imageBuilder: new RecordingBuilder()
      })
    ).rejects.toThrow(/unknown component "nope"/)
  })
})
