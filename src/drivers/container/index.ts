import { execFile, execFileSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ConfigurationError, errorMessage } from '../../util/errors.js'
import type { DriverContext } from '../driver.js'
import type { BoxProcess } from '../process/box-process.js'
import { checkPlanForRealHosts } from '../process/host-config.js'
import { RunLayout } from '../process/layout.js'
import { createHostNetwork, type NetworkMode } from '../process/network.js'
import { pidNamespace, sampleNamespaces, type NamespaceSample } from '../process/proc-stats.js'
import {
  createRealDriver,
  type BoxLauncher,
  type BoxSpec,
  type RealDriver,
  type RealDriverOptions
} from '../process/real-driver.js'
import {
  CONTAINER_PROGRAMS,
  containerName,
  podmanPidArgs,
  podmanRemoveArgs,
  podmanRunCommand,
  type ContainerImages,
  type PodmanBoxOptions
} from './podman-command.js'

const run = promisify(execFile)

export interface ContainerDriverOptions extends Partial<RealDriverOptions> {
  /** component → image reference (build-push-images `images` output): agent, installer, controller. */
  images: Record<string, string>
  network?: NetworkMode
  /** podman storage shared by every container (default: podman's own). */
  storage?: { root: string; runRoot: string }
}

export interface ContainerDriver extends RealDriver {
  readonly kind: 'container'
}

/** Why podman cannot run the boxes here, or undefined (tests skip with this message). */
export function podmanProblem(image?: string): string | undefined {
  try {
    execFileSync('podman', ['--version'], { stdio: 'ignore' })
  } catch {
    return 'podman is not installed'
  }
  if (process.getuid?.() !== 0)
    return 'the container driver joins a network namespace the swarm makes, which needs root'
  if (!image) return undefined
  try {
    execFileSync(
      'podman',
      [
        'run',
        '--rm',
        '--network',
        'none',
        '--pull',
        'never',
        '--entrypoint',
        '/usr/bin/agent',
        image,
        '--help'
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        timeout: 60_000
      }
    )
    return undefined
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim()
    // `agent --help` exits 0 or 2; anything else means podman could not run the container
    if ((error as { status?: number }).status === 2) return undefined
    return `podman cannot run containers here: ${stderr.split('\n').pop() || errorMessage(error)}`
  }
}

export function checkImages(images: Record<string, string>): ContainerImages {
  const missing = ['agent', 'installer', 'controller'].filter(c => !images[c])
  if (missing.length)
    throw new ConfigurationError(
      `--driver container: no image for ${missing.join(', ')} (the images output of build-push-images)`
    )
  return { agent: images.agent!, installer: images.installer!, controller: images.controller! }
}

/**
 * The `container` driver: the same hosts as the process driver (real agent in dry run, installer through its
 * container-free install step, a controller per cluster after the bootstrap's reboot), each box a podman
 * container of the built images, sharing one image store, in the run's network namespace.
 */
export async function createContainerDriver(
  ctx: DriverContext,
  options: ContainerDriverOptions
): Promise<ContainerDriver> {
  const images = checkImages(options.images)
  const problem = podmanProblem()
  if (problem) throw new ConfigurationError(`--driver container: ${problem}`)
  checkPlanForRealHosts(ctx.plan.clusters)
  const layout = new RunLayout(ctx.runDir)
  const network = await createHostNetwork(options.network ?? 'auto', {
    socketDir: layout.sockets,
    logger: ctx.logger
  })
  const podman: PodmanBoxOptions = {
    images,
    prefix: `swarm-${ctx.plan.runId}`.slice(0, 40),
    runId: ctx.plan.runId,
    ...(network.netns ? { netns: network.netns } : {}),
    etcDir: layout.etc,
    shareDir: layout.share,
    ...(options.storage ? { storage: options.storage } : {})
  }
  const namespaces = new Map<string, string>()
  const launcher: BoxLauncher = {
    kind: 'container',
    programs: CONTAINER_PROGRAMS,
    command(box: BoxSpec) {
      for (const disk of box.disks) writeFileSync(join(box.dirs.state, `disk-${disk}`), '')
      return podmanRunCommand(box, podman)
    },
    async expose(serviceUrl: string) {
      return (await network.expose(serviceUrl)).hostsLines
    },
    sample(boxes: ReadonlyMap<string, BoxProcess>, o: { pss?: boolean } = {}) {
      const byNamespace = new Map<string, string>()
      for (const name of boxes.keys()) {
        let ns = namespaces.get(name)
        if (!ns) {
          try {
            const pid = Number(
              execFileSync('podman', podmanPidArgs(containerName(podman.prefix, name), podman), {
                encoding: 'utf8'
              }).trim()
            )
            ns = pid > 0 ? pidNamespace(pid) : undefined
          } catch {
            ns = undefined
          }
          if (ns) namespaces.set(name, ns)
        }
        if (ns) byNamespace.set(ns, name)
      }
      const out = new Map<string, NamespaceSample>()
      for (const [ns, s] of sampleNamespaces(new Set(byNamespace.keys()), o)) out.set(byNamespace.get(ns)!, s)
      return out
    },
    async stop(box: BoxSpec) {
      await run('podman', podmanRemoveArgs(containerName(podman.prefix, box.name), podman)).catch(
        () => undefined
      )
    },
    async cleanup(box: BoxSpec) {
      namespaces.delete(box.name)
      await run('podman', podmanRemoveArgs(containerName(podman.prefix, box.name), podman)).catch(
        () => undefined
      )
    },
    async close() {
      await network.close()
      for (const dir of layout.outside) rmSync(dir, { recursive: true, force: true })
    }
  }
  return createRealDriver(ctx, layout, launcher, options) as ContainerDriver
}
