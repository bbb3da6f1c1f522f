/**
 * The whole kube-api flow on a real API server: deploy-crs applies the run's CRs, the simulator's kube-api
 * mode (in-process, fast timings) plays assisted-service on them, and launch-swarm's kube-api target drives
 * native hosts — approval, late binding through the Agent spec, statuses from watches — until every
 * AgentClusterInstall is Completed. Nothing is mocked: the API server, the simulator's HTTP API and the hosts'
 * HTTP traffic are real, on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { KubeClient } from '../../src/kube/client.js'
import { deployCrs } from '../../src/kube/deploy-crs.js'
import { KINDS } from '../../src/kube/kinds.js'
import { runSelector, type KubeObject } from '../../src/kube/objects.js'
import { loadPlan } from '../../src/stages/plan-input.js'
import { startSimulator, type RunningSimulator } from '../../src/sim/index.js'
import { launchSwarm } from '../../src/swarm/launch-swarm.js'
import { noProgress } from '../../src/swarm/progress/sinks.js'
import { RecordingLogger, silentLogger } from '../../src/util/logging.js'
import { kubeEnvSkipReason, startKubeEnv, type KubeEnv } from '../helpers/kube-env.js'

const skip = await kubeEnvSkipReason()
if (skip) console.warn(`skipping real API server tests: ${skip}`)
const describeKube = skip ? describe.skip : describe

const work = mkdtempSync(join(tmpdir(), 'kube-swarm-'))
// Run ids unique per test run: with KUBECONFIG_TEST the API server (and earlier runs' CRs) is reused.
const SUFFIX = Date.now().toString(36).slice(-5)

function plan(name: string, clusters: string, kubeconfig: string): string {
  const path = join(work, `${name}.yaml`)
  writeFileSync(
    path,
    `
name: ${name}
target: { kind: kube-api, kubeconfig: ${kubeconfig} }
openshift_version: '4.18'
clusters:
${clusters}
ramp: { hosts_per_second: 50, max_clusters_in_flight: 10 }
timing:
  default_stage: 200ms
  controller_ready: 300ms
  node_ready: 300ms
  operators_available: 300ms
  controller_poll: 300ms
  jitter: 0.2
deadline: 3m
seed: 5
`
  )
  return path
}

interface Cond {
  type: string
  status: string
  reason: string
}

function conditions(object: KubeObject | undefined): Record<string, Cond> {
  const list = ((object?.status as { conditions?: Cond[] } | undefined)?.conditions ?? []) as Cond[]
  return Object.fromEntries(list.map(c => [c.type, c]))
}

function timeline(runDir: string): Record<string, unknown>[] {
  return readFileSync(join(runDir, 'timeline.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map(line => JSON.parse(line) as Record<string, unknown>)
}

describeKube('kube-api swarm through the simulator’s kube-api mode', () => {
  let env: KubeEnv
  let client: KubeClient
  let sim: RunningSimulator

  beforeAll(async () => {
    env = await startKubeEnv({ controllers: false })
    client = await KubeClient.create({ kubeconfig: env.kubeconfigPath })
    sim = await startSimulator({
      port: 0,
      profile: 'fast',
      kubeconfig: env.kubeconfigPath,
      logger: silentLogger
    })
  }, 180_000)

  afterAll(async () => {
    await sim?.close()
    client?.close()
    await env?.stop()
    rmSync(work, { recursive: true, force: true })
  }, 60_000)

  async function run(runId: string, planPath: string, options: { deploy?: boolean; discover?: string } = {}) {
    if (options.deploy) {
      const loaded = loadPlan({ planPath, runId, shard: { index: 0, count: 1 } })
      // deploy-crs first, as a pipeline does; waits for the InfraEnvs' images (the simulator writes them).
      const deployed = await deployCrs({
        plan: loaded,
        client,
        pullSecret: PULL_SECRET,
        logger: silentLogger,
        wait: 'always',
        waitTimeoutMs: 60_000
      })
      expect(deployed.wait?.ready.length).toBe(loaded.clusters.length)
    }
    const runDir = join(work, runId)
    const logger = new RecordingLogger()
    const result = await launchSwarm(
      {
        planPath,
        runId,
        shard: { index: 0, count: 1 },
        runDir,
        kubeconfig: env.kubeconfigPath,
        driver: 'native',
        cleanup: false,
        progressIntervalMs: 60_000,
        pollIntervalMs: 300,
        ...(options.discover ? { discoverInfraEnvs: options.discover } : {})
      },
      { logger, signal: new AbortController().signal, progress: noProgress }
    )
    return { result, runDir, logger }
  }

  it('installs an SNO and a 3+2 cluster: deploy-crs → sim --kubeconfig → kube-api target', async () => {
    const planPath = plan(
      'kube-e2e',
      `  - amount: 1
    single_node: true
  - amount: 1
    masters: 3
    workers: 2`,
      env.kubeconfigPath
    )
    const { result, runDir } = await run(`kube-e2e-${SUFFIX}`, planPath, { deploy: true })
    expect(result).toMatchObject({
      reason: 'completed',
      clustersInstalled: 2,
      clustersFailed: 0,
      hostsInstalled: 6
    })
    expect(result.serviceUrl).toBe(sim.url)

    const acis = await client.list(KINDS.AgentClusterInstall, {
      labelSelector: runSelector(`kube-e2e-${SUFFIX}`)
    })
    expect(acis.items).toHaveLength(2)
    for (const aci of acis.items) {
      const c = conditions(aci)
      expect(c.Completed).toMatchObject({ status: 'True', reason: 'InstallationCompleted' })
      expect(c.Failed).toMatchObject({ status: 'False' })
      expect(c.SpecSynced).toMatchObject({ status: 'True', reason: 'SyncOK' })
      const metadata = (aci.spec as { clusterMetadata?: { infraID?: string } }).clusterMetadata
      expect(metadata?.infraID).toMatch(/^[0-9a-f-]{36}$/)
    }
    const agents = await client.list(KINDS.Agent, { labelSelector: runSelector(`kube-e2e-${SUFFIX}`) })
    expect(agents.items).toHaveLength(6)
    for (const agent of agents.items) {
      expect((agent.spec as { approved?: boolean }).approved).toBe(true)
      expect((agent.status as { debugInfo?: { state?: string } }).debugInfo?.state).toBe('installed')
      expect(conditions(agent).Installed).toMatchObject({ status: 'True', reason: 'InstallationCompleted' })
      expect(agent.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'InfraEnv' })])
    }
    const roles = agents.items.map(a => (a.spec as { role?: string }).role).sort()
    expect(roles).toEqual(['', 'master', 'master', 'master', 'worker', 'worker'])

    // The timeline has the transitions the watches delivered, through to installed.
    const records = timeline(runDir)
    const hostStatuses = records.filter(r => r.k === 'host' && r.ev === 'status').map(r => r.status)
    expect(hostStatuses).toEqual(expect.arrayContaining(['discovering', 'known', 'installing', 'installed']))
    const clusterStatuses = records.filter(r => r.k === 'cluster' && r.ev === 'status').map(r => r.status)
    expect(clusterStatuses).toEqual(
      expect.arrayContaining(['insufficient', 'installing', 'finalizing', 'installed'])
    )
    expect(records.filter(r => r.k === 'cluster' && r.ev === 'done').map(r => r.status)).toEqual([
      'installed',
      'installed'
    ])
  }, 240_000)

  it('binds late-binding Agents through spec.clusterDeploymentName (CRs applied by launch-swarm itself)', async () => {
    const planPath = plan(
      'kube-late',
      `  - amount: 1
    single_node: true
    late_binding: true`,
      env.kubeconfigPath
    )
    const { result, runDir } = await run(`kube-late-${SUFFIX}`, planPath)
    expect(result).toMatchObject({ reason: 'completed', clustersInstalled: 1, hostsInstalled: 1 })
    const [agent] = (await client.list(KINDS.Agent, { labelSelector: runSelector(`kube-late-${SUFFIX}`) }))
      .items
    expect(
      (agent!.spec as { clusterDeploymentName?: { name?: string } }).clusterDeploymentName?.name
    ).toBeTruthy()
    const statuses = timeline(runDir)
      .filter(r => r.k === 'host' && r.ev === 'status')
      .map(r => r.status)
    // Unbound first, then bound (re-registration after binding), then installed.
    expect(statuses.indexOf('known-unbound')).toBeGreaterThanOrEqual(0)
    expect(statuses.indexOf('known-unbound')).toBeLessThan(statuses.lastIndexOf('known'))
    expect(statuses).toContain('binding')
    expect(statuses[statuses.length - 1]).toBe('installed')
  }, 240_000)

  it('survives an API server restart mid-run: informers resume, nothing is lost', async () => {
    const runId = `kube-restart-${SUFFIX}`
    const planPath = plan(
      'kube-restart',
      `  - amount: 2
    single_node: true
  - amount: 1
    masters: 3
    workers: 2`,
      env.kubeconfigPath
    )
    const watchesBefore = sim.kube!.informerCounters().Agent!.watches
    const running = run(runId, planPath)
    // Mid-run: once some Agent has a status, and before every cluster is done.
    const deadline = Date.now() + 60_000
    for (;;) {
      const agents = await client
        .list(KINDS.Agent, { labelSelector: runSelector(runId) })
        .catch(() => undefined)
      const states = agents?.items.map(
        a => (a.status as { debugInfo?: { state?: string } } | undefined)?.debugInfo?.state
      )
      if (states?.some(s => s === 'known' || s === 'known-unbound' || s === 'insufficient')) break
      if (Date.now() > deadline) throw new Error('no Agent got a status in time')
      await new Promise(r => setTimeout(r, 100))
    }
    await env.stopApiServer()
    await new Promise(r => setTimeout(r, 3000))
    await env.startApiServer()
    const { result, runDir } = await running
    expect(result).toMatchObject({
      reason: 'completed',
      clustersInstalled: 3,
      clustersFailed: 0,
      hostsInstalled: 7
    })
    // Every host's and cluster's end state reached the timeline through the resumed watches.
    const records = timeline(runDir)
    const last = new Map<string, unknown>()
    for (const r of records) if (r.k === 'host' && r.ev === 'status') last.set(r.h as string, r.status)
    expect(last.size).toBe(7)
    expect([...last.values()].every(s => s === 'installed')).toBe(true)
    const acis = await client.list(KINDS.AgentClusterInstall, { labelSelector: runSelector(runId) })
    expect(acis.items.map(a => conditions(a).Completed?.status)).toEqual(['True', 'True', 'True'])
    // The simulator's informers resumed (a new watch), they did not poll.
    expect(sim.kube!.informerCounters().Agent!.watches).toBeGreaterThan(watchesBefore)
  }, 300_000)

  it('launches hosts into existing InfraEnvs found by a label selector (--discover-infraenvs)', async () => {
    // Someone else's CRs (their own run id), with a label of theirs on the InfraEnv.
    const ownerRun = `kube-owner-${SUFFIX}`
    const ownerPlan = loadPlan({
      planPath: plan(
        'kube-owner',
        `  - amount: 1
    single_node: true
    infraenv_labels: { team: perf-${SUFFIX} }`,
        env.kubeconfigPath
      ),
      runId: ownerRun,
      shard: { index: 0, count: 1 }
    })
    await deployCrs({
      plan: ownerPlan,
      client,
      pullSecret: PULL_SECRET,
      logger: silentLogger,
      wait: 'always',
      waitTimeoutMs: 60_000
    })
    const runId = `kube-disc-${SUFFIX}`
    const planPath = plan('kube-disc', '  - amount: 1\n    single_node: true', env.kubeconfigPath)
    const { result } = await run(runId, planPath, { discover: `team=perf-${SUFFIX}` })
    expect(result).toMatchObject({ reason: 'completed', clustersInstalled: 1, hostsInstalled: 1 })
    // Nothing was applied under the swarm's run id; the owner's cluster is the one that installed.
    expect((await client.list(KINDS.InfraEnv, { labelSelector: runSelector(runId) })).items).toHaveLength(0)
    const [aci] = (await client.list(KINDS.AgentClusterInstall, { labelSelector: runSelector(ownerRun) }))
      .items
    expect(conditions(aci).Completed).toMatchObject({ status: 'True', reason: 'InstallationCompleted' })
  }, 240_000)
})

const PULL_SECRET = JSON.stringify({
  auths: { 'registry.invalid': { auth: Buffer.from('a:b').toString('base64') } }
})
