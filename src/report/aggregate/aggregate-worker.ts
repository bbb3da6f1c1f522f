/**
 * A worker thread of the parallel report (see ../parallel-aggregate.ts): aggregates its share of the timeline
 * files and posts the aggregator's state back.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { ReadIssue } from '../../timeline/reader.js'
import { forEachRecord } from '../record-stream.js'
import { ReportAggregator } from './aggregator.js'

const { files, maxIssues } = workerData as { files: string[]; maxIssues: number }
const aggregator = new ReportAggregator()
const issues: ReadIssue[] = []
let issueCount = 0
await forEachRecord(
  files,
  record => aggregator.add(record),
  issue => {
    issueCount++
    if (issues.length < maxIssues) issues.push(issue)
  }
)
const state = aggregator.exportState()
parentPort!.postMessage({ state, issues, issueCount }, [
  ...Object.values(state.hosts)
    .filter((v): v is Float64Array | Int32Array | Uint8Array => ArrayBuffer.isView(v))
    .map(v => v.buffer as ArrayBuffer),
  ...state.stages.map(s => s.samples.buffer as ArrayBuffer)
])
