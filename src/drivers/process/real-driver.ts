import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { PlanCluster, PlanHost } from '../../plan/types.js'
import { errorMessage } from '../../util/errors.js'
import type { AgentConfig, Driver, DriverContext, HostLaunch } from '../driver.js'
import { BoxProcess, describeExit } from './box-process.js'
import {
  agentCommand,
  assertDryRun,
  controllerCommand,
  INSTALL_ARGS_FILE,
  parseInstallArgs,
  type CommandLine,
  type InstallArgs,
  type ProgramPaths
} from './host-config.js'
import { HostLog, scrubFiles } from './host-log.js'
import type { BoxDirs, RunLayout } from './layout.js'
import { parseLogLine } from './log-events.js'
import type { NamespaceSample } from './proc-stats.js'
import type { SandboxCommand } from './sandbox.js'

/** How a real driver starts a box and measures it: processes in namespaces, or podman containers. */
export interface BoxLauncher {
  readonly kind: 'process' | 'container'
  /** Where the programs are inside a box. */
  readonly programs: ProgramPaths
  /** What to spawn for a box (started under `setpriv --pdeathsig`). */
  command(box: BoxSpec): SandboxCommand
  /** Makes the service reachable from the boxes; returns /etc/hosts lines. */
  expose(serviceUrl: string): Promise<string[]>
  /** CPU and memory of running boxes by name (from the namespaces of their processes). */
  sample(boxes: ReadonlyMap<string, BoxProcess>, options?: { pss?: boolean }): Map<string, NamespaceSample>
  /** Stops a box by what the launcher knows of it (e.g. its container name), before its process is killed. */
  stop?(box: BoxSpec): Promise<void>
  /** Extra clean-up after a box ended (e.g. remove a container); never throws. */
  cleanup?(box: BoxSpec): Promise<void>
  close(): Promise<void>
}

export interface BoxSpec {
  /** Box name: the hostname, or `<cluster>-controller`. */
  name: string
  kind: 'host' | 'controller'
  cluster: PlanCluster
  dirs: BoxDirs
  clusterDirs: { dir: string; markers: string }
  disks: string[]
  line: CommandLine
}

export interface RealDriverOptions {
  /** At most this many hosts run at once; a launch beyond waits for one to end (default 200). */
  maxHosts: number
  /** How often CPU and memory of every host are sampled into the timeline (default 5 s; 0 = never). */
  sampleIntervalMs: number
  /** How often reboot markers and installer starts are looked for (default 1 s, the agent's own pace). */
  watchIntervalMs: number
  /**
   * At the end of a run that was not interrupted, how long a controller whose hosts have all rebooted may go on
   * to its own end: the real one looks at the cluster once a minute and then uploads its logs (default 90 s).
   */
  controllerGraceMs: number
}

export const DEFAULT_REAL_DRIVER_OPTIONS: RealDriverOptions = {
  maxHosts: 200,
  sampleIntervalMs: 5000,
  watchIntervalMs: 1000,
  controllerGraceMs: 90_000
}

export interface RealDriver extends Driver {
  readonly kind: 'process' | 'container'
  /** Controllers still running. */
  controllers(): number
  /** Hosts by how they ended so far. */
  ends(): { rebooted: number; died: number; stopped: number }
  /** The last CPU and memory sample of every host and controller (by box name), with the peak memory. */
  usage(): Map<string, NamespaceSample & { maxRssBytes: number; maxPssBytes?: number }>
  /** Samples now (benchmarks), optionally with proportional memory. */
  sampleNow(options?: { pss?: boolean }): void
  /** Each host as the driver sees it, with the PIDs of its box (tests). */
  hostStates(): HostState[]
}

export interface HostState {
  hostname: string
  milestone: string
  ended?: string
  /** The process the driver spawned, and the box's PID 1 (both in the driver's PID namespace). */
  pid?: number
  initPid?: number
}

/** One real host: its box, its log, what has been seen of it. */
class RealHost {
  box: BoxProcess | undefined
  /** Resolves once the box ended and the driver handled its end (records, clean-up, scrub). */
  done: Promise<void> = Promise.resolve()
  milestone = 'launched'
  installSeen = false
  rebooted = false
  ended: 'rebooted' | 'died' | 'stopped' | undefined
  role: string | undefined
  install: InstallArgs | undefined
  lastStage: string | undefined

