import { deployCrsTable } from '../settings/deploy-crs.js'
import type { Stage } from './stage.js'

/** Placeholder until the deploy-crs library lands: the action and CLI wiring are already in place. */
export const deployCrsStage: Stage<Record<string, never>, never> = {
  table: deployCrsTable,
  settings: () => ({}),
  execute: async () => {
    throw new Error('deploy-crs is not implemented yet')
  },
  outputs: () => ({})
}
