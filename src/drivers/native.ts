import { createTransport, type Transport, type TransportStats } from '../api/transport.js'
import { ClusterRuntime } from '../agent/cluster-runtime.js'
import { EmulatedController } from '../agent/controller.js'
import {
  REAL_AGENT_TIMINGS,
  retryPolicies,
  type AgentEnvironment,
  type AgentTimings
} from '../agent/environment.js'
import { NativeHost, type HostEnd } from '../agent/host.js'
import type { PlanCluster } from '../plan/types.js'
import type { AgentConfig, Driver, DriverContext, HostLaunch } from './driver.js'

export interface NativeDriverOptions {
  /** Overrides of the host-side programs' own intervals (tests shorten the error paths); defaults are the real ones. */
  timings?: Partial<AgentTimings>
  /**
   * L3 round-trip times vary per run as real ping averages do (default), so connectivity replies are sent every
   * poll as by real hosts; false gives stable outputs that the reply cache suppresses (the dry-run agent's shape).
   */
  varyingRtt?: boolean
  /** Per-attempt HTTP timeout (default 60 s). */
  requestTimeoutMs?: number
  random?: () => number
}

export interface NativeDriver extends Driver {
  readonly kind: 'native'
  /** Controllers still running. */
  controllers(): number
  /** Hosts by how they ended so far. */
  ends(): Record<HostEnd, number>
  /** The shared transports' queues and counts (one per service URL). */
  transportStats(): TransportStats[]
}

interface HostEntry {
  host: NativeHost
  done: Promise<HostEnd>
}

/**
 * The `native` driver: every host a small TypeScript object in this process speaking the agent protocol (src/agent),
 * with an emulated installer per host and an emulated controller per cluster, all over one shared HTTP transport
 * per service URL (pooled, or one connection per request with `agent.connection: faithful`).
 */
