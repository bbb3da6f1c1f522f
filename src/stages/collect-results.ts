import { existsSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { createGithubArtifactStore } from '../report/artifacts/github-artifact-store.js'
import { collectResults, type CollectResultsResult, type CollectResultsSettings } from '../report/collect.js'
import { collectResultsTable } from '../settings/collect-results.js'
import type { OptionValues } from '../settings/options.js'
import { resolveRunDir } from '../settings/run-context.js'
import { ConfigurationError } from '../util/errors.js'
import { ExitCode } from '../util/exit-codes.js'
import type { Stage } from './stage.js'

export interface CollectResultsStageSettings extends CollectResultsSettings {
  failOnThresholds: boolean
  json: boolean
}

export type CollectResultsStageResult = CollectResultsResult & { failOnThresholds: boolean }

/** collect-results as a Stage: the same table, settings and library call for the action and the CLI. */
export const collectResultsStage: Stage<CollectResultsStageSettings, CollectResultsStageResult> = {
  table: collectResultsTable,

  settings(values: OptionValues): CollectResultsStageSettings {
    const runId = values.string('run-id')
    const timelines = values.list('timelines')
    const tolerance = values.number('regression-tolerance', 0)
    const artifactName = values.string('artifact-name')
    const baseline = values.string('baseline')
    return {
      runDir: values.string('run-dir') ?? defaultRunDir(runId, timelines),
      ...(runId ? { runId } : {}),
      timelines,
      thresholds: values.list('thresholds'),
      ...(baseline ? { baseline } : {}),
      ...(tolerance === undefined ? {} : { regressionTolerance: tolerance }),
      failOnThresholds: values.boolean('fail-on-thresholds'),
      uploadArtifact: values.boolean('upload-artifact'),
      ...(artifactName ? { artifactName } : {}),
      downloadShards: values.boolean('download-shards'),
      json: values.boolean('json')
    }
  },

  async execute(settings, context) {
    const result = await collectResults(settings, {
      logger: context.logger,
      ...(context.host === 'actions' ? { artifactStore: createGithubArtifactStore } : {})
    })
    if (context.host === 'cli' && !settings.json) context.stdout.write('\n' + result.markdown)
    return { ...result, failOnThresholds: settings.failOnThresholds }
  },

  outputs(result) {
    const h = result.report.headline
    return {
      report: result.files.json ?? '',
      summary: result.files.markdown ?? '',
      html: result.files.html ?? '',
      junit: result.files.junit ?? '',
      logs: result.files.logs ?? '',
      passed: String(result.report.passed),
      headline: JSON.stringify({
        run: result.report.run.id,
        passed: result.report.passed,
        clustersInstalled: h.clusters.installed,
        clustersPlanned: h.clusters.planned,
        hostsInstalled: h.hosts.installed,
        hostsPlanned: h.hosts.planned,
        hostsFailed: h.hosts.failed,
        p95DiscoveryToKnownMs: h.p95DiscoveryToKnownMs,
        p95LaunchToInstalledMs: h.p95LaunchToInstalledMs,
        p95ClusterInstallMs: h.p95ClusterInstallMs,
        httpRequests: h.httpRequests,
        httpErrorRate: h.httpErrorRate,
        httpP95Ms: h.httpP95Ms,
        thresholdsFailed: h.thresholds.failed,
        regressions: h.regressions
      }),
      'artifact-name': result.artifactName ?? ''
    }
  },

  exitCode(result) {
    return !result.report.passed && result.failOnThresholds ? ExitCode.ThresholdsFailed : ExitCode.Ok
  },

  summary(result) {
    return result.markdown
  }
}

/** runs/<run id>, else the directory of the first timeline given. */
function defaultRunDir(runId: string | undefined, timelines: string[]): string {
  if (runId) return resolveRunDir(undefined, runId)
  const first = timelines[0]
  if (first) return existsSync(first) && statSync(first).isDirectory() ? first : dirname(first)
  throw new ConfigurationError('run-dir: give the run directory (--out), a run id, or timelines')
}
