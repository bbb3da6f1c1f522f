import type { OptionValues, StageTable } from '../settings/options.js'
import type { ExitCodeValue } from '../util/exit-codes.js'
import type { Logger } from '../util/logging.js'

/** Where a stage runs: the CLI prints results on stdout; an action sets outputs and writes the job summary. */
export interface StageContext {
  logger: Logger
  /** Aborted on SIGINT/SIGTERM (a cancelled job): stop launching, flush, return what there is. */
  signal: AbortSignal
  host: 'cli' | 'actions'
  /** Standard output of the CLI (reports, --json lines); unused in actions. */
  stdout: NodeJS.WritableStream
}

/**
 * One pipeline stage, defined once and run identically by its action (src/actions/<stage>.ts) and its CLI
 * subcommand: table → typed settings → library call → outputs.
 */
export interface Stage<Settings, Result> {
  table: StageTable
  settings(values: OptionValues): Settings | Promise<Settings>
  execute(settings: Settings, context: StageContext): Promise<Result>
  outputs(result: Result): Record<string, string>
  /** Exit code of a stage that completed (e.g. 1 when thresholds failed); default 0. */
  exitCode?(result: Result): ExitCodeValue
  /** Markdown for the Actions job summary. */
  summary?(result: Result): string | undefined
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStage = Stage<any, any>
