import { applyPatchesTable } from './apply-patches.js'
import { buildPushImagesTable } from './build-push-images.js'
import { collectResultsTable } from './collect-results.js'
import { deployCrsTable } from './deploy-crs.js'
import { launchSwarmTable } from './launch-swarm.js'
import type { StageTable } from './options.js'

/** The five pipeline stages, in pipeline order; each is an action and a CLI subcommand. */
export const STAGES: readonly StageTable[] = [
  applyPatchesTable,
  buildPushImagesTable,
  deployCrsTable,
  launchSwarmTable,
  collectResultsTable
]
