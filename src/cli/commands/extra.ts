import type { Command } from 'commander'
import { regeneratePatchesCommand } from './regenerate-patches.js'
import { runCommand } from './run.js'
import { simCommand } from './sim.js'

/**
 * Commands beyond `plan` and the five stages (`run`, `sim`, `teardown`, ...). Each area registers its command
 * here so program.ts stays a plain list.
 */
export function extraCommands(): Command[] {
  return [runCommand(), simCommand(), regeneratePatchesCommand()]
}
