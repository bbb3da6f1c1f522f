import { run as applyPatches } from '../apply-patches.js'
import { run as buildPushImages } from '../build-push-images.js'
import { run as collectResults } from '../collect-results.js'
import { run as deployCrs } from '../deploy-crs.js'
import { run as launchSwarm } from '../launch-swarm.js'

/**
 * The one shared bundle of all five actions (dist/shared/index.js); each dist/<stage>/index.js is a two-line
 * stub that calls `run('<stage>')`, so the library ships once instead of five times.
 */
const ACTIONS: Record<string, () => Promise<void>> = {
  'apply-patches': applyPatches,
  'build-push-images': buildPushImages,
  'deploy-crs': deployCrs,
  'launch-swarm': launchSwarm,
  'collect-results': collectResults
}

export async function run(stage: string): Promise<void> {
  const action = ACTIONS[stage]
  if (!action) throw new Error(`unknown action ${stage}`)
  await action()
}
