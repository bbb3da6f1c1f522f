import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { ConfigurationError, InterruptedError } from '../util/errors.js'
import type { Logger } from '../util/logging.js'
import { readTreeRecord } from '../patches/apply-patches.js'
import type { ComponentApplyResult } from '../patches/report.js'
import { loadComponents, selectComponents, type ComponentSpec } from '../patches/components.js'
import { renderTag } from '../patches/tags.js'
import { buildBinaries, requireGo } from './binaries.js'
import { createImageBuilder, type BuilderKind, type ImageBuilder, type StorageOptions } from './builder.js'
import { mapBounded } from './pool.js'
import { withRegistryLogin, type RegistryCredentials } from './registry-auth.js'

export interface BuildPushSettings {
  componentsFile: string
  /** Components to build; empty = all. */
  only: string[]
  /** component → patched tree; default <workDir>/<component>. */
  trees?: Record<string, string>
  /** Where apply-patches wrote the trees (default <runDir>/src). */
  workDir: string
  /** Logs go to <runDir>/build-push-images/. */
  runDir: string
  /** Overrides the registries of the components file, e.g. 127.0.0.1:5000/swarm. */
  registry?: string
  /** Never logged, never written anywhere but a temporary auth file that is removed after the pushes. */
  credentials?: RegistryCredentials
  builder: BuilderKind
  /** Build the images (false: only the binaries). */
  images: boolean
  push: boolean
  /** `source`: the Containerfile builds from the patched tree; `binaries`: the prebuilt Containerfile around binaries built here. */
  from: 'source' | 'binaries'
  /** Also keep the plain binaries (and the agent's tool links) here, for the process driver. */
  binariesDir?: string
  tlsVerify: boolean
  /** Components built at once. */
  parallel: number
  storage?: StorageOptions
  goCache?: string
  buildArgs?: Record<string, string>
}

export interface BuildPushDeps {
  logger: Logger
  signal?: AbortSignal
  /** Replaces createImageBuilder (tests). */
  imageBuilder?: ImageBuilder
}

export interface ComponentImage {
  component: string
  /** Repository without tag: 127.0.0.1:5000/swarm/assisted-installer-agent */
  repository: string
  tag: string
  /** repository:tag */
  image: string
  /** Manifest digest in the registry (pushed images only). */
  digest?: string
  /** repository@sha256:... when pushed, else repository:tag */
  reference: string
  /** Whether an image was built (false when only the binaries were asked for). */
  built: boolean
  imageId?: string
  /** Binaries (and links) written to the binaries directory. */
  binaries: string[]
  log: string
}

export interface BuildPushResult {
  components: ComponentImage[]
  binariesDir?: string
  /** The build outputs as JSON (images.json), without any credential. */
  manifestPath: string
}

/**
 * build-push-images: for each component, the image from its patched tree (buildah or podman, chroot isolation),
 * tagged with the pinned upstream commit and the series hash, pushed with the given credentials; and/or the plain
 * binaries for the process driver. Components are built `parallel` at a time; each one's log is
 * <runDir>/build-push-images/<component>.log.
 */
export async function buildPushImages(
  settings: BuildPushSettings,
  deps: BuildPushDeps
): Promise<BuildPushResult> {
  const { logger } = deps
  const file = loadComponents(settings.componentsFile)
  const components = selectComponents(file, settings.only)
  const outDir = resolve(settings.runDir, 'build-push-images')
  mkdirSync(outDir, { recursive: true })

  // Every tree is checked before anything is built: a missing one should not cost the others' builds first
  const patched = new Map(components.map(c => [c.name, patchedTree(c, settings)]))
  const needBinaries = Boolean(settings.binariesDir) || (settings.images && settings.from === 'binaries')
  if (needBinaries) logger.debug(`go: ${await requireGo()}`)
  const registries = new Map<string, string>()
  for (const component of components) {
    const registry = settings.registry ?? component.image.registry ?? file.registry
    if (settings.images && settings.push && !registry) {
      throw new ConfigurationError(
        `registry: none given for ${component.name} (--registry or components.yaml registry)`
      )
    }
    registries.set(component.name, registry ?? 'localhost/assisted-swarm')
  }
  const pushRegistries = [...new Set(registries.values())]
  if (
    settings.images &&
    settings.push &&
    settings.credentials &&
    new Set(pushRegistries.map(r => r.split('/')[0])).size > 1
  ) {
    throw new ConfigurationError(
      `registry credentials: the components push to several registries (${pushRegistries.join(', ')}); give one --registry`
    )
  }
  const builder = settings.images
    ? (deps.imageBuilder ?? (await createImageBuilder(settings.builder, { storage: settings.storage })))
    : undefined
  const binariesDir = settings.binariesDir ? resolve(settings.binariesDir) : undefined

  const run = (authFile: string | undefined): Promise<ComponentImage[]> =>
    mapBounded(components, settings.parallel, component =>
      buildComponent(component, patched.get(component.name)!, settings, {
        ...deps,
        builder,
        authFile,
        registry: registries.get(component.name)!,
        outDir,
        binariesDir
      })
    )
  const loginLog = join(outDir, 'registry-login.log')
  const images =
    builder && settings.push
      ? await withRegistryLogin(
          builder,
          pushRegistries[0]!,
          settings.credentials,
          { tlsVerify: settings.tlsVerify, logFile: loginLog },
          run
        )
      : await run(undefined)

  const manifestPath = join(outDir, 'images.json')
  writeFileSync(
    manifestPath,
    JSON.stringify({ images, ...(binariesDir ? { binariesDir } : {}) }, null, 2) + '\n'
  )
  return { components: images, ...(binariesDir ? { binariesDir } : {}), manifestPath }
}

