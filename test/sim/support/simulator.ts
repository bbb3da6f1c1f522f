import { createSimulator, type Simulator, type SimulatorOptions } from '../../../src/sim/index.js'
import type { Api } from './api.js'
import { injectApi } from './inject-api.js'

/** A manual clock for time-driven tests. */
export class TestClock {
  constructor(public ms = Date.parse('2026-05-01T12:00:00Z')) {}
  now = (): number => this.ms
  advance(ms: number): void {
    this.ms += ms
  }
}

export interface TestSim {
  simulator: Simulator
  api: Api
  clock: TestClock
  /** One host pass and one cluster pass. */
  tick(): Promise<unknown>
}

/**
 * A simulator for in-process tests: no port, monitors only run when the test calls `tick()`, and time is a
 * manual clock, so every transition is deterministic and timeouts need no waiting.
 */
export async function testSimulator(options: SimulatorOptions = {}): Promise<TestSim> {
  const clock = new TestClock()
  const hour = 3_600_000
  const simulator = await createSimulator({
    now: clock.now,
    ...options,
    timings: {
      hostMonitorIntervalMs: hour,
      clusterMonitorIntervalMs: hour,
      fullScanIntervalMs: 0,
      installationPreparationMs: 0,
      ...(options.timings ?? {})
    }
  })
  return { simulator, api: injectApi(simulator.app), clock, tick: () => simulator.runMonitors() }
}
