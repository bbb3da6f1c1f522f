import type { TimelineRecord } from '../../timeline/records.js'
import type { Logger } from '../../util/logging.js'
import type { Report } from '../generated/report.js'

export interface OutputContext {
  /** Where outputs write their files. */
  runDir: string
  /** Timeline files the report is computed from. */
  timelines: string[]
  logger: Logger
}

/**
 * One result file of collect-results, in the manner of k6's outputs: `start` before the timelines are read,
 * `add` for each record as it streams by (for outputs that want raw records), `stop` with the finished report,
 * which writes the file and returns its path.
 */
export interface ReportOutput {
  /** Short name (`json`, `markdown`, `html`, `junit`, `logs`). */
  readonly name: string
  readonly description: string
  start?(context: OutputContext): void | Promise<void>
  add?(record: TimelineRecord): void
  stop(report: Report, context: OutputContext): Promise<string>
}