  constructor(
    readonly plan: PlanHost,
    readonly cluster: PlanCluster,
    readonly agent: AgentConfig,
    readonly spec: BoxSpec,
    readonly log: HostLog
  ) {}
}

interface ClusterState {
  plan: PlanCluster
  dirs: { dir: string; markers: string; hostsFile: string }
  bootstrap: RealHost | undefined
  controller: { box: BoxProcess; log: HostLog; spec: BoxSpec; done: Promise<void> } | undefined
  controllerDone: boolean
  /** The controller logged the end of its work (final log upload done; it may still wait for helpers). */
  controllerFinished: boolean
}

/**
 * The engine of the `process` and `container` drivers: real agents in dry run, one box per host, bounded; the
 * installer through the agent's container-free install step; one controller per cluster once its bootstrap
 * has rebooted. It records the milestones it can see (launch; registered, frozen and installer stages from the
 * programs' logs; install when the installer starts; rebooted when the marker appears; exit; died), samples
 * CPU and memory per host into `proc` records, and stops exactly what it started.
 */
export function createRealDriver(
  ctx: DriverContext,
  layout: RunLayout,
  launcher: BoxLauncher,
  optionsInput: Partial<RealDriverOptions> = {}
): RealDriver {
  const options: RealDriverOptions = { ...DEFAULT_REAL_DRIVER_OPTIONS, ...optionsInput }
  const { recorder, logger } = ctx
  const hosts = new Map<string, RealHost>()
  const clusters = new Map<string, ClusterState>()
  const running = new Map<string, BoxProcess>()
  const usage = new Map<string, NamespaceSample & { maxRssBytes: number; maxPssBytes?: number }>()
  const ends = { rebooted: 0, died: 0, stopped: 0 }
  const waiters: (() => void)[] = []
  const exposed = new Map<string, Promise<void>>()
  const hostsLines = new Set<string>()
  let active = 0
  let stopping: Promise<void> | undefined

  const hostEvent = (
    host: RealHost,
    ev: 'launch' | 'registered' | 'install' | 'rebooted' | 'frozen' | 'exit' | 'died',
    extra: { id?: string; role?: string; info?: string } = {}
  ): void => recorder.event({ k: 'host', h: host.plan.hostname, c: host.cluster.name, ev, ...extra })

  const error = (
    scope: 'host' | 'cluster',
    cluster: string,
    msg: string,
    h?: string,
    extra?: Record<string, unknown>
  ): void =>
    recorder.event({
      k: 'error',
      scope,
      c: cluster,
      ...(h ? { h } : {}),
      msg,
      ...(extra ? { ctx: extra } : {})
    })

  const clusterState = (cluster: PlanCluster): ClusterState => {
    let state = clusters.get(cluster.name)
    if (!state) {
      state = {
        plan: cluster,
        dirs: layout.cluster(cluster),
        bootstrap: undefined,
        controller: undefined,
        controllerDone: false,
        controllerFinished: false
      }
      clusters.set(cluster.name, state)
    }
    return state
  }

  const expose = (serviceUrl: string): Promise<void> => {
    let done = exposed.get(serviceUrl)
    if (!done) {
      done = launcher.expose(serviceUrl).then(lines => {
        const before = hostsLines.size
        for (const line of lines) hostsLines.add(line)
        if (hostsLines.size !== before) layout.writeEtc([...hostsLines])
      })
      exposed.set(serviceUrl, done)
    }
    return done
  }

  const onHostLine = (host: RealHost) => (line: string) => {
    const event = parseLogLine(line)
    if (!event) return
    switch (event.kind) {
      case 'registered':
        if (host.milestone === 'launched') host.milestone = 'registered'
        hostEvent(host, 'registered', { id: host.plan.id })
        recorder.counters.add('process.registrations')
        break
      case 'frozen':
        host.milestone = 'frozen'
        hostEvent(host, 'frozen', { info: event.info })
        break
      case 'stage':
        // percent updates of the same stage are not records (as with the native driver)
        if (host.lastStage === event.stage) return
        host.lastStage = event.stage
        host.milestone = `stage: ${event.stage}`
        recorder.event({
          k: 'stage',
          h: host.plan.hostname,
          c: host.cluster.name,
          stage: event.stage,
          ...(event.info ? { info: event.info } : {}),
          by: 'installer'
        })
        break
      case 'peer-stage':
        peerStage(host.cluster, event, 'bootstrap')
        break
      case 'stage-failed':
        error('host', host.cluster.name, `progress rejected: ${event.message}`, host.plan.hostname)
        break
      case 'installer-start':
        installSeen(host, parseInstallArgs(event.args.join('\n')))
        break
    }
  }

  /** A stage the bootstrap or the controller reported for a host of its cluster. */
  const peerStage = (
    cluster: PlanCluster,
    event: { stage: string; hostId?: string; node?: string },
    by: 'bootstrap' | 'controller'
  ): void => {
    const target = cluster.hosts.find(h =>
      event.hostId ? h.id === event.hostId : h.hostname.toLowerCase() === event.node?.toLowerCase()
    )
    if (!target) return
    recorder.event({ k: 'stage', h: target.hostname, c: cluster.name, stage: event.stage, by })
  }

  const acquireSlot = async (): Promise<void> => {
    while (active >= options.maxHosts) {
      if (stopping || ctx.signal.aborted) throw new Error(`${launcher.kind} driver: launch after stop`)
      await new Promise<void>(resolve => waiters.push(resolve))
    }
    active++
  }
  const releaseSlot = (): void => {
    active--
    waiters.shift()?.()
  }

  const watchInstall = (host: RealHost): void => {
    if (host.installSeen) return
    const file = join(host.spec.dirs.state, INSTALL_ARGS_FILE)
    if (!existsSync(file)) return
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      return
    }
    installSeen(host, parseInstallArgs(text))
  }

  const installSeen = (host: RealHost, install: InstallArgs): void => {
    if (host.installSeen) return
    host.installSeen = true
    host.install = install
    host.role = install.role
    host.milestone = `install: ${host.role ?? 'unknown role'}`
    hostEvent(host, 'install', { ...(host.role ? { role: host.role } : {}) })
    if (host.role === 'bootstrap') clusterState(host.cluster).bootstrap = host
  }

  const watchMarker = (host: RealHost): void => {
    if (host.rebooted) return
    if (!existsSync(join(host.spec.clusterDirs.markers, host.plan.hostname))) return
    host.rebooted = true
    host.milestone = 'rebooted'
    hostEvent(host, 'rebooted')
  }

  const startController = (state: ClusterState): void => {
    const bootstrap = state.bootstrap!
    const name = `${state.plan.name}-controller`
    let line: CommandLine
    try {
      line = controllerCommand(
        state.plan,
        bootstrap.agent,
        bootstrap.install ?? {},
        bootstrap.plan.hostname,
        {
          programs: launcher.programs,
          ...(bootstrap.agent.caCertPem ? { caPath: layout.caFile(bootstrap.agent.caCertPem) } : {})
        }
      )
      assertDryRun('controller', line, launcher.programs)
    } catch (e) {
      state.controllerDone = true
      error('cluster', state.plan.name, `controller not started: ${errorMessage(e)}`)
      return
    }
    const dirs = layout.box(name)
    const spec: BoxSpec = {
      name,
      kind: 'controller',
      cluster: state.plan,
      dirs,
      clusterDirs: state.dirs,
      disks: [],
      line
    }
    const log = new HostLog(layout.logFile(name), [bootstrap.agent.pullSecretToken], line => {
      const event = parseLogLine(line)
      if (event?.kind === 'peer-stage') peerStage(state.plan, event, 'controller')
      else if (event?.kind === 'controller-finished') state.controllerFinished = true
    })
    log.note(`controller of ${state.plan.name} (bootstrap ${bootstrap.plan.hostname} rebooted)`)
    const box = new BoxProcess(launcher.command(spec), log)
    running.set(name, box)
    logger.debug(`${launcher.kind} driver: controller of ${state.plan.name} starts (pid ${box.pid})`)
    const done = box.exited.then(async exit => {
      running.delete(name)
      state.controllerDone = true
      log.note(`controller ended: ${describeExit(exit)}`)
      if (!stopping && (exit.code !== 0 || exit.signal))
        error('cluster', state.plan.name, `controller ${describeExit(exit)}`, undefined, {
          log: log.tail(10)
        })
      await launcher.cleanup?.(spec)
      scrubBox(spec, bootstrap.agent)
      await log.close()
    })
    state.controller = { box, log, spec, done }
  }

  /** What the programs wrote into a box's scratch directories themselves is scrubbed of the secrets too. */
  const scrubBox = (spec: BoxSpec, agent: AgentConfig): void => {
    const { home, opt, var: varDir, tmp, state } = spec.dirs
    try {
      const changed = scrubFiles([home, opt, varDir, tmp, state], [agent.pullSecretToken])
      if (changed.length)
        logger.debug(
          `${launcher.kind} driver: scrubbed the secret from ${changed.length} files of ${spec.name}`
        )
    } catch (e) {
      logger.warning(`${launcher.kind} driver: cannot scrub ${spec.dirs.dir}: ${errorMessage(e)}`)
    }
  }

  const tick = (): void => {
    for (const host of hosts.values()) {
      if (host.ended) continue
      watchInstall(host)
      watchMarker(host)
    }
    if (stopping) return
    for (const state of clusters.values()) {
      if (state.controller || state.controllerDone || !state.bootstrap) continue
      if (state.bootstrap.rebooted) startController(state)
    }
  }
  const watchTimer = setInterval(tick, options.watchIntervalMs)
  watchTimer.unref()

  const sample = (withPss = false): void => {
    const byBox = launcher.sample(running, { pss: withPss })
    for (const [name, s] of byBox) {
      recordUsage(name, s)
      recorder.event({ k: 'proc', h: name, cpuMs: Math.round(s.cpuMs), rssBytes: s.rssBytes })
    }
  }
  const recordUsage = (name: string, s: NamespaceSample): void => {
    const previous = usage.get(name)
    usage.set(name, {
      ...s,
      maxRssBytes: Math.max(previous?.maxRssBytes ?? 0, s.rssBytes),
      ...(s.pssBytes !== undefined || previous?.maxPssBytes !== undefined
        ? { maxPssBytes: Math.max(previous?.maxPssBytes ?? 0, s.pssBytes ?? 0) }
        : {})
    })
  }
  const sampleTimer =
    options.sampleIntervalMs > 0 ? setInterval(() => sample(), options.sampleIntervalMs) : undefined
  sampleTimer?.unref()

  /**
   * Lets the controllers of clusters whose hosts all rebooted finish their work (the final log upload after their
   * once-a-minute look at the cluster), up to controllerGraceMs; hosts still running are stopped first.
   */
  const controllersToTheirEnd = async (still: RealHost[]): Promise<void> => {
    const waiting = [...clusters.values()].filter(
      c =>
        c.controller?.box.running &&
        !c.controllerFinished &&
        c.plan.hosts.every(h => hosts.get(h.hostname)?.rebooted) &&
        !still.some(h => h.cluster.name === c.plan.name)
    )
    if (!waiting.length || options.controllerGraceMs <= 0) return
    logger.info(
      `${launcher.kind} driver: waiting up to ${Math.round(options.controllerGraceMs / 1000)}s for ${waiting.length} controllers to finish (final log upload)`
    )
    const deadline = Date.now() + options.controllerGraceMs
    while (Date.now() < deadline && waiting.some(c => c.controller!.box.running && !c.controllerFinished)) {
      await new Promise(resolve => setTimeout(resolve, 250))
    }
  }

  const onAbort = (): void => {
    void driver.stop()
  }
  ctx.signal.addEventListener('abort', onAbort, { once: true })

  const driver: RealDriver = {
    kind: launcher.kind,

    async launch(launch: HostLaunch): Promise<void> {
      if (stopping || ctx.signal.aborted) throw new Error(`${launcher.kind} driver: launch after stop`)
      const { host: plan, cluster, agent } = launch
      if (hosts.get(plan.hostname)?.ended === undefined && hosts.has(plan.hostname))
        throw new Error(`${launcher.kind} driver: ${plan.hostname} is already running`)
      await acquireSlot()
      let host: RealHost
      try {
        await expose(agent.serviceUrl)
        const state = clusterState(cluster)
        const line = agentCommand(plan, cluster, agent, {
          programs: launcher.programs,
          ...(agent.caCertPem ? { caPath: layout.caFile(agent.caCertPem) } : {})
        })
        assertDryRun('agent', line, launcher.programs)
        const dirs = layout.box(plan.hostname)
        const spec: BoxSpec = {
          name: plan.hostname,
          kind: 'host',
          cluster,
          dirs,
          clusterDirs: state.dirs,
          disks: plan.hardware.disks.map(d => d.name),
          line
        }
        let observe: (line: string) => void = () => undefined
        const log = new HostLog(layout.logFile(plan.hostname), [agent.pullSecretToken], line => observe(line))
        host = new RealHost(plan, cluster, agent, spec, log)
        observe = onHostLine(host)
        log.note(`${launcher.kind} driver: ${plan.hostname} (${plan.id}) of ${cluster.name}, ${plan.role}`)
        host.box = new BoxProcess(launcher.command(spec), log)
      } catch (e) {
        releaseSlot()
        throw e
      }
      hosts.set(plan.hostname, host)
      running.set(plan.hostname, host.box)
      hostEvent(host, 'launch', { id: plan.id, role: plan.role })
      host.done = host.box.exited.then(async exit => {
        running.delete(plan.hostname)
        watchInstall(host)
        watchMarker(host)
        if (!host.ended) {
          if (host.rebooted) {
            host.ended = 'rebooted'
            ends.rebooted++
            hostEvent(host, 'exit', { info: `${describeExit(exit)} after the fake reboot` })
          } else if (!stopping) {
            host.ended = 'died'
            ends.died++
            const info = describeExit(exit)
            hostEvent(host, 'died', { info: `${info} (last: ${host.milestone})` })
            error('host', cluster.name, `the agent process ended without a reboot: ${info}`, plan.hostname, {
              milestone: host.milestone,
              log: host.log.tail(10)
            })
            logger.warning(`${plan.hostname}: the agent process ended (${info}); see ${host.log.path}`)
          }
        }
        host.log.note(`box ended: ${describeExit(exit)}`)
        releaseSlot()
        await launcher.cleanup?.(host.spec)
        scrubBox(host.spec, agent)
        if (!stopping) await host.log.close()
      })
    },

    running: () => [...hosts.values()].filter(h => h.box?.running).length,
    controllers: () => [...clusters.values()].filter(c => c.controller?.box.running).length,
    ends: () => ({ ...ends }),
    usage: () => new Map(usage),
    sampleNow: (o = {}) => sample(Boolean(o.pss)),
    hostStates: () =>
      [...hosts.values()].map(h => {
        const state: HostState = { hostname: h.plan.hostname, milestone: h.milestone }
        if (h.ended) state.ended = h.ended
        if (h.box?.running && h.box.pid) {
          state.pid = h.box.pid
          const init = h.box.boxInitPid()
          if (init) state.initPid = init
        }
        return state
      }),

    stop(): Promise<void> {
      stopping ??= (async () => {
        ctx.signal.removeEventListener('abort', onAbort)
        clearInterval(watchTimer)
        if (sampleTimer) clearInterval(sampleTimer)
        for (const resolve of waiters.splice(0)) resolve()
        tick()
        sample()
        const still = [...hosts.values()].filter(h => h.box?.running)
        if (!ctx.signal.aborted) await controllersToTheirEnd(still)
        const controllersRunning = [...clusters.values()].flatMap(c =>
          c.controller?.box.running ? [c.controller] : []
        )
        if (launcher.stop)
          await Promise.all(
            [...still.map(h => h.spec), ...controllersRunning.map(c => c.spec)].map(spec =>
              launcher.stop!(spec)
            )
          )
        await Promise.all([...still.map(h => h.box!.kill()), ...controllersRunning.map(c => c.box.kill())])
        for (const host of still) {
          if (host.ended) continue
          host.ended = 'stopped'
          ends.stopped++
          hostEvent(host, 'exit', { info: host.milestone })
        }
        // the exit handlers run their clean-ups; wait for every box's end, then close the logs
        await Promise.all([...hosts.values()].map(h => h.done))
        await Promise.all([...clusters.values()].map(c => c.controller?.done))
        for (const host of hosts.values()) await host.log.close()
        for (const c of clusters.values()) await c.controller?.log.close()
        await launcher.close()
        logger.info(
          `${launcher.kind} driver stopped: ${hosts.size} hosts (${ends.rebooted} rebooted, ${ends.died} died, ${ends.stopped} stopped), ` +
            `${[...clusters.values()].filter(c => c.controller).length} controllers; logs in ${layout.logs}`
        )
      })()
      return stopping
    }
  }
  return driver
}
