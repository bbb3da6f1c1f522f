import { applyPatchesStage } from '../stages/apply-patches.js'
import { runStageAction } from './run-stage-action.js'

/** The apply-patches action: see actions/apply-patches/action.yml. */
export async function run(): Promise<void> {
  await runStageAction(applyPatchesStage)
}
