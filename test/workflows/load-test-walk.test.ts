/**
 * The reusable load test (.github/workflows/load-test.yml) walked locally, job by job in `needs` order, for the
 * smoke plan on the embedded simulator with the native driver over 2 shards: the same steps a runner would run
 * (actions through @github/local-action on their sources, `run:` scripts with bash, artifacts through a local
 * store). See support/walk.ts for what is emulated and how.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { parse } from 'yaml'
import { checkWorkflow, ROOT, walkWorkflow, type WalkOptions } from './support/walk.js'

const WORKFLOW = join(ROOT, '.github', 'workflows', 'load-test.yml')
const SWARM_REPOSITORY = 'OWNER/assisted-swarm'
const CALLER = 'example/caller'

// Secrets a caller would pass; none may reach an artifact.
const PULL_SECRET_AUTH = Buffer.from('walk-user:Pull-Secret-7f3a9c').toString('base64')
const SECRETS = {
  'pull-secret': JSON.stringify({ auths: { 'registry.example.com': { auth: PULL_SECRET_AUTH } } }),
  'service-token': 'Service-Token-b81e44d2'
}

// Workspaces live under runs/ (ignored by git and eslint): local-action runs npm in them, and npm must find
// this repository's package.json above them.
mkdirSync(join(ROOT, 'runs'), { recursive: true })
const dir = mkdtempSync(join(ROOT, 'runs', 'workflow-walk-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A checkout of assisted-swarm: the repository's files, linked (not its git, dependencies or run outputs). */
function checkoutSwarm(target: string): void {
  const left = new Set(['.git', 'node_modules', 'runs', '.scratch', 'coverage', 'lib'])
  for (const entry of readdirSync(ROOT))
    if (!left.has(entry)) symlinkSync(join(ROOT, entry), join(target, entry))
}

/** A checkout of a caller's repository: its test plans. */
function checkoutCaller(target: string): void {
  cpSync(join(ROOT, 'plans'), join(target, 'plans'), { recursive: true })
}

function options(workflow: string, name: string): WalkOptions {
  const walkDir = join(dir, name)
  mkdirSync(walkDir)
  return {
    workflow,
    inputs: { plan: 'plans/smoke.yaml', target: 'simulator', driver: 'native', shards: 2 },
    secrets: SECRETS,
    dir: walkDir,
    repositories: { [SWARM_REPOSITORY]: checkoutSwarm, [CALLER]: checkoutCaller },
    github: {
      repository: CALLER,
      run_id: '4242',
      run_attempt: '1',
      sha: '0123456789abcdef0123456789abcdef01234567',
      event_name: 'schedule'
    },
    stepTimeoutMs: 300_000,
    log: line => process.stderr.write(`walk: ${line}\n`)
  }
}

/** Every file of the artifact store, as bytes (gzip archives unpacked, so a tarball is searched too). */
function artifactBytes(root: string): { path: string; bytes: Buffer }[] {
  const out: { path: string; bytes: Buffer }[] = []
  const visit = (path: string): void => {
    if (statSync(path).isDirectory()) return readdirSync(path).forEach(n => visit(join(path, n)))
    const bytes = readFileSync(path)
    out.push({ path, bytes: path.endsWith('.gz') ? gunzipSync(bytes) : bytes })
  }
  visit(root)
  return out
}

