import { existsSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { ReadIssue } from '../timeline/reader.js'
import type { TimelineRecord } from '../timeline/records.js'
import { ReportAggregator, type AggregatorState } from './aggregate/aggregator.js'
import { forEachRecord } from './record-stream.js'

export interface AggregateOptions {
  /** Threads to use (this one included); default: the CPUs available, at most 4 and at most one per file. */
  threads?: number
  /** Called for each record read by this thread (parallel reading is off when given). */
  onRecord?: (record: TimelineRecord) => void
  onIssue?: (issue: ReadIssue) => void
  maxIssues?: number
}

/** Kept as a variable so bundlers do not try to bundle the worker (a bundle without it reads on one thread). */
const WORKER_MODULE = './aggregate/aggregate-worker'

/**
 * Reads timeline files into one ReportAggregator. Files are shared out between threads (each file whole: a
 * shard's hosts are all in its file), the largest first; each worker aggregates its files and sends its state
 * back to be merged. Falls back to this thread alone when there is one file, one CPU, records must be seen
 * here, or the worker module cannot be loaded (a bundle, a test runner).
 */
export async function aggregateFiles(
  files: string[],
  options: AggregateOptions = {}
): Promise<ReportAggregator> {
  const threads = Math.max(1, Math.min(options.threads ?? Math.min(availableParallelism(), 4), files.length))
  const worker = threads > 1 && !options.onRecord ? workerUrl() : undefined
  const aggregator = new ReportAggregator()
  const onRecord = options.onRecord
    ? (r: TimelineRecord) => (aggregator.add(r), options.onRecord!(r))
    : (r: TimelineRecord) => aggregator.add(r)
  if (!worker) {
    await forEachRecord(files, onRecord, options.onIssue)
    return aggregator
  }
  const groups = shareOut(files, threads)
  const results = groups.slice(1).map(group => runWorker(worker, group, options.maxIssues ?? 100))
  await forEachRecord(groups[0]!, onRecord, options.onIssue)
  for (const result of await Promise.all(results)) {
    aggregator.merge(result.state)
    for (const issue of result.issues) options.onIssue?.(issue)
  }
  return aggregator
}

/** Splits files into `n` groups of similar total size (largest first, each to the lightest group). */
export function shareOut(files: string[], n: number): string[][] {
  const groups = Array.from({ length: n }, () => ({ files: [] as string[], bytes: 0 }))
  const sized = files
    .map(file => ({ file, bytes: existsSync(file) ? statSync(file).size : 0 }))
    .sort((a, b) => b.bytes - a.bytes)
  for (const { file, bytes } of sized) {
    const lightest = groups.reduce((a, b) => (b.bytes < a.bytes ? b : a))
    lightest.files.push(file)
    lightest.bytes += bytes
  }
  return groups.map(g => g.files).filter(g => g.length)
}

/** The worker module: compiled JavaScript beside this file, or its TypeScript source when running under tsx. */
function workerUrl(): URL | undefined {
  for (const extension of ['.js', '.ts']) {
    let url: URL
    try {
      url = new URL(WORKER_MODULE + extension, import.meta.url)
      if (url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) continue
    } catch {
      continue
    }
    if (extension === '.ts' && !process.execArgv.some(a => a.includes('tsx'))) continue
    return url
  }
  return undefined
}

function runWorker(
  url: URL,
  files: string[],
  maxIssues: number
): Promise<{ state: AggregatorState; issues: ReadIssue[] }> {
  return new Promise((resolve, reject) => {
    // A TypeScript worker (development, under tsx) registers tsx in its own thread first.
    const worker = url.pathname.endsWith('.ts')
      ? new Worker(
          `import('tsx/esm/api').then(tsx => { tsx.register(); return import(${JSON.stringify(url.href)}) })`,
          {
            eval: true,
            workerData: { files, maxIssues }
          }
        )
      : new Worker(url, { workerData: { files, maxIssues } })
    let result: { state: AggregatorState; issues: ReadIssue[] } | undefined
    worker.once('message', message => (result = message as typeof result))
    worker.once('error', reject)
    worker.once('exit', code =>
      result
        ? resolve(result)
        : reject(new Error(`report worker exited with code ${code} before sending its results`))
    )
  })
}
