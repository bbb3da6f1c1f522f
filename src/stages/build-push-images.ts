import { buildPushImagesTable } from '../settings/build-push-images.js'
import type { Stage } from './stage.js'

/** Placeholder until the build-push-images library lands: the action and CLI wiring are already in place. */
export const buildPushImagesStage: Stage<Record<string, never>, never> = {
  table: buildPushImagesTable,
  settings: () => ({}),
  execute: async () => {
    throw new Error('build-push-images is not implemented yet')
  },
  outputs: () => ({})
}
