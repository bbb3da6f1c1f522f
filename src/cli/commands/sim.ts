import { Command } from 'commander'
import { simOptions, simTable } from '../../settings/sim.js'
import { startSimulator } from '../../sim/index.js'
import { createConsoleLogger } from '../../util/logging.js'
import { addTableOptions, tableValues } from '../table-options.js'

/**
 * `assisted-swarm sim`: starts the simulator, prints its URL on stdout once it listens, and runs until SIGINT or
 * SIGTERM, then saves the state file (when given) and exits 0.
 */
export function simCommand(): Command {
  const command = new Command('sim').description(simTable.description)
  addTableOptions(command, simTable)
  command.action(async () => {
    const values = tableValues(command, simTable)
    const logger = createConsoleLogger({ quiet: values.boolean('quiet'), debug: values.boolean('debug') })
    const options = simOptions(values)
    const simulator = await startSimulator({ ...options, logger })
    process.stdout.write(`${simulator.url}\n`)
    logger.info(
      `simulator: ${options.profile} timings, API at ${simulator.url}/api/assisted-install/v2, metrics at ${simulator.url}/metrics` +
        (options.stateFile ? `, state in ${options.stateFile}` : '')
    )
    await new Promise<void>(resolve => {
      const stop = (signal: NodeJS.Signals): void => {
        logger.info(`simulator: ${signal} received, saving state and stopping`)
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
        resolve()
      }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    })
    await simulator.close()
    logger.info('simulator: stopped')
  })
  return command
}
