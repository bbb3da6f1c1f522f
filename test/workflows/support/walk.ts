/**
 * Walks a workflow's jobs locally, in `needs` order, the way a runner would run them, so that a broken step is
 * found before a user's runner finds it:
 *
 * - every `if:`, `with:`, `env:`, `runs-on`, matrix and output expression is evaluated by @actions/expressions
 *   with the contexts a runner fills (github, inputs, secrets, matrix, needs, steps, runner, env, job, strategy);
 * - `uses: ./...` steps run the action's TypeScript source through @github/local-action (__fixtures__/local-action),
 *   in the job's workspace;
 * - `run:` steps run with bash (`bash -e`, as a runner does without `shell:`) in the workspace, with their env and
 *   the GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STEP_SUMMARY files;
 * - actions/checkout fills the workspace from a local stand-in for the repository; upload-artifact and
 *   download-artifact copy directories through an artifact store (name, pattern, merge-multiple and path honoured,
 *   one upload per name, hidden files left out as upload-artifact@v4 does);
 * - matrix legs run at the same time, each on its own workspace, like separate runners.
 *
 * Stricter than a runner on purpose: an input an action does not declare, an output a step never set, or an
 * empty input that would fall back to a default locally but not on a runner fails the walk, naming the job and
 * the step. Those checks also cover jobs and steps the walk skips (for another target or driver).
 */
import { spawn } from 'node:child_process'
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import { parse } from 'yaml'
import { runLocalAction } from '../../../__fixtures__/local-action.js'
import {
  asString,
  condition,
  expressionsIn,
  interpolate,
  type Contexts,
  type Plain,
  type Status
} from './expressions.js'

/** The repository root (where local actions are resolved for the checks made before the walk). */
export const ROOT = resolve(import.meta.dirname ?? '.', '..', '..', '..')

type Result = 'success' | 'failure' | 'skipped'

interface StepSpec {
  id?: string
  name?: string
  if?: unknown
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
  shell?: string
  'working-directory'?: string
  'continue-on-error'?: unknown
}

interface JobSpec {
  needs?: string | string[]
  if?: unknown
  'runs-on'?: unknown
  strategy?: { matrix?: unknown; 'fail-fast'?: unknown }
  env?: Record<string, unknown>
  outputs?: Record<string, unknown>
  steps?: StepSpec[]
  uses?: string
}

interface WorkflowSpec {
  on?: {
    workflow_call?: {
      inputs?: Record<string, { type?: string; default?: unknown; required?: boolean }>
      secrets?: Record<string, { required?: boolean }>
      outputs?: Record<string, { value?: unknown }>
    }
  }
  env?: Record<string, unknown>
  jobs: Record<string, JobSpec>
}

interface ActionSpec {
  inputs?: Record<string, { required?: boolean; default?: unknown }>
  outputs?: Record<string, unknown>
  runs?: { using?: string; main?: string }
}

export interface WalkOptions {
  /** The workflow file: this repository's, or a changed copy. */
  workflow: string
  /** Inputs of the workflow_call, as the caller passes them. */
  inputs: Record<string, string | number | boolean>
  secrets: Record<string, string>
  /**
   * Where job workspaces, runner temp dirs and the artifact store are made. It must be inside this repository:
   * @github/local-action runs `npm exec` and `npm ls` in the workspace, which look for its package.json.
   */
  dir: string
  /** What actions/checkout puts in a directory, per repository (`owner/name`). */
  repositories: Record<string, (dir: string) => void>
  github: { repository: string; run_id: string; run_attempt: string; sha: string; event_name: string }
  /** Longest time for one step (default 5 minutes). */
  stepTimeoutMs?: number
  /** Progress lines (a job starts, a step ends). */
  log?: (line: string) => void
}

export interface StepRecord {
  job: string
  step: string
  result: Result
  outputs: Record<string, string>
  seconds: number
  /** What the step printed (stdout then stderr). */
  log: string
  /** Its job summary (GITHUB_STEP_SUMMARY). */
  summary: string
}

export interface LegRecord {
  job: string
  /** The matrix values, e.g. "shard 0"; empty for a job without a matrix. */
  leg: string
  result: Result
  outputs: Record<string, string>
  workspace: string
  steps: StepRecord[]
}

