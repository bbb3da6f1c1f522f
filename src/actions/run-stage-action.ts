import * as core from '@actions/core'
import type { AnyStage } from '../stages/stage.js'
import { ExitCode } from '../util/exit-codes.js'
import { watchInterrupts } from '../util/interrupt.js'
import { readInputs } from './inputs.js'
import { runAction } from './run-action.js'

/** The whole body of every action: inputs → the stage's library call → outputs (and job summary). */
export async function runStageAction(stage: AnyStage): Promise<void> {
  await runAction(stage.table.stage, async logger => {
    const interrupts = watchInterrupts(signal =>
      logger.warning(`${signal} received: stopping and keeping what was recorded`)
    )
    try {
      const settings = await stage.settings(readInputs(stage.table))
      const result = await stage.execute(settings, {
        logger,
        signal: interrupts.signal,
        host: 'actions',
        stdout: process.stdout
      })
      for (const [name, value] of Object.entries(stage.outputs(result))) core.setOutput(name, value)
      const markdown = stage.summary?.(result)
      // Outside a runner (local-action, scripts) there is no summary file: the summary is then only logged.
      if (markdown && process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown).write()
      else if (markdown) logger.debug(markdown)
      const code = stage.exitCode?.(result) ?? ExitCode.Ok
      if (interrupts.reason()) {
        core.setFailed(`${stage.table.stage}: interrupted`)
        process.exitCode = ExitCode.Interrupted
      } else if (code !== ExitCode.Ok) {
        core.setFailed(`${stage.table.stage}: finished with exit code ${code} (see the summary)`)
        process.exitCode = code
      }
    } finally {
      interrupts.dispose()
    }
  })
}
