import { collectResultsStage } from '../stages/collect-results.js'
import { runStageAction } from './run-stage-action.js'

/** The collect-results action: see actions/collect-results/action.yml. */
export async function run(): Promise<void> {
  await runStageAction(collectResultsStage)
}