export interface WalkResult {
  jobs: Record<string, { result: Result; outputs: Record<string, string> }>
  legs: LegRecord[]
  /** The workflow_call outputs. */
  outputs: Record<string, string>
  /** Every failure, each naming its job and step. Empty when the walk passed. */
  failures: string[]
  /** The artifact store: one directory per uploaded artifact. */
  artifacts: string
}

class StepFailure extends Error {}

/** The workflow's jobs in `needs` order (file order among jobs that are ready together). */
export function jobOrder(workflow: WorkflowSpec): string[] {
  const names = Object.keys(workflow.jobs)
  const done: string[] = []
  while (done.length < names.length) {
    const ready = names.find(
      name => !done.includes(name) && needsOf(workflow.jobs[name]!).every(need => done.includes(need))
    )
    if (!ready) throw new Error(`jobs ${names.filter(n => !done.includes(n)).join(', ')} need each other`)
    done.push(ready)
  }
  return done
}

function needsOf(job: JobSpec): string[] {
  return job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs]
}

function stepLabel(step: StepSpec, index: number): string {
  return step.name ?? step.id ?? step.uses ?? `#${index + 1}: ${(step.run ?? '').split('\n')[0]}`
}

/** The action.yml a local `uses:` points at, resolved in a workspace laid out like this walk's. */
function readLocalAction(workspace: string, uses: string): ActionSpec | undefined {
  for (const name of ['action.yml', 'action.yaml']) {
    const path = join(workspace, uses, name)
    if (existsSync(path)) return parse(readFileSync(path, 'utf8')) as ActionSpec
  }
  return undefined
}

/** Where a local action of the workflow lives in this repository, for the checks made before the walk. */
function repositoryActionDir(uses: string): string {
  return uses.replace(/^\.\/(\.assisted-swarm\/)?/, '')
}

/**
 * The checks made before anything runs, over every job and step (skipped ones too): local actions exist, get
 * only inputs they declare and every required one, and outputs read from a local action's step are outputs it
 * declares.
 */
