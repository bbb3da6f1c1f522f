import { collectResultsTable } from '../settings/collect-results.js'
import type { Stage } from './stage.js'

/** Placeholder until the collect-results library lands: the action and CLI wiring are already in place. */
export const collectResultsStage: Stage<Record<string, never>, never> = {
  table: collectResultsTable,
  settings: () => ({}),
  execute: async () => {
    throw new Error('collect-results is not implemented yet')
  },
  outputs: () => ({})
}
