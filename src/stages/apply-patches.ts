import { applyPatchesTable } from '../settings/apply-patches.js'
import type { Stage } from './stage.js'

/** Placeholder until the apply-patches library lands: the action and CLI wiring are already in place. */
export const applyPatchesStage: Stage<Record<string, never>, never> = {
  table: applyPatchesTable,
  settings: () => ({}),
  execute: async () => {
    throw new Error('apply-patches is not implemented yet')
  },
  outputs: () => ({})
}
