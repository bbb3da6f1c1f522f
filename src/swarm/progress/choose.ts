import type { StageContext } from '../../stages/stage.js'
import { JsonProgress, LineProgress, noProgress, TerminalProgress } from './sinks.js'
import type { ProgressSink } from './snapshot.js'

/**
 * The live view that fits where the run is: a redrawn screen in an interactive terminal, one line every
 * interval in CI logs (grouped on GitHub Actions), JSON lines with --json, nothing with --quiet.
 */
export function progressSinkFor(
  context: StageContext,
  options: { quiet: boolean; json: boolean; progressIntervalMs: number }
): ProgressSink {
  if (options.json) return new JsonProgress(text => context.stdout.write(text), options.progressIntervalMs)
  if (options.quiet) return noProgress
  const stream = context.stdout as NodeJS.WriteStream
  if (context.host === 'cli' && stream.isTTY && !process.env.CI) return new TerminalProgress()
  return new LineProgress(
    text => context.stdout.write(text),
    options.progressIntervalMs,
    context.host === 'actions' || Boolean(process.env.GITHUB_ACTIONS)
  )
}
