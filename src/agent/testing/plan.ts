import { expandPlan } from '../../plan/expand.js'
import type { Plan, TestPlan } from '../../plan/types.js'

/**
 * A small expanded plan for the agent's tests: one single-node cluster and one 3-master + 2-worker cluster
 * (cluster-managed networking, with VIPs), with fast timings. `failures` apply to the multi-node group.
 */
export function agentTestPlan(
  overrides: Partial<TestPlan> = {},
  failures: NonNullable<TestPlan['clusters'][number]['failures']> = []
): Plan {
  const testPlan: TestPlan = {
    name: 'agt',
    openshift_version: '4.18',
    clusters: [
      { amount: 1, single_node: true },
      { amount: 1, masters: 3, workers: 2, ...(failures.length ? { failures } : {}) }
    ],
    timing: {
      default_stage: '20ms',
      stages: { 'Writing image to disk': '40ms' },
      controller_ready: '20ms',
      node_ready: '40ms',
      operators_available: '40ms',
      controller_poll: '25ms',
      jitter: 0
    },
    seed: 3,
    ...overrides
  } as TestPlan
  return expandPlan(testPlan, { runId: 'agent-test' })
}
