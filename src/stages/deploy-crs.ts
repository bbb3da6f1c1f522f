import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PLACEHOLDER_PULL_SECRET, checkPullSecret, clusterNamespace } from '../kube/builders.js'
import { KubeClient } from '../kube/client.js'
import { deployCrs, type DeployCrsResult } from '../kube/deploy-crs.js'
import { describeTeardown, teardownRun, type TeardownResult } from '../kube/teardown.js'
import type { WaitMode } from '../kube/wait-infraenvs.js'
import type { Plan } from '../plan/types.js'
import { deployCrsTable } from '../settings/deploy-crs.js'
import type { OptionValues } from '../settings/options.js'
import { resolveRunDir } from '../settings/run-context.js'
import { ConfigurationError } from '../util/errors.js'
import type { Logger } from '../util/logging.js'
import { loadPlan, planInput } from './plan-input.js'
import type { Stage, StageContext } from './stage.js'

export interface DeployCrsSettings {
  plan: Plan
  runDir: string
  kubeconfig?: string
  kubeContext?: string
  /** The pull secret text, or where to read it from (read lazily, never logged). */
  pullSecret: { value?: string; file?: string; source: string }
  render?: string
  teardown: boolean
  wait: WaitMode
  waitTimeoutMs: number
  concurrency: number
  bareMetalHosts: boolean
  autoApprove: boolean
}

export type DeployCrsStageResult =
  | {
      mode: 'apply' | 'render'
      runId: string
      deploy: DeployCrsResult
      infraEnvs: { namespace: string; name: string }[]
    }
  | { mode: 'teardown'; runId: string; teardown: TeardownResult }

function settings(values: OptionValues): DeployCrsSettings {
  const plan = loadPlan(planInput(values))
  const secretValue = values.string('pull-secret')
  const secretFile = values.string('pull-secret-file') ?? plan.pullSecretFile
  return {
    plan,
    runDir: resolveRunDir(values.string('run-dir'), plan.runId),
    ...(values.string('kubeconfig') ? { kubeconfig: values.string('kubeconfig')! } : {}),
    ...(values.string('kube-context') ? { kubeContext: values.string('kube-context')! } : {}),
    pullSecret: secretValue
      ? { value: secretValue, source: 'pull-secret' }
      : secretFile
        ? {
            file: secretFile,
            source: values.string('pull-secret-file') ? 'pull-secret-file' : 'plan pull_secret_file'
          }
        : { source: 'none' },
    ...(values.string('render') ? { render: values.string('render')! } : {}),
    teardown: values.boolean('teardown'),
    wait: values.string('wait') as WaitMode,
    waitTimeoutMs: values.duration('wait-timeout')!,
    concurrency: values.integer('concurrency', 1)!,
    bareMetalHosts: values.boolean('bare-metal-hosts'),
    autoApprove: values.boolean('auto-approve')
  }
}

/** The pull secret text: given, from a file, or a placeholder (enough for the simulator and a bare API server). */
export function resolvePullSecret(input: DeployCrsSettings['pullSecret'], logger: Logger): string {
  let text = input.value
  if (input.file) {
    try {
      text = readFileSync(input.file, 'utf8').trim()
    } catch (error) {
      throw new ConfigurationError(
        `${input.source}: cannot read ${input.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`
      )
    }
  }
  if (text === undefined) {
    logger.info(
      'no pull secret given: using a placeholder (enough for the simulator; a real service needs pull-secret)'
    )
    return PLACEHOLDER_PULL_SECRET
  }
  checkPullSecret(text, input.source)
  return text
}

