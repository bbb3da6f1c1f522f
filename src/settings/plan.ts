import { PLAN, RUN_ID, SERVICE_CONFIG, SHARD } from './common.js'
import type { StageTable } from './options.js'

/** `assisted-swarm plan` (CLI only). */
export const planTable: StageTable = {
  stage: 'plan',
  description:
    'Validate a test plan and print the expanded summary (clusters, hosts, networks, ramp, thresholds).',
  options: [
    PLAN,
    RUN_ID,
    SHARD,
    SERVICE_CONFIG,
    { name: 'json', description: 'Print the summary as JSON.', kind: 'boolean', default: 'false' },
    {
      name: 'full',
      description: 'Print the whole expanded plan (every cluster and host) as JSON.',
      kind: 'boolean',
      default: 'false'
    }
  ],
  outputs: []
}
