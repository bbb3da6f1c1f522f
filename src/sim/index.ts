import type { FastifyInstance } from 'fastify'
import { ConfigurationError, errorMessage } from '../util/errors.js'
import { SimContext } from './core/context.js'
import type { KubeController } from './kube/controller.js'
import { buildApp } from './http/app.js'
import { checkFaults, FaultInjector, type FaultSettings } from './http/faults.js'
import { SimMetrics } from './http/metrics.js'
import { Monitors } from './monitor/monitors.js'
import { resolveOptions, type SimulatorOptions } from './options.js'
import { loadState, saveState } from './persistence.js'

export type { SimulatorOptions } from './options.js'
export type { FaultSettings } from './http/faults.js'
export { parseDiscoveryIgnition, type DiscoveryAgentConfig } from './ignition.js'
export { SIM_ERRORS } from './errors.js'

/** A simulator built but not listening: use `app.inject()` in tests that need no socket. */
export interface Simulator {
  app: FastifyInstance
  sim: SimContext
  monitors: Monitors
  faults: FaultInjector
  /** Runs one host pass then one cluster pass now (deterministic tests and benchmarks). */
  runMonitors(): Promise<{ hosts: number; clusters: number }>
  /** Saves the state file now (no-op without one); returns its path. */
  persist(): Promise<string | undefined>
  /** Stops monitors, saves state, closes the server. Idempotent. */
  close(): Promise<void>
}

export interface RunningSimulator extends Simulator {
  /** Base URL, e.g. `http://127.0.0.1:8090` (the API is under `/api/assisted-install/v2`). */
  url: string
  port: number
  /** The kube-api mode's controller, when started with `kubeconfig`. */
  kube?: KubeController
}

/**
 * Builds the simulator: restores the state file if one exists and starts the monitors, without opening a port.
 */
export async function createSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const opts = resolveOptions(options)
  const faultProblems = checkFaults(opts.faults)
  if (faultProblems.length) throw new ConfigurationError(faultProblems, 'invalid fault injection settings:')
  const sim = new SimContext(opts)
  const faults = new FaultInjector(opts.faults as FaultSettings, sim.random)
  const metrics = new SimMetrics(sim, faults)
  const monitors = new Monitors(sim, metrics.onMonitorPass)
  const stateFile = opts.stateFile
  let saving: Promise<string> | undefined
  let lastSaveMs = 0
  let lastSaveEnd = 0
  const persist = async (): Promise<string | undefined> => {
    if (!stateFile) return undefined
    if (saving) await saving.catch(() => undefined)
    const started = performance.now()
    saving = saveState(sim, stateFile)
    try {
      return await saving
    } finally {
      saving = undefined
      lastSaveMs = performance.now() - started
      lastSaveEnd = performance.now()
    }
  }
  if (stateFile) {
    try {
      if (await loadState(sim, stateFile)) {
        opts.logger.info(
          `simulator: restored ${sim.store.clusters.size} clusters and ${sim.store.hostCount} hosts from ${stateFile}`
        )
      }
    } catch (error) {
      throw new ConfigurationError(`state-file: cannot restore ${stateFile}: ${errorMessage(error)}`)
    }
  }
  const app = buildApp({
    sim,
    monitors,
    faults,
    metrics,
    ...(stateFile ? { persist: async () => (await persist())! } : {})
  })
  await app.ready()
  monitors.start()
  let timer: NodeJS.Timeout | undefined
  if (stateFile && opts.persistIntervalMs > 0) {
    timer = setInterval(() => {
      // A big state (100k hosts) takes a while to write: keep periodic saves under ~10 % of the time.
      if (saving || performance.now() - lastSaveEnd < 9 * lastSaveMs) return
      persist().catch(error =>
        opts.logger.warning(`simulator: saving ${stateFile} failed: ${errorMessage(error)}`)
      )
    }, opts.persistIntervalMs)
    timer.unref()
  }
  let closing: Promise<void> | undefined
  return {
    app,
    sim,
    monitors,
    faults,
    async runMonitors() {
      const hosts = await monitors.runHostPass()
      const clusters = await monitors.runClusterPass()
      return { hosts, clusters }
    },
    persist,
    close() {
      closing ??= (async () => {
        clearInterval(timer)
        await monitors.stop()
        try {
          await persist()
        } finally {
          await app.close()
        }
      })()
      return closing
    }
  }
}

/**
 * Starts the simulator on `host:port` (127.0.0.1:8090 by default; port 0 picks a free one). Agents are given
 * `serviceBaseUrl`, which defaults to the URL it listens on.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const kubeMode = options.kubeconfig ? await import('./kube/index.js') : undefined
  if (kubeMode) options = kubeMode.kubeModeOptions(options)
  const simulator = await createSimulator(options)
  const host = options.host ?? '127.0.0.1'
  try {
    await simulator.app.listen({ host, port: options.port ?? 8090 })
  } catch (error) {
    await simulator.close().catch(() => undefined)
    throw new ConfigurationError(`cannot listen on ${host}:${options.port ?? 8090}: ${errorMessage(error)}`)
  }
  const address = simulator.app.server.address()
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 8090)
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  simulator.sim.selfUrl = url
  if (!kubeMode || !options.kubeconfig) return { ...simulator, url, port }
  let kube: Awaited<ReturnType<typeof kubeMode.startKubeMode>>
  try {
    kube = await kubeMode.startKubeMode(simulator.sim, {
      kubeconfig: options.kubeconfig,
      ...(options.kubeContext ? { context: options.kubeContext } : {}),
      logger: simulator.sim.opts.logger
    })
  } catch (error) {
    await simulator.close().catch(() => undefined)
    throw error
  }
  const close = simulator.close
  let closing: Promise<void> | undefined
  return {
    ...simulator,
    url,
    port,
    kube: kube.controller,
    close: () => (closing ??= kube.stop().finally(() => close()))
  }
}