describe('the reusable load-test workflow, walked locally', () => {
  it('runs prepare → launch (2 shards) → collect for the smoke plan, and reports a pass', async () => {
    const result = await walkWorkflow(options(WORKFLOW, 'smoke'))
    expect(result.failures).toEqual([])
    expect(Object.fromEntries(Object.entries(result.jobs).map(([name, job]) => [name, job.result]))).toEqual({
      prepare: 'success',
      deploy: 'skipped',
      launch: 'success',
      collect: 'success'
    })
    const runId = 'smoke-4242-1'
    expect(result.jobs.prepare!.outputs).toMatchObject({ 'run-id': runId, shards: '[0,1]' })

    // both shards launched, each its own part of the plan
    const launches = result.legs
      .filter(leg => leg.job === 'launch')
      .map(leg => leg.steps.find(step => step.step.startsWith('Launch the swarm'))!)
    expect(launches.map(step => step.step).sort()).toEqual([
      'Launch the swarm (shard 0 of 2)',
      'Launch the swarm (shard 1 of 2)'
    ])
    expect(launches.map(step => Number(step.outputs['hosts-installed'])).sort()).toEqual([1, 5])

    // the workflow's outputs
    expect(result.outputs.passed).toBe('true')
    expect(result.outputs['report-artifact']).toBe(`assisted-swarm-${runId}-report`)
    expect(JSON.parse(result.outputs.headline!)).toMatchObject({
      clustersInstalled: 2,
      hostsInstalled: 6,
      passed: true
    })

    // what was uploaded: one artifact per shard, then the report
    expect(readdirSync(result.artifacts).sort()).toEqual([
      `assisted-swarm-${runId}-report`,
      `assisted-swarm-${runId}-shard-0`,
      `assisted-swarm-${runId}-shard-1`
    ])
    const report = join(result.artifacts, `assisted-swarm-${runId}-report`)
    expect(readdirSync(report).sort()).toEqual([
      'junit.xml',
      'logs.tar.gz',
      'report.html',
      'report.json',
      'summary.md'
    ])
    expect(JSON.parse(readFileSync(join(report, 'report.json'), 'utf8'))).toMatchObject({ passed: true })

    // no secret in any artifact, nor in what the steps printed
    const secretValues = [...Object.values(SECRETS), PULL_SECRET_AUTH, 'Pull-Secret-7f3a9c']
    const leaks = artifactBytes(result.artifacts).flatMap(file =>
      secretValues.filter(s => file.bytes.includes(s)).map(() => file.path)
    )
    expect(leaks).toEqual([])
    const printed = result.legs.flatMap(leg => leg.steps.map(step => step.log)).join('\n')
    expect(secretValues.filter(s => printed.includes(s))).toEqual([])
  }, 480_000)

  it('fails on a step given an input its action does not declare, naming the job and the step', async () => {
    const broken = join(dir, 'broken-input.yml')
    const text = readFileSync(WORKFLOW, 'utf8')
    expect(text).toContain('          fail-on-thresholds: ${{ inputs.gate }}')
    writeFileSync(
      broken,
      text.replace(
        '          fail-on-thresholds: ${{ inputs.gate }}',
        '          fail-on-threshold: ${{ inputs.gate }}'
      )
    )
    const result = await walkWorkflow(options(broken, 'broken-input'))
    expect(result.failures).toEqual([
      expect.stringMatching(
        /^job "collect", step "Collect the report and gate on thresholds": input "fail-on-threshold" is not an input of \.\/\.assisted-swarm\/actions\/collect-results/
      )
    ])
    // found before anything ran
    expect(result.legs).toEqual([])
  })

  it('checks every step of every workflow before walking, skipped jobs too (deploy runs only for kube-api)', () => {
    for (const file of readdirSync(join(ROOT, '.github', 'workflows')))
      expect([
        file,
        checkWorkflow(parse(readFileSync(join(ROOT, '.github', 'workflows', file), 'utf8')))
      ]).toEqual([file, []])
    const text = readFileSync(WORKFLOW, 'utf8')
    const line = '          kubeconfig: ${{ runner.temp }}/kubeconfig'
    expect(text).toContain(line)
    const broken = parse(text.replace(line, '          kubeconfig-content: ${{ secrets.kubeconfig }}'))
    expect(checkWorkflow(broken)).toEqual([
      expect.stringMatching(
        /^job "deploy", step "Deploy the plan's CRs": input "kubeconfig-content" is not an input of \.\/\.assisted-swarm\/actions\/deploy-crs/
      )
    ])
  })

  it('fails on a broken run step, naming the job and the step, and skips the jobs that need it', async () => {
    const broken = join(dir, 'broken-run.yml')
    const text = readFileSync(WORKFLOW, 'utf8')
    const line = `echo "run-id=$(basename "\${{ inputs.plan }}" .yaml)-\${GITHUB_RUN_ID}-\${GITHUB_RUN_ATTEMPT}" >> "$GITHUB_OUTPUT"`
    expect(text).toContain(line)
    // a misspelt file variable: the redirection fails, and `bash -e` stops there
    writeFileSync(broken, text.replace(line, line.replace('"$GITHUB_OUTPUT"', '"$GITHUB_OUTPUTS"')))
    const result = await walkWorkflow(options(broken, 'broken-run'))
    expect(result.failures).toHaveLength(1)
    expect(result.failures[0]).toMatch(
      /^job "prepare", step "Run id and shard list": exit code 1: .*No such file or directory/s
    )
    expect(Object.fromEntries(Object.entries(result.jobs).map(([name, job]) => [name, job.result]))).toEqual({
      prepare: 'failure',
      deploy: 'skipped',
      launch: 'skipped',
      collect: 'skipped'
    })
    expect(existsSync(result.artifacts) && readdirSync(result.artifacts)).toEqual([])
  })
})
