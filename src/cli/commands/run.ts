import { Command } from 'commander'
import { runTable } from '../../settings/run.js'
import { runPipeline } from '../../stages/run.js'
import { createConsoleLogger } from '../../util/logging.js'
import { watchInterrupts } from '../../util/interrupt.js'
import { addTableOptions, tableValues } from '../table-options.js'

/** `assisted-swarm run PLAN`: the whole load test into one run directory. */
export function runCommand(): Command {
  const command = new Command('run').description(runTable.description)
  addTableOptions(command, runTable)
  command.action(async () => {
    const values = tableValues(command, runTable)
    const json = values.boolean('json')
    const logger = createConsoleLogger({
      json,
      quiet: values.boolean('quiet'),
      debug: values.boolean('debug')
    })
    const interrupts = watchInterrupts(signal =>
      logger.warning(`${signal} received: stopping, flushing the timeline (again to force)`)
    )
    try {
      const result = await runPipeline(values, {
        logger,
        signal: interrupts.signal,
        host: 'cli',
        stdout: process.stdout
      })
      if (json) process.stdout.write(JSON.stringify({ outputs: result.outputs }) + '\n')
      process.exitCode = result.exitCode
    } finally {
      interrupts.dispose()
    }
  })
  return command
}