async function execute(s: DeployCrsSettings, context: StageContext): Promise<DeployCrsStageResult> {
  const { logger, signal } = context
  const runId = s.plan.runId
  if (s.teardown) {
    if (s.render) throw new ConfigurationError('--render and --teardown: choose one')
    const client = await KubeClient.create({
      kubeconfig: s.kubeconfig,
      context: s.kubeContext,
      maxSockets: s.concurrency
    })
    try {
      await client.probe({ signal })
      logger.info(`deleting every object labelled with run id ${runId} on ${client.server}`)
      const teardown = await teardownRun(client, {
        runId,
        logger,
        concurrency: s.concurrency,
        wait: s.wait !== 'never',
        timeoutMs: s.waitTimeoutMs,
        signal
      })
      logger.info(describeTeardown(teardown))
      return { mode: 'teardown', runId, teardown }
    } finally {
      client.close()
    }
  }
  const deploy = await deployCrs({
    plan: s.plan,
    logger,
    signal,
    pullSecret: resolvePullSecret(s.pullSecret, logger),
    bareMetalHosts: s.bareMetalHosts,
    autoApprove: s.autoApprove,
    concurrency: s.concurrency,
    wait: s.wait,
    waitTimeoutMs: s.waitTimeoutMs,
    ...(s.render ? { render: s.render } : {}),
    ...(s.kubeconfig ? { kubeconfig: s.kubeconfig } : {}),
    ...(s.kubeContext ? { context: s.kubeContext } : {})
  })
  const infraEnvs = s.plan.clusters.map(c => ({
    namespace: clusterNamespace(s.plan, c),
    name: c.infraEnvName
  }))
  if (!s.render) writeRecord(s.runDir, deploy, logger)
  return { mode: s.render ? 'render' : 'apply', runId, deploy, infraEnvs }
}

/** `<run dir>/deploy-crs.json`: what was created, for later stages and people. No URLs (they hold tokens), no secrets. */
function writeRecord(runDir: string, deploy: DeployCrsResult, logger: Logger): void {
  try {
    mkdirSync(runDir, { recursive: true })
    const record = {
      runId: deploy.runId,
      clusters: deploy.clusters,
      objects: deploy.objects,
      kinds: deploy.kinds,
      apply: deploy.apply,
      infraEnvs:
        deploy.wait?.ready.map(r => ({ namespace: r.namespace, name: r.name, infraEnvId: r.infraEnvId })) ??
        []
    }
    writeFileSync(join(runDir, 'deploy-crs.json'), JSON.stringify(record, null, 2) + '\n')
  } catch (error) {
    logger.warning(`could not write ${join(runDir, 'deploy-crs.json')}: ${(error as Error).message}`)
  }
}

function outputs(result: DeployCrsStageResult): Record<string, string> {
  if (result.mode === 'teardown') {
    const deleted = Object.values(result.teardown.deleted).reduce((a, b) => a + (b ?? 0), 0)
    return { 'run-id': result.runId, objects: String(deleted), infraenvs: '[]', 'infraenvs-ready': '0' }
  }
  return {
    'run-id': result.runId,
    objects: String(result.deploy.objects),
    infraenvs: JSON.stringify(result.infraEnvs),
    'infraenvs-ready': String(result.deploy.wait?.ready.length ?? 0)
  }
}

function summary(result: DeployCrsStageResult): string {
  if (result.mode === 'teardown')
    return `### deploy-crs teardown\n\nRun \`${result.runId}\`: ${describeTeardown(result.teardown)}\n`
  const d = result.deploy
  const rows = Object.entries(d.kinds)
    .map(([kind, n]) => `| ${kind} | ${n} |`)
    .join('\n')
  const apply = d.apply
    ? `Applied in ${(d.apply.durationMs / 1000).toFixed(1)} s (${Math.round(d.apply.rate)} objects/s): ${d.apply.created} created, ${d.apply.existing} already there, ${d.apply.retries} retries.\n`
    : `Rendered ${d.rendered?.length ?? 0} files.\n`
  const wait = d.wait?.waited
    ? `InfraEnvs with a discovery image: ${d.wait.ready.length}/${result.infraEnvs.length}.\n`
    : ''
  return `### deploy-crs\n\nRun \`${d.runId}\`: ${d.clusters} clusters, ${d.objects} objects.\n\n| kind | objects |\n|---|---|\n${rows}\n\n${apply}${wait}`
}

export const deployCrsStage: Stage<DeployCrsSettings, DeployCrsStageResult> = {
  table: deployCrsTable,
  settings,
  execute,
  outputs,
  summary
}