export function createNativeDriver(ctx: DriverContext, options: NativeDriverOptions = {}): NativeDriver {
  const timings: AgentTimings = { ...REAL_AGENT_TIMINGS, ...options.timings }
  const random = options.random ?? Math.random
  const transports = new Map<string, Transport>()
  const runtimes = new Map<string, ClusterRuntime>()
  const hosts: HostEntry[] = []
  const controllers: { controller: EmulatedController; done: Promise<unknown>; runtime: ClusterRuntime }[] =
    []
  const ends: Record<HostEnd, number> = { rebooted: 0, frozen: 0, stopped: 0 }
  let active = 0
  let stopping: Promise<void> | undefined
  const envs = new Map<Transport, AgentEnvironment>()

  const transportFor = (agent: AgentConfig): Transport => {
    const key = `${agent.serviceUrl}\u0000${agent.insecure}\u0000${agent.caCertPem ?? ''}`
    let transport = transports.get(key)
    if (!transport) {
      transport = createTransport({
        baseUrl: agent.serviceUrl,
        mode: ctx.plan.agent.connection,
        maxConcurrentRequests: ctx.plan.agent.maxConcurrentRequests,
        insecure: agent.insecure,
        ...(agent.caCertPem ? { caCertPem: agent.caCertPem } : {}),
        ...(options.requestTimeoutMs ? { timeoutMs: options.requestTimeoutMs } : {}),
        metrics: ctx.recorder.http,
        random
      })
      transports.set(key, transport)
    }
    return transport
  }

  const environmentFor = (transport: Transport): AgentEnvironment => {
    let env = envs.get(transport)
    if (!env) {
      env = {
        transport,
        recorder: ctx.recorder,
        logger: ctx.logger,
        timings,
        planTiming: ctx.plan.timing,
        fleet: {
          baseDomain: ctx.plan.baseDomain,
          cpuArchitecture: ctx.plan.cpuArchitecture,
          varyingRtt: options.varyingRtt ?? true,
          random
        },
        random,
        retry: retryPolicies(timings)
      }
      envs.set(transport, env)
    }
    return env
  }

  const startController = (env: AgentEnvironment) => (runtime: ClusterRuntime) => {
    if (stopping) return
    const controller = new EmulatedController(env, runtime)
    ctx.logger.debug(`native: controller of ${runtime.plan.name} starts`)
    controllers.push({ controller, done: controller.run(), runtime })
  }

  const runtimeFor = (cluster: PlanCluster, env: AgentEnvironment): ClusterRuntime => {
    let runtime = runtimes.get(cluster.name)
    if (!runtime) {
      runtime = new ClusterRuntime(cluster, startController(env))
      runtimes.set(cluster.name, runtime)
    }
    return runtime
  }

  /**
   * At the end of a run that was not interrupted, the controllers of clusters whose hosts all rebooted go on to their
   * own end, as the real ones do (their main loop sees the cluster installed, then the final log upload), bounded by
   * a few of their loops.
   */
  const controllersToTheirEnd = async (): Promise<void> => {
    const finishing = controllers.filter(
      c => c.controller.active && c.runtime.rebootedCount >= c.runtime.plan.hosts.length
    )
    if (!finishing.length) return
    const boundMs = 5000 + 4 * ctx.plan.timing.controllerPollMs
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      Promise.allSettled(finishing.map(c => c.done)),
      new Promise(resolve => (timer = setTimeout(resolve, boundMs)))
    ])
    clearTimeout(timer)
  }

  const onAbort = (): void => {
    void driver.stop()
  }
  ctx.signal.addEventListener('abort', onAbort, { once: true })

  const driver: NativeDriver = {
    kind: 'native',

    async launch(launch: HostLaunch): Promise<void> {
      if (stopping || ctx.signal.aborted) throw new Error('native driver: launch after stop')
      const env = environmentFor(transportFor(launch.agent))
      const host = new NativeHost({
        env,
        host: launch.host,
        cluster: launch.cluster,
        agent: launch.agent,
        runtime: runtimeFor(launch.cluster, env)
      })
      active++
      const done = host.run().then(
        end => {
          active--
          ends[end]++
          return end
        },
        (error: unknown) => {
          active--
          ends.stopped++
          ctx.recorder.event({
            k: 'error',
            scope: 'host',
            h: launch.host.hostname,
            c: launch.cluster.name,
            msg: String(error)
          })
          return 'stopped' as HostEnd
        }
      )
      hosts.push({ host, done })
    },

    running: () => active,
    controllers: () => controllers.filter(c => c.controller.active).length,
    ends: () => ({ ...ends }),
    transportStats: () => [...transports.values()].map(t => t.stats()),

    stop(): Promise<void> {
      stopping ??= (async () => {
        ctx.signal.removeEventListener('abort', onAbort)
        if (!ctx.signal.aborted) await controllersToTheirEnd()
        for (const { host } of hosts) host.stop()
        for (const runtime of runtimes.values()) runtime.cancel()
        for (const { controller } of controllers) controller.stop()
        // In-flight and queued requests fail at once: nothing waits for a timeout.
        await Promise.all([...transports.values()].map(t => t.close()))
        await Promise.allSettled([...hosts.map(h => h.done), ...controllers.map(c => c.done)])
        // Every host's last known milestone: the ones still running when the run stopped end with `exit`.
        let interrupted = 0
        for (const { host } of hosts) {
          if (host.ended !== 'stopped') continue
          interrupted++
          ctx.recorder.event({
            k: 'host',
            h: host.plan.hostname,
            c: host.cluster.name,
            ev: 'exit',
            info: host.milestone
          })
        }
        ctx.logger.info(
          `native driver stopped: ${hosts.length} hosts (${ends.rebooted} rebooted, ${ends.frozen} frozen, ${interrupted} interrupted), ` +
            `${controllers.length} controllers`
        )
      })()
      return stopping
    }
  }
  return driver
}
