import { collectResultsTable } from './collect-results.js'
import { launchSwarmTable } from './launch-swarm.js'
import type { StageTable } from './options.js'

/** `assisted-swarm run`: launch-swarm's options plus collect-results' baseline ones (CLI only). */
export const runTable: StageTable = {
  stage: 'run',
  description:
    'Run a whole load test: create the clusters, launch the swarm, collect the report into the run directory. Uses the embedded simulator unless --service or --kubeconfig is given.',
  options: [
    ...launchSwarmTable.options,
    ...collectResultsTable.options.filter(o =>
      ['baseline', 'regression-tolerance', 'fail-on-thresholds'].includes(o.name)
    )
  ],
  outputs: []
}
