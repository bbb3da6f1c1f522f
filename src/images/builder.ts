import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigurationError } from '../util/errors.js'
import { runChecked, runCommand } from '../patches/exec.js'

export type BuilderKind = 'buildah' | 'podman'

/** Container storage of the builder (defaults: the builder's own); tests keep theirs in a temp dir. */
export interface StorageOptions {
  root?: string
  runRoot?: string
  /** e.g. vfs, overlay */
  driver?: string
}

export interface BuildRequest {
  containerfile: string
  /** Build context directory. */
  context: string
  /** Name the image gets locally, e.g. 127.0.0.1:5000/swarm/assisted-installer-agent:a272a11d4f78-3f9c2a1b7e4d */
  tag: string
  buildArgs?: Record<string, string>
  logFile: string
  signal?: AbortSignal
}

export interface PushRequest {
  /** Local image name (a BuildRequest tag). */
  image: string
  /** Registry reference without transport: host[:port]/path:tag */
  destination: string
  /** Auth file made by login (see withRegistryLogin); none for anonymous pushes. */
  authFile?: string
  tlsVerify: boolean
  logFile: string
  signal?: AbortSignal
}

export interface LoginRequest {
  registry: string
  username: string
  /** Given to the builder on stdin only; never on a command line, never logged. */
  password: string
  authFile: string
  tlsVerify: boolean
  logFile: string
}

/** Builds and pushes images; buildah (`bud --isolation chroot`, works where containers cannot run) or podman. */
export interface ImageBuilder {
  readonly kind: BuilderKind
  build(request: BuildRequest): Promise<{ imageId: string }>
  /** Pushes and returns the manifest digest the registry stored (sha256:...). */
  push(request: PushRequest): Promise<{ digest: string }>
  login(request: LoginRequest): Promise<void>
  /** Removes a local image (best effort). */
  remove(image: string): Promise<void>
}

export interface ImageBuilderOptions {
  storage?: StorageOptions
  /** Program to run instead of `buildah`/`podman` from PATH. */
  program?: string
}

class CliImageBuilder implements ImageBuilder {
  constructor(
    readonly kind: BuilderKind,
    private readonly program: string,
    private readonly storage: StorageOptions
  ) {}

  private global(): string[] {
    const args: string[] = []
    if (this.storage.root) args.push('--root', this.storage.root)
    if (this.storage.runRoot) args.push('--runroot', this.storage.runRoot)
    if (this.storage.driver) args.push('--storage-driver', this.storage.driver)
    return args
  }

  async build(request: BuildRequest): Promise<{ imageId: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'swarm-build-'))
    try {
      const iidfile = join(dir, 'iid')
      const args = [
        ...this.global(),
        this.kind === 'buildah' ? 'bud' : 'build',
        '--isolation',
        'chroot',
        '--iidfile',
        iidfile,
        '-f',
        request.containerfile,
        '-t',
        request.tag
      ]
      for (const [name, value] of Object.entries(request.buildArgs ?? {}))
        args.push('--build-arg', `${name}=${value}`)
      args.push(request.context)
      await runChecked(this.program, args, { logFile: request.logFile, signal: request.signal })
      return { imageId: readFileSync(iidfile, 'utf8').trim() }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }

  async push(request: PushRequest): Promise<{ digest: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'swarm-push-'))
    try {
      const digestfile = join(dir, 'digest')
      const args = [...this.global(), 'push', `--tls-verify=${request.tlsVerify}`, '--digestfile', digestfile]
      if (request.authFile) args.push('--authfile', request.authFile)
      args.push(request.image, `docker://${request.destination}`)
      await runChecked(this.program, args, { logFile: request.logFile, signal: request.signal })
      const digest = readFileSync(digestfile, 'utf8').trim()
      if (!/^sha256:[0-9a-f]{64}$/.test(digest))
        throw new Error(`${this.kind} push wrote no digest for ${request.destination}`)
      return { digest }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }

  async login(request: LoginRequest): Promise<void> {
    await runChecked(
      this.program,
      [
        ...this.global(),
        'login',
        `--tls-verify=${request.tlsVerify}`,
        '--authfile',
        request.authFile,
        '--username',
        request.username,
        '--password-stdin',
        request.registry
      ],
      { input: request.password, logFile: request.logFile, redact: [request.password] }
    )
  }

  async remove(image: string): Promise<void> {
    await runCommand(this.program, [...this.global(), 'rmi', image])
  }
}

/** The image builder of the given kind; fails with a clear message when its program is not installed. */
export async function createImageBuilder(
  kind: BuilderKind,
  options: ImageBuilderOptions = {}
): Promise<ImageBuilder> {
  const program = options.program ?? kind
  const probe = await runCommand(program, ['--version'])
  if (probe.code !== 0) {
    throw new ConfigurationError(
      `builder ${kind}: ${program} is not installed or does not run (${probe.stderr.trim() || `exit ${probe.code}`}); ` +
        'install it (scripts/ci/patches-prereqs.sh) or choose the other builder'
    )
  }
  return new CliImageBuilder(kind, program, options.storage ?? {})
}
