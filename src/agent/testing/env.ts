import { createTransport } from '../../api/transport.js'
import type { Plan } from '../../plan/types.js'
import { MemoryRecorder } from '../../timeline/recorder.js'
import { silentLogger } from '../../util/logging.js'
import {
  REAL_AGENT_TIMINGS,
  retryPolicies,
  type AgentEnvironment,
  type AgentTimings
} from '../environment.js'
import { agentTestPlan } from './plan.js'

/** Host-side intervals shrunk for tests of the error paths (the real ones are minutes). */
export const FAST_AGENT_TIMINGS: AgentTimings = {
  ...REAL_AGENT_TIMINGS,
  registerRetryMs: 30,
  incompatibleServerMs: 60,
  runnerRetryMs: 60,
  minPollMs: 15,
  reclaimBootMs: 30,
  backoff: { initialMs: 10, multiplier: 1.5, randomization: 0.5, maxIntervalMs: 40, maxElapsedMs: 400 },
  retryDelays: { minMs: 5, maxMs: 10 },
  installerRetries: 3,
  controllerRetries: 3,
  controllerLogsMs: 60_000
}

export interface TestEnvironment extends AgentEnvironment {
  recorder: MemoryRecorder
  plan: Plan
}

export function testEnvironment(
  serviceUrl: string,
  timings: Partial<AgentTimings> = {},
  plan = agentTestPlan()
): TestEnvironment {
  const recorder = new MemoryRecorder()
  const all = { ...FAST_AGENT_TIMINGS, ...timings }
  return {
    transport: createTransport({
      baseUrl: serviceUrl,
      maxConcurrentRequests: 32,
      metrics: recorder.http,
      timeoutMs: 5000
    }),
    recorder,
    logger: silentLogger,
    timings: all,
    planTiming: plan.timing,
    fleet: {
      baseDomain: plan.baseDomain,
      cpuArchitecture: plan.cpuArchitecture,
      varyingRtt: true,
      random: Math.random
    },
    random: Math.random,
    retry: retryPolicies(all),
    plan
  }
}
