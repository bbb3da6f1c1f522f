import { execFileSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { ConfigurationError } from '../../util/errors.js'
import type { DriverContext } from '../driver.js'
import { verifyProcessBinaries, type VerifiedBinaries } from './binaries.js'
import type { BoxProcess } from './box-process.js'
import { checkPlanForRealHosts, PROCESS_PROGRAMS } from './host-config.js'
import { RunLayout } from './layout.js'
import { createHostNetwork, type HostNetwork, type NetworkMode } from './network.js'
import { sampleNamespaces, type NamespaceSample } from './proc-stats.js'
import {
  createRealDriver,
  type BoxLauncher,
  type BoxSpec,
  type RealDriver,
  type RealDriverOptions
} from './real-driver.js'
import { sandboxCommand, SANDBOX_TOOLS } from './sandbox.js'

export type { RealDriver } from './real-driver.js'
export type { NetworkMode } from './network.js'

export interface ProcessDriverOptions extends Partial<RealDriverOptions> {
  /** The patched agent, installer and assisted-installer-controller (build-push-images --binaries DIR). */
  binariesDir: string
  /** Where the hosts' packets may go (network.ts); default auto. */
  network?: NetworkMode
  /** components.yaml of the checkout, to refuse binaries stamped with another series (default ./components.yaml). */
  componentsFile?: string
}

export interface ProcessDriver extends RealDriver {
  readonly kind: 'process'
  readonly binaries: VerifiedBinaries
  readonly network: HostNetwork
}

/** Why this machine cannot run real hosts in boxes, or undefined. */
export function processDriverProblem(): string | undefined {
  if (process.platform !== 'linux') return 'real hosts need Linux namespaces'
  if (process.getuid?.() !== 0)
    return 'real hosts run in namespaces with mounts of their own, which needs root (run the swarm as root)'
  const missing = SANDBOX_TOOLS.filter(tool => !onPath(tool))
  if (!onPath('ip')) missing.push('ip' as never)
  if (missing.length)
    return `missing tools: ${missing.join(', ')} (packages util-linux, mount, iproute2, coreutils, dash)`
  return undefined
}

function onPath(tool: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], {
      stdio: 'ignore',
      env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin' }
    })
    return true
  } catch {
    return false
  }
}

/**
 * The `process` driver: every plan host is the patched upstream agent in dry run, PID 1 of a box of its own
 * (sandbox.ts) inside a network namespace that holds only loopback and the service (network.ts); the installer
 * runs through the agent's container-free install step, one controller per cluster after its bootstrap's
 * reboot. Refuses to start unless the machine can box the hosts, the binaries carry the patch series, and the
 * plan asks for nothing a real agent cannot do.
 */
export async function createProcessDriver(
  ctx: DriverContext,
  options: ProcessDriverOptions
): Promise<ProcessDriver> {
  const problem = processDriverProblem()
  if (problem) throw new ConfigurationError(`--driver process: ${problem}`)
  const componentsFile = options.componentsFile ?? resolve('components.yaml')
  const binaries = verifyProcessBinaries(options.binariesDir, {
    ...(existsSync(componentsFile) ? { componentsFile } : {})
  })
  checkPlanForRealHosts(ctx.plan.clusters)
  const layout = new RunLayout(ctx.runDir)
  let failed: string | undefined
  const network = await createHostNetwork(options.network ?? 'auto', {
    socketDir: layout.sockets,
    logger: ctx.logger,
    onFailure: message => {
      failed = message
      ctx.recorder.event({ k: 'error', scope: 'run', msg: message })
    }
  })
  ctx.logger.info(`process driver: binaries ${binaries.description}`)
  const launcher: BoxLauncher = {
    kind: 'process',
    programs: PROCESS_PROGRAMS,
    command(box: BoxSpec) {
      if (failed) throw new Error(failed)
      return sandboxCommand({
        hostname: box.name,
        rootMount: box.dirs.root,
        etcDir: layout.etc,
        cmdlineFile: layout.cmdline,
        scratch: { root: box.dirs.home, opt: box.dirs.opt, var: box.dirs.var, tmp: box.dirs.tmp },
        disks: box.disks,
        binds: layout.binds(binaries.dir, box.clusterDirs, box.dirs),
        ...(network.netns ? { netns: network.netns } : {}),
        command: box.line.command,
        env: box.line.env
      })
    },
    async expose(serviceUrl: string) {
      return (await network.expose(serviceUrl)).hostsLines
    },
    sample(boxes: ReadonlyMap<string, BoxProcess>, o: { pss?: boolean } = {}) {
      const byNamespace = new Map<string, string>()
      for (const [name, box] of boxes) {
        const ns = box.pidNamespace()
        if (ns) byNamespace.set(ns, name)
      }
      const out = new Map<string, NamespaceSample>()
      for (const [ns, s] of sampleNamespaces(new Set(byNamespace.keys()), o)) out.set(byNamespace.get(ns)!, s)
      return out
    },
    async close() {
      await network.close()
      for (const dir of layout.outside) rmSync(dir, { recursive: true, force: true })
    }
  }
  const driver = createRealDriver(ctx, layout, launcher, options) as ProcessDriver
  return Object.assign(driver, { binaries, network })
}
