import type { Transport } from '../api/transport.js'
import {
  agentRetryPolicy,
  installerRetryPolicy,
  type RetryDelays,
  type RetryPolicy
} from '../api/transport-retry.js'
import type { PlanTiming } from '../plan/types.js'
import type { Recorder } from '../timeline/recorder.js'
import type { Logger } from '../util/logging.js'
import { REAL_BACKOFF, type BackoffSettings } from './backoff.js'
import { REPLY_CACHE_TTL_MS } from './reply-cache.js'
import type { FleetFacts } from './steps/step.js'

/**
 * The host-side programs' own intervals. The defaults are the real ones: a faster run comes from faster service
 * timings (simulator profile, plan timing), never from a client shortcut. Tests shorten the error paths.
 */
export interface AgentTimings {
  /** `--interval`: wait before registering again after an error (60 s). */
  registerRetryMs: number
  /** 201 without next_step_runner_command: "Incompatible server version" (1 h). */
  incompatibleServerMs: number
  /** Invalid next-step-runner arguments and retry_seconds 0 (1 h). */
  runnerRetryMs: number
  /**
   * The real agent polls again at once when the service says `next_instruction_seconds: 0` with `continue`;
   * here such polls are at least this far apart (1 s), so a misbehaving service cannot make every host spin.
   */
  minPollMs: number
  /** reboot-for-reclaim: from the reboot to the discovery agent registering again (2 min). */
  reclaimBootMs: number
  /** Failed instruction polls: 0.5 s ×1.5 ±50 %, ≤60 s, re-register after 15 min. */
  backoff: BackoffSettings
  /** Transport retry delays (2–10 s). */
  retryDelays: RetryDelays
  /** Retries of the installer's inventory client (360, as the real installer) and of the controller (15). */
  installerRetries: number
  controllerRetries: number
  /** The reply cache's time to live (1 h). */
  replyCacheTtlMs: number
  /** Controller log upload period (5 min). */
  controllerLogsMs: number
}

export const REAL_AGENT_TIMINGS: AgentTimings = {
  registerRetryMs: 60_000,
  incompatibleServerMs: 3600_000,
  runnerRetryMs: 3600_000,
  minPollMs: 1000,
  reclaimBootMs: 120_000,
  backoff: REAL_BACKOFF,
  retryDelays: { minMs: 2000, maxMs: 10_000 },
  installerRetries: 360,
  controllerRetries: 15,
  replyCacheTtlMs: REPLY_CACHE_TTL_MS,
  controllerLogsMs: 300_000
}

/** What every native host, installer and controller of one driver shares. */
export interface AgentEnvironment {
  transport: Transport
  recorder: Recorder
  logger: Logger
  timings: AgentTimings
  planTiming: PlanTiming
  fleet: FleetFacts
  random: () => number
  retry: { agent: RetryPolicy; installer: RetryPolicy; controller: RetryPolicy }
}

export function retryPolicies(timings: AgentTimings): AgentEnvironment['retry'] {
  return {
    agent: agentRetryPolicy(timings.retryDelays),
    installer: installerRetryPolicy(timings.installerRetries, timings.retryDelays),
    controller: installerRetryPolicy(timings.controllerRetries, timings.retryDelays)
  }
}

const interned = new Map<string, string>()

/** One copy of strings every host holds (the agent image from the registration answer). */
export function intern(text: string): string {
  const known = interned.get(text)
  if (known !== undefined) return known
  if (interned.size < 1024) interned.set(text, text)
  return text
}

/** A stage duration from the plan (exact stage name, else the default), with the plan's jitter. */
export function stageMs(env: AgentEnvironment, stage: string): number {
  const base = env.planTiming.stagesMs[stage] ?? env.planTiming.defaultStageMs
  return jitter(env, base)
}

export function jitter(env: AgentEnvironment, ms: number): number {
  const j = env.planTiming.jitter
  if (!j) return ms
  return Math.max(0, ms * (1 + (env.random() * 2 - 1) * j))
}