interface ComponentContext extends BuildPushDeps {
  builder: ImageBuilder | undefined
  authFile: string | undefined
  registry: string
  outDir: string
  binariesDir: string | undefined
}

/** The patched tree of a component and what apply-patches recorded in it (for the tag). */
function patchedTree(component: ComponentSpec, settings: BuildPushSettings): PatchedTree {
  const tree = resolve(settings.trees?.[component.name] ?? join(settings.workDir, component.name))
  const record = readTreeRecord(tree)
  if (!record) {
    throw new ConfigurationError(
      `${component.name}: ${tree} is not a tree patched by apply-patches (run apply-patches first, or give its trees output)`
    )
  }
  if (!record.ok) {
    throw new ConfigurationError(
      `${component.name}: the series did not apply to ${tree}; see the apply-patches report`
    )
  }
  return { tree, record }
}

interface PatchedTree {
  tree: string
  record: ComponentApplyResult
}

async function buildComponent(
  component: ComponentSpec,
  { tree, record }: PatchedTree,
  settings: BuildPushSettings,
  ctx: ComponentContext
): Promise<ComponentImage> {
  const { logger } = ctx
  if (ctx.signal?.aborted) throw new InterruptedError()
  const tag = renderTag(component.image.tag, {
    commit: record.pinnedCommit,
    series: record.seriesHash,
    component: component.name
  })
  const repository = `${ctx.registry}/${component.image.name}`
  const image = `${repository}:${tag}`
  const log = join(ctx.outDir, `${component.name}.log`)
  rmSync(log, { force: true })
  const started = Date.now()

  let binaries: string[] = []
  const stagingDir = join(ctx.outDir, 'context', component.name)
  if (ctx.binariesDir || (settings.images && settings.from === 'binaries')) {
    const target = ctx.binariesDir ?? stagingDir
    logger.info(`${component.name}: go build ${component.binaries.map(b => b.package).join(' ')} → ${target}`)
    binaries = await buildBinaries(tree, component.binaries, target, {
      goCache: settings.goCache,
      logFile: log,
      signal: ctx.signal
    })
    if (ctx.binariesDir && settings.images && settings.from === 'binaries') stage(binaries, stagingDir)
  }

  let digest: string | undefined
  let imageId: string | undefined
  if (settings.images && ctx.builder) {
    const fromBinaries = settings.from === 'binaries'
    const containerfile = fromBinaries ? component.image.prebuiltContainerfile : component.image.containerfile
    if (!containerfile) {
      throw new ConfigurationError(
        `components.${component.name}.image.prebuiltContainerfile: needed to build --from binaries`
      )
    }
    logger.info(
      `${component.name}: ${ctx.builder.kind} build ${image} (${fromBinaries ? 'from binaries' : 'from source'})`
    )
    ;({ imageId } = await ctx.builder.build({
      containerfile,
      context: fromBinaries ? stagingDir : tree,
      tag: image,
      buildArgs: settings.buildArgs,
      logFile: log,
      signal: ctx.signal
    }))
    if (settings.push) {
      ;({ digest } = await ctx.builder.push({
        image,
        destination: image,
        authFile: ctx.authFile,
        tlsVerify: settings.tlsVerify,
        logFile: log,
        signal: ctx.signal
      }))
    }
  }
  const reference = digest ? `${repository}@${digest}` : image
  logger.info(
    `${component.name}: ${settings.images ? reference : 'binaries'} (${((Date.now() - started) / 1000).toFixed(1)}s)`
  )
  return {
    component: component.name,
    repository,
    tag,
    image,
    ...(digest ? { digest } : {}),
    reference,
    built: settings.images,
    ...(imageId ? { imageId } : {}),
    binaries,
    log
  }
}

/** Puts the binaries (hard links, or copies across file systems; symlinks as symlinks) into an image build context. */
function stage(paths: readonly string[], dir: string): void {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  for (const path of paths) {
    const target = join(dir, basename(path))
    let link: string | undefined
    try {
      link = readlinkSync(path)
    } catch {
      link = undefined
    }
    if (link !== undefined) symlinkSync(link, target)
    else if (existsSync(path)) {
      try {
        linkSync(path, target)
      } catch {
        copyFileSync(path, target)
      }
    }
  }
}
