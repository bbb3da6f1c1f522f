import { launchSwarmTable } from '../settings/launch-swarm.js'
import type { Stage } from './stage.js'

/** Placeholder until the launch-swarm library lands: the action and CLI wiring are already in place. */
export const launchSwarmStage: Stage<Record<string, never>, never> = {
  table: launchSwarmTable,
  settings: () => ({}),
  execute: async () => {
    throw new Error('launch-swarm is not implemented yet')
  },
  outputs: () => ({})
}
