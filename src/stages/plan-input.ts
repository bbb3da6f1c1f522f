import { expandPlan, parseShard } from '../plan/expand.js'
import { loadTestPlan } from '../plan/load.js'
import type { Plan } from '../plan/types.js'
import type { OptionValues } from '../settings/options.js'
import { resolveRunId } from '../settings/run-context.js'

/** The plan-related options several stages share, parsed once. */
export interface PlanInput {
  planPath: string
  serviceConfigPath?: string
  runId?: string
  shard: { index: number; count: number }
}

export function planInput(values: OptionValues): PlanInput {
  return {
    planPath: values.requiredString('plan'),
    ...(values.string('service-config') ? { serviceConfigPath: values.string('service-config')! } : {}),
    ...(values.string('run-id') ? { runId: values.string('run-id')! } : {}),
    shard: parseShard(values.string('shard') ?? '0/1')
  }
}

/** Loads, validates and expands the plan of a PlanInput. */
export function loadPlan(input: PlanInput): Plan {
  const { plan: testPlan, notes } = loadTestPlan(
    input.planPath,
    input.serviceConfigPath ? { serviceConfigPath: input.serviceConfigPath } : {}
  )
  const runId = resolveRunId(testPlan.name, input.runId)
  return expandPlan(testPlan, { runId, shard: input.shard, notes })
}