export function checkWorkflow(workflow: WorkflowSpec): string[] {
  const problems: string[] = []
  for (const [jobName, job] of Object.entries(workflow.jobs)) {
    const steps = job.steps ?? []
    const actionOf = new Map<string, { uses: string; action: ActionSpec }>()
    steps.forEach((step, index) => {
      const where = `job "${jobName}", step "${stepLabel(step, index)}"`
      if (!step.uses?.startsWith('./')) return
      const action = readLocalAction(ROOT, repositoryActionDir(step.uses))
      if (!action) {
        problems.push(`${where}: no action.yml at ${step.uses}`)
        return
      }
      if (step.id) actionOf.set(step.id, { uses: step.uses, action })
      const declared = action.inputs ?? {}
      for (const input of Object.keys(step.with ?? {}))
        if (!(input in declared))
          problems.push(
            `${where}: input "${input}" is not an input of ${step.uses} (its inputs: ${Object.keys(declared).join(', ')})`
          )
      for (const [input, spec] of Object.entries(declared))
        if (spec.required && spec.default === undefined && !(input in (step.with ?? {})))
          problems.push(`${where}: required input "${input}" of ${step.uses} is not given`)
    })
    const texts: { where: string; value: unknown }[] = [
      ...steps.map((step, index) => ({
        where: `job "${jobName}", step "${stepLabel(step, index)}"`,
        value: step
      })),
      { where: `job "${jobName}", outputs`, value: job.outputs ?? {} }
    ]
    for (const { where, value } of texts) {
      for (const expression of expressionsIn(value).concat(ifText(value))) {
        for (const m of expression.matchAll(/\bsteps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
          const source = actionOf.get(m[1]!)
          if (source && !(m[2]! in (source.action.outputs ?? {})))
            problems.push(
              `${where}: reads steps.${m[1]}.outputs.${m[2]}, which ${source.uses} does not declare`
            )
        }
      }
    }
  }
  return problems
}

function ifText(value: unknown): string[] {
  const condition = (value as { if?: unknown } | null)?.if
  return typeof condition === 'string' ? [condition] : []
}

/** Walks the workflow: see the module comment. */
export async function walkWorkflow(options: WalkOptions): Promise<WalkResult> {
  const workflow = parse(readFileSync(options.workflow, 'utf8')) as WorkflowSpec
  const artifacts = join(options.dir, 'artifacts')
  mkdirSync(artifacts, { recursive: true })
  const result: WalkResult = { jobs: {}, legs: [], outputs: {}, failures: [], artifacts }
  const log = options.log ?? (() => {})

  const problems = checkWorkflow(workflow)
  const inputs = workflowInputs(workflow, options.inputs, problems)
  const secrets = workflowSecrets(workflow, options.secrets, problems)
  if (problems.length) {
    result.failures.push(...problems)
    return result
  }

  const walk = new Walk(options, workflow, inputs, secrets, artifacts, result, log)
  for (const name of jobOrder(workflow)) await walk.job(name)

  const call = workflow.on?.workflow_call
  const jobsContext: Contexts = {
    jobs: Object.fromEntries(
      Object.entries(result.jobs).map(([name, job]) => [name, { result: job.result, outputs: job.outputs }])
    )
  }
  for (const [name, output] of Object.entries(call?.outputs ?? {}))
    result.outputs[name] = asString(interpolate(output.value, jobsContext))
  return result
}

function workflowInputs(
  workflow: WorkflowSpec,
  given: WalkOptions['inputs'],
  problems: string[]
): Record<string, Plain> {
  const declared = workflow.on?.workflow_call?.inputs ?? {}
  const inputs: Record<string, Plain> = {}
  for (const name of Object.keys(given))
    if (!(name in declared))
      problems.push(`the caller passes input "${name}", which the workflow does not declare`)
  for (const [name, spec] of Object.entries(declared)) {
    const value = name in given ? given[name]! : (spec.default as Plain | undefined)
    if (value === undefined && spec.required) problems.push(`required input "${name}" is not given`)
    if (value !== undefined && spec.type && typeof value !== spec.type)
      problems.push(`input "${name}" must be a ${spec.type}, got ${JSON.stringify(value)}`)
    inputs[name] = value ?? (spec.type === 'boolean' ? false : spec.type === 'number' ? 0 : (null as Plain))
  }
  return inputs
}

function workflowSecrets(
  workflow: WorkflowSpec,
  given: Record<string, string>,
  problems: string[]
): Record<string, string> {
  const declared = workflow.on?.workflow_call?.secrets ?? {}
  for (const name of Object.keys(given))
    if (!(name in declared))
      problems.push(`the caller passes secret "${name}", which the workflow does not declare`)
  for (const [name, spec] of Object.entries(declared))
    if (spec.required && !given[name]) problems.push(`required secret "${name}" is not given`)
  return { ...given }
}

class Walk {
  private runnerCount = 0

  constructor(
    private readonly options: WalkOptions,
    private readonly workflow: WorkflowSpec,
    private readonly inputs: Record<string, Plain>,
    private readonly secrets: Record<string, string>,
    private readonly artifacts: string,
    private readonly result: WalkResult,
    private readonly log: (line: string) => void
  ) {}

  private github(job: string, workspace: string): Plain {
    return {
      ...this.options.github,
      job,
      workspace,
      ref: 'refs/heads/main',
      server_url: 'https://github.com'
    }
  }

  async job(name: string): Promise<void> {
    const job = this.workflow.jobs[name]!
    const needs = Object.fromEntries(
      needsOf(job).map(need => [need, this.result.jobs[need] ?? { result: 'skipped', outputs: {} }])
    ) as Record<string, { result: Result; outputs: Record<string, string> }>
    const results = Object.values(needs).map(n => n.result)
    const status: Status = {
      success: results.every(r => r === 'success'),
      failure: results.some(r => r === 'failure'),
      cancelled: false
    }
    const base: Contexts = { github: this.github(name, ''), inputs: this.inputs, needs, vars: {} }
    if (job.uses) throw new Error(`job "${name}" calls another workflow: the walk runs steps only`)
    if (!condition(job.if, base, status)) {
      this.log(`job ${name}: skipped`)
      this.result.jobs[name] = { result: 'skipped', outputs: {} }
      return
    }
    const legs = this.matrixLegs(name, job, base)
    const records = await Promise.all(
      legs.map((matrix, index) => this.leg(name, job, needs, matrix, index, legs.length))
    )
    const outputs: Record<string, string> = {}
    for (const record of records) for (const [k, v] of Object.entries(record.outputs)) if (v) outputs[k] = v
    this.result.jobs[name] = {
      result: records.some(r => r.result === 'failure') ? 'failure' : 'success',
      outputs
    }
  }

  private matrixLegs(name: string, job: JobSpec, base: Contexts): Record<string, Plain>[] {
    const matrix = job.strategy?.matrix
    if (matrix === undefined) return [{}]
    const values = interpolate(matrix, base)
    const dimensions = (
      typeof values === 'object' && values && !Array.isArray(values) ? values : null
    ) as Record<string, Plain> | null
    if (!dimensions)
      throw new Error(`job "${name}": strategy.matrix is not a mapping: ${JSON.stringify(values)}`)
    let legs: Record<string, Plain>[] = [{}]
    for (const [key, raw] of Object.entries(dimensions)) {
      if (key === 'include' || key === 'exclude')
        throw new Error(`job "${name}": matrix ${key} is not supported by the walk`)
      const list = typeof raw === 'string' && raw.includes('${{') ? interpolate(raw, base) : raw
      if (!Array.isArray(list) || list.length === 0)
        throw new Error(`job "${name}": matrix.${key} must be a non-empty list, got ${JSON.stringify(list)}`)
      legs = legs.flatMap(leg => list.map(value => ({ ...leg, [key]: value })))
    }
    return legs
  }

  private async leg(
    name: string,
    job: JobSpec,
    needs: Record<string, { result: Result; outputs: Record<string, string> }>,
    matrix: Record<string, Plain>,
    index: number,
    total: number
  ): Promise<LegRecord> {
    const legName = Object.entries(matrix)
      .map(([k, v]) => `${k} ${asString(v)}`)
      .join(', ')
    const runner = join(this.options.dir, `runner-${++this.runnerCount}-${name}`)
    const workspace = join(runner, 'work')
    const temp = join(runner, 'temp')
    mkdirSync(workspace, { recursive: true })
    mkdirSync(temp, { recursive: true })
    const record: LegRecord = {
      job: name,
      leg: legName,
      result: 'success',
      outputs: {},
      workspace,
      steps: []
    }
    this.result.legs.push(record)
    const title = legName ? `job "${name}" (${legName})` : `job "${name}"`
    this.log(`${title}: starts in ${workspace}`)

    const contexts: Contexts = {
      github: this.github(name, workspace),
      inputs: this.inputs,
      secrets: this.secrets,
      needs,
      matrix,
      strategy: { 'fail-fast': true, 'job-index': index, 'job-total': total, 'max-parallel': total },
      runner: {
        os: 'Linux',
        arch: 'X64',
        name: `walk-${this.runnerCount}`,
        environment: 'self-hosted',
        temp,
        tool_cache: join(runner, 'tool-cache')
      },
      vars: {},
      steps: {},
      job: { status: 'success' }
    }
    const labels = interpolate(job['runs-on'], contexts)
    if (!(typeof labels === 'string' || (Array.isArray(labels) && labels.every(l => typeof l === 'string'))))
      this.fail(record, `${title}: runs-on is not a label or list of labels: ${JSON.stringify(labels)}`)

    const env: Record<string, string> = {}
    for (const [k, v] of Object.entries({ ...(this.workflow.env ?? {}), ...(job.env ?? {}) }))
      env[k] = asString(interpolate(v, contexts))
    const steps = contexts.steps as Record<string, Plain>
    const setOutputs = new Map<string, Set<string>>()

    for (const [i, step] of (job.steps ?? []).entries()) {
      const started = Date.now()
      const failed = record.result === 'failure'
      const stepContexts: Contexts = { ...contexts, env, job: { status: failed ? 'failure' : 'success' } }
      const label = asString(interpolate(stepLabel(step, i), stepContexts))
      const where = `${title}, step "${label}"`
      const stepRecord: StepRecord = {
        job: name,
        step: label,
        result: 'skipped',
        outputs: {},
        seconds: 0,
        log: '',
        summary: ''
      }
      record.steps.push(stepRecord)
      try {
        const run = condition(step.if, stepContexts, {
          success: !failed,
          failure: failed,
          cancelled: false
        })
        if (!run) {
          if (step.id) steps[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' }
          continue
        }
        this.checkStepOutputsRead(step, setOutputs)
        const stepEnv = { ...env }
        for (const [k, v] of Object.entries(step.env ?? {}))
          stepEnv[k] = asString(interpolate(v, { ...stepContexts, env: stepEnv }))
        const withValues: Record<string, string> = {}
        for (const [k, v] of Object.entries(step.with ?? {}))
          withValues[k] = asString(interpolate(v, { ...stepContexts, env: stepEnv }))
        const files = {
          output: join(temp, `output-${i}`),
          env: join(temp, `env-${i}`),
          summary: join(temp, `summary-${i}`),
          path: join(temp, `path-${i}`)
        }
        for (const file of Object.values(files)) writeFileSync(file, '')
        const runnerEnv: Record<string, string> = {
          CI: 'true',
          GITHUB_ACTIONS: 'true',
          GITHUB_WORKSPACE: workspace,
          GITHUB_REPOSITORY: this.options.github.repository,
          GITHUB_RUN_ID: this.options.github.run_id,
          GITHUB_RUN_ATTEMPT: this.options.github.run_attempt,
          GITHUB_SHA: this.options.github.sha,
          GITHUB_EVENT_NAME: this.options.github.event_name,
          GITHUB_JOB: name,
          GITHUB_OUTPUT: files.output,
          GITHUB_ENV: files.env,
          GITHUB_STEP_SUMMARY: files.summary,
          GITHUB_PATH: files.path,
          RUNNER_TEMP: temp,
          RUNNER_OS: 'Linux',
          RUNNER_ARCH: 'X64',
          ...stepEnv
        }
        // A script's ${{ }} templates are replaced before bash sees it, as a runner does.
        const script =
          step.run === undefined
            ? undefined
            : asString(interpolate(step.run, { ...stepContexts, env: stepEnv }))
        const outcome = await this.runStep(step, script, withValues, runnerEnv, workspace)
        stepRecord.log = outcome.log
        stepRecord.outputs = { ...outcome.outputs, ...readKeyValueFile(files.output) }
        stepRecord.summary = readFileSync(files.summary, 'utf8')
        Object.assign(env, readKeyValueFile(files.env))
        stepRecord.result = outcome.ok ? 'success' : 'failure'
        if (step.id) {
          steps[step.id] = {
            outputs: stepRecord.outputs,
            outcome: stepRecord.result,
            conclusion: stepRecord.result
          }
          if (outcome.ok) setOutputs.set(step.id, new Set(Object.keys(stepRecord.outputs)))
        }
        if (!outcome.ok) this.fail(record, `${where}: ${outcome.reason}`)
      } catch (error) {
        stepRecord.result = 'failure'
        if (step.id) steps[step.id] = { outputs: {}, outcome: 'failure', conclusion: 'failure' }
        this.fail(record, `${where}: ${(error as Error).message}`)
      } finally {
        stepRecord.seconds = (Date.now() - started) / 1000
        if (stepRecord.result !== 'skipped')
          this.log(`${where}: ${stepRecord.result} in ${stepRecord.seconds} s`)
      }
    }
    const outputContexts: Contexts = { ...contexts, env }
    for (const [k, v] of Object.entries(job.outputs ?? {})) {
      try {
        this.checkStepOutputsRead({ with: { v } }, setOutputs)
        record.outputs[k] = asString(interpolate(v, outputContexts))
      } catch (error) {
        this.fail(record, `${title}, output "${k}": ${(error as Error).message}`)
      }
    }
    return record
  }

  private fail(record: LegRecord, message: string): void {
    record.result = 'failure'
    this.result.failures.push(message)
  }

  /**
   * An output read from a step that succeeded must be one the step set (a runner would silently read '').
   * Steps that failed or were skipped are left out: their outputs are empty on a runner too.
   */
  private checkStepOutputsRead(step: StepSpec, set: Map<string, Set<string>>): void {
    for (const expression of expressionsIn(step).concat(ifText(step)))
      for (const m of expression.matchAll(/\bsteps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
        const outputs = set.get(m[1]!)
        if (outputs && !outputs.has(m[2]!))
          throw new StepFailure(
            `reads steps.${m[1]}.outputs.${m[2]}, which step "${m[1]}" did not set (it set: ${[...outputs].join(', ') || 'nothing'})`
          )
      }
  }

  private async runStep(
    step: StepSpec,
    script: string | undefined,
    withValues: Record<string, string>,
    env: Record<string, string>,
    workspace: string
  ): Promise<{ ok: boolean; reason: string; log: string; outputs: Record<string, string> }> {
    const ok = (log = '') => ({ ok: true, reason: '', log, outputs: {} })
    if (script !== undefined) return this.runScript(script, step, env, workspace)
    const uses = step.uses ?? ''
    if (uses.startsWith('actions/checkout@')) {
      this.checkout(withValues, workspace)
      return ok()
    }
    if (uses.startsWith('actions/upload-artifact@')) return ok(this.upload(withValues, workspace))
    if (uses.startsWith('actions/download-artifact@')) return ok(this.download(withValues, workspace))
    if (uses.startsWith('./')) return this.localAction(uses, withValues, env, workspace)
    throw new StepFailure(`the walk does not know how to run ${uses}`)
  }

  private async localAction(
    uses: string,
    withValues: Record<string, string>,
    env: Record<string, string>,
    workspace: string
  ): Promise<{ ok: boolean; reason: string; log: string; outputs: Record<string, string> }> {
    const action = readLocalAction(workspace, uses)
    if (!action)
      return { ok: false, reason: `no action.yml at ${uses} in the workspace`, log: '', outputs: {} }
    for (const [input, value] of Object.entries(withValues)) {
      const fallback = action.inputs?.[input]?.default
      // local-action applies the default for an empty input; a runner passes the empty string.
      if (value === '' && fallback !== undefined && String(fallback) !== '')
        return {
          ok: false,
          reason: `input "${input}" is empty, and ${uses} would see "" on a runner but its default "${String(fallback)}" here`,
          log: '',
          outputs: {}
        }
    }
    const stage = basename(uses)
    const inputs = Object.fromEntries(Object.entries(withValues).filter(([, v]) => v !== ''))
    const run = await runLocalAction(stage, inputs, env, this.options.stepTimeoutMs ?? 300_000, {
      cwd: workspace,
      actionDir: uses.replace(/^\.\//, '')
    })
    const log = `${run.stdout}\n${run.stderr}`
    const reason =
      run.annotations.filter(a => a.startsWith('::error')).join('; ') || `exit code ${run.code}: ${tail(log)}`
    return { ok: run.code === 0, reason, log, outputs: run.outputs }
  }

  private runScript(
    text: string,
    step: StepSpec,
    env: Record<string, string>,
    workspace: string
  ): Promise<{ ok: boolean; reason: string; log: string; outputs: Record<string, string> }> {
    const script = join(env.RUNNER_TEMP!, `script-${Date.now()}-${Math.random().toString(36).slice(2)}.sh`)
    writeFileSync(script, text, { mode: 0o600 })
    const shell =
      step.shell === undefined
        ? ['-e', script]
        : step.shell === 'bash'
          ? ['--noprofile', '--norc', '-eo', 'pipefail', script]
          : undefined
    if (!shell) throw new StepFailure(`shell ${step.shell} is not supported by the walk`)
    return new Promise(done => {
      const child = spawn('bash', shell, {
        cwd: join(workspace, step['working-directory'] ?? ''),
        env: { ...baseEnv(), ...env },
        stdio: ['ignore', 'pipe', 'pipe']
      })
      let out = ''
      child.stdout.on('data', chunk => (out += String(chunk)))
      child.stderr.on('data', chunk => (out += String(chunk)))
      const timer = setTimeout(() => child.kill('SIGTERM'), this.options.stepTimeoutMs ?? 300_000)
      child.on('close', (code, signal) => {
        clearTimeout(timer)
        done({
          ok: code === 0,
          reason: signal ? `killed by ${signal}` : `exit code ${code}: ${tail(out)}`,
          log: out,
          outputs: {}
        })
      })
    })
  }

  private checkout(withValues: Record<string, string>, workspace: string): void {
    const repository = withValues.repository || this.options.github.repository
    const fill = this.options.repositories[repository]
    if (!fill) throw new StepFailure(`actions/checkout: no stand-in for repository ${repository}`)
    const path = resolve(workspace, withValues.path || '.')
    if (relative(workspace, path).startsWith('..'))
      throw new StepFailure(`actions/checkout: path ${withValues.path} is outside the workspace`)
    mkdirSync(path, { recursive: true })
    fill(path)
  }

  private upload(withValues: Record<string, string>, workspace: string): string {
    const name = withValues.name || 'artifact'
    const target = join(this.artifacts, name)
    if (existsSync(target))
      throw new StepFailure(`upload-artifact: an artifact named "${name}" was already uploaded in this run`)
    const lines = (withValues.path ?? '')
      .split('\n')
      .map(p => p.trim())
      .filter(Boolean)
    const paths = lines.filter(p => !p.startsWith('!'))
    // `!path` lines leave files out (a path, or a glob over workspace-relative paths).
    const excluded = lines.filter(p => p.startsWith('!')).map(p => p.slice(1))
    if (paths.some(p => /[*?[]/.test(p)))
      throw new StepFailure('upload-artifact: globs are not supported by the walk (exclusions excepted)')
    const left = (file: string): boolean =>
      excluded.some(pattern => {
        const rel = relative(workspace, file)
        if (/[*?]/.test(pattern)) return globRegExp(pattern).test(rel)
        const path = resolve(workspace, pattern)
        return file === path || file.startsWith(path + sep)
      })
    const found = paths.map(p => resolve(workspace, p)).filter(p => existsSync(p))
    const files = found
      .flatMap(p => (statSync(p).isDirectory() ? filesUnder(p) : [p]))
      .filter(file => !left(file))
    const missing = withValues['if-no-files-found'] || 'warn'
    if (files.length === 0) {
      if (missing === 'error')
        throw new StepFailure(`upload-artifact: no files were found at ${paths.join(', ')}`)
      return `No files were found with the provided path: ${paths.join(', ')}. No artifacts will be uploaded.`
    }
    const root = commonAncestor(found.map(p => (statSync(p).isDirectory() ? p : dirname(p))))
    for (const file of files) {
      const rel = relative(root, file)
      if (rel.split(sep).some(part => part.startsWith('.'))) continue // include-hidden-files: false
      mkdirSync(dirname(join(target, rel)), { recursive: true })
      cpSync(file, join(target, rel))
    }
    mkdirSync(target, { recursive: true })
    return `uploaded ${files.length} file(s) as ${name}`
  }

  private download(withValues: Record<string, string>, workspace: string): string {
    const path = resolve(workspace, withValues.path || '.')
    if (withValues.name) {
      const source = join(this.artifacts, withValues.name)
      if (!existsSync(source))
        throw new StepFailure(`download-artifact: Artifact not found: ${withValues.name}`)
      mkdirSync(path, { recursive: true })
      cpSync(source, path, { recursive: true })
      return `downloaded ${withValues.name}`
    }
    const pattern = globRegExp(withValues.pattern || '*')
    const names = readdirSync(this.artifacts).filter(n => pattern.test(n))
    const merge = withValues['merge-multiple'] === 'true'
    for (const name of names) {
      const into = merge ? path : join(path, name)
      mkdirSync(into, { recursive: true })
      cpSync(join(this.artifacts, name), into, { recursive: true })
    }
    return `downloaded ${names.length} artifact(s): ${names.join(', ')}`
  }
}

/** The test process's environment, less what a runner sets per step (and never inputs of another action). */
function baseEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([k, v]) => v !== undefined && !k.startsWith('INPUT_') && !k.startsWith('GITHUB_')
    ) as [string, string][]
  )
}

/** GITHUB_OUTPUT / GITHUB_ENV: `name=value` lines and `name<<DELIMITER` blocks. */
export function readKeyValueFile(path: string): Record<string, string> {
  const values: Record<string, string> = {}
  const lines = readFileSync(path, 'utf8').split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const block = /^([^=<]+)<<(.+)$/.exec(line)
    if (block) {
      const end = lines.indexOf(block[2]!, i + 1)
      if (end < 0) throw new Error(`${path}: ${block[1]}<<${block[2]} is not closed`)
      values[block[1]!] = lines.slice(i + 1, end).join('\n')
      i = end
    } else if (line.includes('=')) {
      values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return values
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name)
    const stat = lstatSync(path)
    return stat.isDirectory() ? filesUnder(path) : stat.isFile() ? [path] : []
  })
}

function commonAncestor(paths: string[]): string {
  const parts = paths.map(p => p.split(sep))
  const common: string[] = []
  for (let i = 0; parts.every(p => i < p.length && p[i] === parts[0]![i]); i++) common.push(parts[0]![i]!)
  return common.join(sep) || sep
}

function globRegExp(glob: string): RegExp {
  const body = glob
    .split('')
    .map(c => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^${body}$`)
}

function tail(text: string, lines = 15): string {
  return text.trim().split('\n').slice(-lines).join('\n')
}
