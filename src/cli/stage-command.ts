import { Command } from 'commander'
import type { AnyStage, StageContext } from '../stages/stage.js'
import { ExitCode, type ExitCodeValue } from '../util/exit-codes.js'
import { createConsoleLogger } from '../util/logging.js'
import { watchInterrupts } from '../util/interrupt.js'
import { addTableOptions, tableValues } from './table-options.js'

/** A CLI subcommand for a stage: the same table, settings and library call as its action. */
export function stageCommand(stage: AnyStage, name = stage.table.stage): Command {
  const command = new Command(name).description(stage.table.description)
  addTableOptions(command, stage.table)
  command.action(async () => {
    const code = await runStageCli(stage, command)
    process.exitCode = code
  })
  return command
}

export async function runStageCli(stage: AnyStage, command: Command): Promise<ExitCodeValue> {
  const values = tableValues(command, stage.table)
  const json = stage.table.options.some(o => o.name === 'json') && values.boolean('json')
  const quiet = stage.table.options.some(o => o.name === 'quiet') && values.boolean('quiet')
  const debug = stage.table.options.some(o => o.name === 'debug') && values.boolean('debug')
  const logger = createConsoleLogger({ json, quiet, debug })
  const interrupts = watchInterrupts(signal =>
    logger.warning(`${signal} received: stopping and keeping what was recorded (again to force)`)
  )
  try {
    const settings = await stage.settings(values)
    const context: StageContext = { logger, signal: interrupts.signal, host: 'cli', stdout: process.stdout }
    const result = await stage.execute(settings, context)
    const outputs = stage.outputs(result)
    if (json) process.stdout.write(JSON.stringify({ outputs }) + '\n')
    else if (!quiet && Object.keys(outputs).length) {
      logger.info(
        Object.entries(outputs)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n')
      )
    }
    if (interrupts.reason()) return ExitCode.Interrupted
    return stage.exitCode?.(result) ?? ExitCode.Ok
  } finally {
    interrupts.dispose()
  }
}
