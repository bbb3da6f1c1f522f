import { buildPushImagesStage } from '../stages/build-push-images.js'
import { runStageAction } from './run-stage-action.js'

/** The build-push-images action: see actions/build-push-images/action.yml. */
export async function run(): Promise<void> {
  await runStageAction(buildPushImagesStage)
}
