import { launchSwarmStage } from '../stages/launch-swarm.js'
import { runStageAction } from './run-stage-action.js'

/** The launch-swarm action: see actions/launch-swarm/action.yml. */
export async function run(): Promise<void> {
  await runStageAction(launchSwarmStage)
}
