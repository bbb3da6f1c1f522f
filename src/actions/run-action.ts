import * as core from '@actions/core'
import { errorMessage, SwarmError } from '../util/errors.js'
import { ExitCode } from '../util/exit-codes.js'
import type { Logger } from '../util/logging.js'
import { createActionsLogger } from './actions-logger.js'

/**
 * Every action's run() goes through here: anything thrown becomes setFailed with a clear message (never a stack
 * trace for a user mistake) plus a line in the job summary, and the exit code keeps outcomes apart.
 */
export async function runAction(name: string, run: (logger: Logger) => Promise<void>): Promise<void> {
  const logger = createActionsLogger()
  const started = Date.now()
  try {
    await run(logger)
  } catch (error) {
    const message = errorMessage(error)
    core.setFailed(`${name}: ${message}`)
    if (!(error instanceof SwarmError) && error instanceof Error && error.stack) core.debug(error.stack)
    process.exitCode = error instanceof SwarmError ? error.exitCode : ExitCode.Internal
    try {
      await core.summary
        .addRaw(
          `❌ **${name}** failed after ${((Date.now() - started) / 1000).toFixed(1)} s: ${escapeMarkdown(message)}\n`
        )
        .write()
    } catch {
      // no summary file outside Actions
    }
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/[<>]/g, c => (c === '<' ? '&lt;' : '&gt;'))
}
