import { basename } from 'node:path'
import type { ReadIssue } from '../timeline/reader.js'
import type { TimelineRecord } from '../timeline/records.js'
import { buildReport, MAX_ISSUES } from './build-report.js'
import type { Report } from './generated/report.js'
import type { ReportOutput } from './outputs/output.js'
import { aggregateFiles } from './parallel-aggregate.js'
import { parseThresholds } from './thresholds.js'

export interface ComputeReportOptions {
  /** Timeline files (all shards); read one after the other. */
  files: string[]
  /** Threshold expressions added to those the run records carry (from its plan). */
  thresholds?: string[]
  /** Outputs that want each record as it streams by. */
  outputs?: ReportOutput[]
  onIssue?: (issue: ReadIssue) => void
  /** Threads reading the files (default: as many as CPUs and files allow; see aggregateFiles). */
  threads?: number
}

/**
 * Computes the report of one or more timelines in one streaming pass (shards merge by concatenation: the result
 * does not depend on how the run was split), shard files read by several threads when there are CPUs to spare.
 * Thresholds come from the run records and `thresholds`.
 */
export async function computeReport(options: ComputeReportOptions): Promise<Report> {
  const issues: ReadIssue[] = []
  const listeners = (options.outputs ?? []).filter(o => o.add)
  const aggregator = await aggregateFiles(options.files, {
    ...(options.threads === undefined ? {} : { threads: options.threads }),
    ...(listeners.length
      ? { onRecord: (record: TimelineRecord) => listeners.forEach(o => o.add!(record)) }
      : {}),
    maxIssues: MAX_ISSUES,
    onIssue: issue => {
      if (issues.length < MAX_ISSUES) issues.push({ ...issue, file: basename(issue.file) })
      options.onIssue?.(issue)
    }
  })
  const sources = [...aggregator.run.thresholds]
  for (const extra of options.thresholds ?? []) if (!sources.includes(extra)) sources.push(extra)
  const runCount = aggregator.run.thresholds.length
  const thresholds = [
    ...parseThresholds(sources.slice(0, runCount), 'thresholds of the run (timeline start record)'),
    ...parseThresholds(sources.slice(runCount), 'thresholds')
  ]
  return buildReport(aggregator, { thresholds, timelines: options.files.map(f => basename(f)), issues })
}
