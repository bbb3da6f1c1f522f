import { deployCrsStage } from '../stages/deploy-crs.js'
import { runStageAction } from './run-stage-action.js'

/** The deploy-crs action: see actions/deploy-crs/action.yml. */
export async function run(): Promise<void> {
  await runStageAction(deployCrsStage)
}
