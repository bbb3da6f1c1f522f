import type { SimContext } from '../core/context.js'
import type { FaultInjector } from '../http/faults.js'
import type { SimMetrics } from '../http/metrics.js'
import type { Monitors } from '../monitor/monitors.js'

/** What route plugins get (fastify plugin options). */
export interface RouteDeps {
  sim: SimContext
  monitors: Monitors
  faults: FaultInjector
  metrics: SimMetrics
  /** Saves the state file now (admin endpoint); undefined without a state file. */
  persist?: () => Promise<string>
}
