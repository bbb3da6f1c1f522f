import { collectResultsTable } from '../settings/collect-results.js'
import { OptionValues, type RawValues } from '../settings/options.js'
import { runTable } from '../settings/run.js'
import { launchSwarm, type LaunchSwarmResult } from '../swarm/launch-swarm.js'
import { progressSinkFor } from '../swarm/progress/choose.js'
import { ExitCode, type ExitCodeValue } from '../util/exit-codes.js'
import { collectResultsStage } from './collect-results.js'
import { launchSwarmSettings } from './launch-swarm.js'
import type { StageContext } from './stage.js'

export interface RunResult {
  launch: LaunchSwarmResult
  outputs: Record<string, string>
  exitCode: ExitCodeValue
}

/**
 * `assisted-swarm run`: creation and launch (launch-swarm), then collect-results, into one run directory.
 * Against the embedded simulator unless a service or kubeconfig is given.
 */
export async function runPipeline(values: OptionValues, context: StageContext): Promise<RunResult> {
  const settings = launchSwarmSettings(values)
  const launch = await launchSwarm(settings, { ...context, progress: progressSinkFor(context, settings) })
  const raw: RawValues = { 'run-dir': launch.runDir, 'run-id': launch.runId }
  for (const name of ['baseline', 'regression-tolerance', 'fail-on-thresholds', 'quiet', 'json', 'debug']) {
    if (runTable.options.some(o => o.name === name) && values.has(name))
      raw[name] = values.string(name) ?? String(values.boolean(name))
  }
  const collect = collectResultsStage
  const collectSettings = await collect.settings(
    new OptionValues(collectResultsTable, raw, process.env, 'option')
  )
  const report = await collect.execute(collectSettings, context)
  const outputs = { ...collect.outputs(report), 'run-id': launch.runId, 'run-dir': launch.runDir }
  const exitCode = launch.interrupted ? ExitCode.Interrupted : (collect.exitCode?.(report) ?? ExitCode.Ok)
  return { launch, outputs, exitCode }
}

export { runTable }
