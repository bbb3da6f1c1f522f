import { launchSwarmTable } from '../settings/launch-swarm.js'
import type { OptionValues } from '../settings/options.js'
import { launchSwarm, type LaunchSwarmResult, type LaunchSwarmSettings } from '../swarm/launch-swarm.js'
import { progressSinkFor } from '../swarm/progress/choose.js'
import { ExitCode } from '../util/exit-codes.js'
import { planInput } from './plan-input.js'
import type { Stage } from './stage.js'

export function launchSwarmSettings(
  values: OptionValues
): LaunchSwarmSettings & { quiet: boolean; json: boolean } {
  const opt = <T>(key: string, value: T | undefined): Record<string, T> =>
    value === undefined ? {} : { [key]: value }
  return {
    ...planInput(values),
    ...opt('runDir', values.string('run-dir')),
    ...opt('serviceUrl', values.string('service')),
    ...opt('kubeconfig', values.string('kubeconfig')),
    ...opt('pullSecret', values.string('pull-secret')),
    ...opt('pullSecretFile', values.string('pull-secret-file')),
    ...opt('serviceToken', values.string('service-token')),
    ...opt('agentToken', values.string('agent-token')),
    driver: values.string('driver') as LaunchSwarmSettings['driver'],
    ...opt('binariesDir', values.string('binaries-dir')),
    ...opt('discoverInfraEnvs', values.string('discover-infraenvs')),
    ...opt('deadlineMs', values.duration('deadline')),
    cleanup: values.boolean('cleanup'),
    progressIntervalMs: values.duration('progress-interval') ?? 15_000,
    quiet: values.boolean('quiet'),
    json: values.has('json') ? values.boolean('json') : false
  }
}

export const launchSwarmStage: Stage<ReturnType<typeof launchSwarmSettings>, LaunchSwarmResult> = {
  table: launchSwarmTable,
  settings: launchSwarmSettings,
  execute: (settings, context) =>
    launchSwarm(settings, { ...context, progress: progressSinkFor(context, settings) }),
  outputs: result => ({
    'run-id': result.runId,
    'run-dir': result.runDir,
    timeline: result.timeline,
    'clusters-installed': String(result.clustersInstalled),
    'clusters-failed': String(result.clustersFailed + result.clustersUnfinished),
    'hosts-installed': String(result.hostsInstalled)
  }),
  exitCode: result => (result.interrupted ? ExitCode.Interrupted : ExitCode.Ok),
  summary: result =>
    `### launch-swarm ${result.runId}\n\n${result.clustersInstalled} clusters installed, ${result.clustersFailed} failed, ` +
    `${result.clustersUnfinished} unfinished (${result.reason}); ${result.hostsInstalled} hosts installed.\n`
}
