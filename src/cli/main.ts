import { CommanderError } from 'commander'
import { errorMessage, SwarmError } from '../util/errors.js'
import { ExitCode } from '../util/exit-codes.js'
import { buildProgram } from './program.js'

/**
 * Entry point of the `assisted-swarm` command. User mistakes print one clear message and exit 2; a stack
 * trace is printed only for unexpected errors with ASSISTED_SWARM_DEBUG=1.
 */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram()
  program.exitOverride()
  program.configureOutput({ writeErr: text => process.stderr.write(text) })
  try {
    await program.parseAsync(argv)
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.Ok
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      ) {
        return ExitCode.Ok
      }
      return ExitCode.BadInput
    }
    if (error instanceof SwarmError) {
      process.stderr.write(`error: ${error.message}\n`)
      return error.exitCode
    }
    process.stderr.write(`internal error: ${errorMessage(error)}\n`)
    if (process.env.ASSISTED_SWARM_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`)
    else process.stderr.write('(set ASSISTED_SWARM_DEBUG=1 to print the stack trace, and please report it)\n')
    return ExitCode.Internal
  }
}
