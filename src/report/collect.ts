import { existsSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { findTimelines } from '../timeline/reader.js'
import { ConfigurationError } from '../util/errors.js'
import type { Logger } from '../util/logging.js'
import {
  artifactBaseName,
  artifactName,
  downloadShardArtifacts,
  runDirectoryFiles,
  type ArtifactStore
} from './artifacts/artifact-store.js'
import { compareReports, loadBaseline, withBaseline } from './baseline.js'
import { computeReport } from './compute-report.js'
import type { Report } from './generated/report.js'
import { OUTPUTS } from './outputs/file-outputs.js'
import type { OutputContext, ReportOutput } from './outputs/output.js'
import { formatMeasured, renderSummaryMarkdown } from './summary-markdown.js'
import { formatDelta, formatValue } from './format.js'

/** What collect-results does, as typed settings (built from the option table by src/stages/collect-results.ts). */
export interface CollectResultsSettings {
  /** Where the timelines are and the results go. */
  runDir: string
  /** Expected run id; names artifacts. Default: the id in the timelines. */
  runId?: string
  /** More timeline files or directories to merge (shards). */
  timelines: string[]
  /** Thresholds added to the run's own. */
  thresholds: string[]
  /** An earlier report.json or run directory to compare with. */
  baseline?: string
  /** Fraction beyond which a worse baseline comparison is a regression; undefined: deltas only. */
  regressionTolerance?: number
  uploadArtifact: boolean
  /** Artifact name (base); default assisted-swarm-<run id>. */
  artifactName?: string
  downloadShards: boolean
}

export interface CollectResultsDeps {
  logger: Logger
  /** The artifact service, created only when upload-artifact or download-shards asks for it. */
  artifactStore?: () => Promise<ArtifactStore>
  /** Outputs to write; default all of OUTPUTS. */
  outputs?: ReportOutput[]
}

export interface CollectResultsResult {
  report: Report
  /** Files written, by output name. */
  files: Record<string, string>
  markdown: string
  /** Name of the uploaded artifact, when one was uploaded. */
  artifactName?: string
}

/**
 * collect-results: (download shards) → stream every timeline into the report → compare with a baseline → write
 * report.json, summary.md, report.html, junit.xml and logs.tar.gz → annotate failing thresholds → (upload).
 */
export async function collectResults(
  settings: CollectResultsSettings,
  deps: CollectResultsDeps
): Promise<CollectResultsResult> {
  const { logger } = deps
  let store: ArtifactStore | undefined
  const getStore = async (): Promise<ArtifactStore> => {
    if (!deps.artifactStore)
      throw new ConfigurationError('upload-artifact and download-shards work only in GitHub Actions')
    store ??= await deps.artifactStore()
    return store
  }

  const shardDirs: string[] = []
  if (settings.downloadShards) {
    if (!settings.runId && !settings.artifactName) {
      throw new ConfigurationError(
        'download-shards: needs run-id or artifact-name to know which artifacts are the shards'
      )
    }
    const base = artifactBaseName(settings.runId, settings.artifactName)
    shardDirs.push(
      ...(await logger.withGroup('Downloading shard artifacts', async () =>
        downloadShardArtifacts(await getStore(), base, settings.runDir, logger)
      ))
    )
  }

  const files = timelineFiles(settings, shardDirs, logger)
  const outputs = deps.outputs ?? Object.values(OUTPUTS).map(create => create())
  const context: OutputContext = { runDir: settings.runDir, timelines: files, logger }
  for (const output of outputs) await output.start?.(context)

  const started = performance.now()
  let torn = 0
  let report = await logger.withGroup(`Reading ${files.length} timeline(s)`, async () => {
    for (const file of files) logger.info(file)
    return computeReport({
      files,
      thresholds: settings.thresholds,
      outputs,
      onIssue: issue => {
        torn++
        logger.debug(`${issue.file}:${issue.line}: ${issue.message}`)
      }
    })
  })
  logger.info(
    `Read ${report.run.records.toLocaleString('en-US')} records in ${((performance.now() - started) / 1000).toFixed(1)}s`
  )
  if (torn)
    logger.warning(
      `${torn} timeline line(s) could not be read and were skipped (a torn last line after a crash is expected)`
    )
  if (settings.runId && report.run.id && report.run.id !== settings.runId) {
    logger.warning(`run-id is ${settings.runId} but the timelines are of run ${report.run.id}`)
  }

  if (settings.baseline) {
    const comparison = compareReports(
      report,
      loadBaseline(settings.baseline),
      settings.regressionTolerance,
      settings.baseline
    )
    report = withBaseline(report, comparison)
  } else if (settings.regressionTolerance !== undefined) {
    logger.warning('regression-tolerance is set but no baseline was given: nothing to compare with')
  }

  annotate(report, logger)

  const written: Record<string, string> = {}
  for (const output of outputs) written[output.name] = await output.stop(report, context)
  logger.info(
    `Wrote ${Object.values(written)
      .map(f => basename(f))
      .join(', ')} in ${settings.runDir}`
  )

  let uploaded: string | undefined
  if (settings.uploadArtifact) {
    const name = artifactName(
      artifactBaseName(settings.runId ?? report.run.id, settings.artifactName),
      report.run.shards
    )
    await logger.withGroup(`Uploading artifact ${name}`, async () => {
      const result = await (
        await getStore()
      ).upload(name, settings.runDir, runDirectoryFiles(settings.runDir))
      logger.info(`Uploaded ${name}${result.size ? ` (${result.size.toLocaleString('en-US')} bytes)` : ''}`)
    })
    uploaded = name
  }

  return {
    report,
    files: written,
    markdown: renderSummaryMarkdown(report),
    ...(uploaded ? { artifactName: uploaded } : {})
  }
}

/** Timeline files of the run directory, the extra paths and the downloaded shards; one copy per shard file. */
function timelineFiles(settings: CollectResultsSettings, shardDirs: string[], logger: Logger): string[] {
  const paths: string[] = []
  if (existsSync(settings.runDir) && statSync(settings.runDir).isDirectory()) paths.push(settings.runDir)
  else if (!settings.timelines.length && !shardDirs.length) {
    throw new ConfigurationError(
      `run-dir: ${settings.runDir} does not exist (give the run directory, or timelines)`
    )
  }
  paths.push(...settings.timelines, ...shardDirs)
  const files: string[] = []
  const shardFiles = new Map<string, string>()
  for (const file of findTimelines(paths)) {
    const name = basename(file)
    if (/^timeline-\d+-of-\d+\.jsonl$/.test(name)) {
      const seen = shardFiles.get(name)
      if (seen) {
        const keep = statSync(file).size > statSync(seen).size ? file : seen
        logger.warning(`${name} found twice (${seen} and ${file}); using ${keep}`)
        if (keep !== seen) files[files.indexOf(seen)] = file
        shardFiles.set(name, keep)
        continue
      }
      shardFiles.set(name, file)
    }
    files.push(file)
  }
  if (!files.length) {
    throw new ConfigurationError(
      `no timeline found in ${[settings.runDir, ...settings.timelines].join(', ')} (expected timeline.jsonl or timeline-<i>-of-<N>.jsonl)`
    )
  }
  return files
}

/** Failing thresholds and regressions as errors, which become annotations in Actions. */
function annotate(report: Report, logger: Logger): void {
  for (const t of report.thresholds) {
    if (!t.passed)
      logger.error(`${t.source}: measured ${formatMeasured(t)}`, { title: `Threshold failed: ${t.source}` })
  }
  for (const c of report.baseline?.comparisons ?? []) {
    if (!c.regression) continue
    const what = `${c.aggregation}(${c.metric})`
    logger.error(
      `${what}: ${formatValue(c.current, c.unit)} vs ${formatValue(c.baseline, c.unit)} in ${report.baseline!.runId ?? 'the baseline'} (${formatDelta(c.deltaRatio)}, tolerance ${formatDelta(report.baseline!.tolerance)})`,
      { title: `Regression: ${what}` }
    )
  }
}
