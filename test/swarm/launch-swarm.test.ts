import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { createTransport } from '../../src/api/transport.js'
import { UserApi } from '../../src/api/user-client.js'
import { launchSwarm, type LaunchSwarmSettings } from '../../src/swarm/launch-swarm.js'
import { noProgress } from '../../src/swarm/progress/sinks.js'
import { readTimelines } from '../../src/timeline/reader.js'
import type { TimelineRecord } from '../../src/timeline/records.js'
import { RecordingLogger } from '../../src/util/logging.js'
import { runCli, startCli, startSimProcess, until } from '../helpers/cli.js'

// Real swarms: the native driver against the embedded simulator (in-process and as its own process).
const dir = mkdtempSync(join(tmpdir(), 'swarm-e2e-'))
const PULL_SECRET = JSON.stringify({
  auths: { 'cloud.openshift.com': { auth: Buffer.from('u:p').toString('base64') } }
})
const pullSecretFile = join(dir, 'pull-secret.json')
writeFileSync(pullSecretFile, PULL_SECRET)

const FAST_TIMING = {
  default_stage: '300ms',
  controller_ready: '500ms',
  node_ready: '500ms',
  operators_available: '500ms',
  controller_poll: '500ms',
  jitter: 0.1
}

function writePlan(name: string, plan: Record<string, unknown>): string {
  const path = join(dir, `${name}.yaml`)
  writeFileSync(path, stringify({ name, timing: FAST_TIMING, deadline: '3m', ...plan }))
  return path
}

async function records(runDir: string): Promise<TimelineRecord[]> {
  const out: TimelineRecord[] = []
  for await (const r of readTimelines([join(runDir, 'timeline.jsonl')])) out.push(r)
  return out
}

function settings(
  planPath: string,
  runDir: string,
  extra: Partial<LaunchSwarmSettings> = {}
): LaunchSwarmSettings {
  return {
    planPath,
    runDir,
    runId: extra.runId ?? 'e2e',
    shard: { index: 0, count: 1 },
    driver: 'native',
    cleanup: false,
    progressIntervalMs: 60_000,
    ...extra
  }
}

function context(signal = new AbortController().signal) {
  return { logger: new RecordingLogger(), signal, progress: noProgress }
}

describe('launch-swarm against the in-process simulator', () => {
  it('installs every cluster while respecting the ramp and the cluster gating', async () => {
    const planPath = writePlan('gated', {
      clusters: [
        { amount: 4, single_node: true },
        { amount: 1, masters: 3 }
      ],
      ramp: { hosts_per_second: 4, max_clusters_in_flight: 2 }
    })
    const runDir = join(dir, 'gated')
    const result = await launchSwarm(settings(planPath, runDir, { runId: 'gated' }), context())
    expect(result).toMatchObject({
      clustersInstalled: 5,
      clustersFailed: 0,
      clustersUnfinished: 0,
      hostsInstalled: 7,
      reason: 'completed'
    })

    const timeline = await records(runDir)
    const launches = timeline.filter(r => r.k === 'host' && r.ev === 'launch').map(r => r.t)
    expect(launches).toHaveLength(7)
    // 4 hosts/s: 7 launches span at least 6 intervals of 250 ms (allowing 10% for timer granularity).
    expect(launches[launches.length - 1]! - launches[0]!).toBeGreaterThanOrEqual(6 * 250 * 0.9)

    // At most 2 clusters between creation and done at any moment.
    const events: [number, number][] = []
    for (const r of timeline) {
      if (r.k === 'cluster' && r.ev === 'created') events.push([r.t, +1])
      if (r.k === 'cluster' && r.ev === 'done') events.push([r.t, -1])
    }
    events.sort((a, b) => a[0] - b[0] || a[1] - b[1])
    let inFlight = 0
    let peak = 0
    for (const [, delta] of events) peak = Math.max(peak, (inFlight += delta))
    expect(peak).toBe(2)
    expect(
      timeline
        .filter(r => r.k === 'cluster' && r.ev === 'done')
        .every(r => r.k === 'cluster' && r.status === 'installed')
    ).toBe(true)
    expect(timeline.at(-1)).toMatchObject({ k: 'run', ev: 'end', reason: 'completed' })
  }, 180_000)
})

describe('launch-swarm against a separately started `assisted-swarm sim`', () => {
  let sim: Awaited<ReturnType<typeof startSimProcess>>
  beforeAll(async () => {
    sim = await startSimProcess()
  }, 90_000)
  afterAll(async () => {
    await sim?.stop()
  })

  it('installs an SNO and a 3+2 cluster over loopback', async () => {
    const planPath = writePlan('remote', {
      clusters: [
        { amount: 1, single_node: true },
        { amount: 1, masters: 3, workers: 2 }
      ]
    })
    const runDir = join(dir, 'remote')
    const result = await launchSwarm(
      settings(planPath, runDir, { runId: 'remote', serviceUrl: sim.url, pullSecretFile }),
      context()
    )
    expect(result).toMatchObject({ clustersInstalled: 2, hostsInstalled: 6, serviceUrl: sim.url })
    const state = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8'))
    expect(state.target).toEqual({ kind: 'rest', url: sim.url })
    expect(JSON.stringify(state)).not.toContain(Buffer.from('u:p').toString('base64'))
  }, 180_000)

  it('launches hosts for infra-envs it did not create, from their discovery ignition', async () => {
    const transport = createTransport({ baseUrl: sim.url })
    const api = new UserApi(transport, { serviceUrl: sim.url })
    const cluster = await api.registerCluster({
      name: 'foreign',
      openshift_version: '4.18',
      pull_secret: PULL_SECRET,
      base_dns_domain: 'example.com',
      control_plane_count: 1,
      high_availability_mode: 'None',
      user_managed_networking: true
    })
    await api.registerInfraEnv({
      name: 'foreign-ie',
      pull_secret: PULL_SECRET,
      cluster_id: cluster.id,
      openshift_version: '4.18',
      image_type: 'minimal-iso'
    })
    const planPath = writePlan('discover', { clusters: [{ amount: 1, single_node: true }] })
    const runDir = join(dir, 'discover')
    const running = launchSwarm(
      settings(planPath, runDir, {
        runId: 'discover',
        serviceUrl: sim.url,
        pullSecretFile,
        discoverInfraEnvs: 'foreign-*'
      }),
      context()
    )
    // The owner of the cluster (this test) starts its installation once it is ready; the swarm only observes.
    await until(
      'foreign ready',
      120_000,
      async () => (await api.getCluster(cluster.id, { excludeHosts: true })).status === 'ready'
    )
    await api.installCluster(cluster.id)
    const result = await running
    expect(result).toMatchObject({ clustersInstalled: 1, hostsInstalled: 1 })
    const clusters = await api.listClusters()
    expect(clusters.filter(c => c.name?.startsWith('discover-'))).toEqual([])
    await transport.close()
  }, 180_000)

  it('resumes after kill -9 with nothing recorded lost and nothing created twice', async () => {
    const planPath = writePlan('resume', {
      clusters: [{ amount: 4, single_node: true }],
      ramp: { hosts_per_second: 1, max_clusters_in_flight: 1 },
      timing: { ...FAST_TIMING, default_stage: '1s' }
    })
    const out = join(dir, 'resume')
    const args = [
      'launch-swarm',
      planPath,
      '--run-id',
      'resume',
      '--out',
      out,
      '--service',
      sim.url,
      '--pull-secret-file',
      pullSecretFile,
      '--quiet'
    ]
    const first = startCli(args)
    const timeline = join(out, 'timeline.jsonl')
    await until('the second cluster to be created', 120_000, () => {
      try {
        return readFileSync(timeline, 'utf8').split('"ev":"created"').length > 2
      } catch {
        return false
      }
    })
    first.child.kill('SIGKILL')
    expect(await first.exited).toBe(137)
    const before = readFileSync(timeline, 'utf8').split('\n').filter(Boolean)

    const second = await runCli(args)
    expect(second.code).toBe(0)
    const after = readFileSync(timeline, 'utf8').split('\n').filter(Boolean)
    expect(after.slice(0, before.length)).toEqual(before)
    const all = after.map(l => JSON.parse(l) as TimelineRecord)
    expect(all.filter(r => r.k === 'run' && r.ev === 'resume')).toHaveLength(1)
    expect(
      all
        .filter(r => r.k === 'cluster' && r.ev === 'done' && r.status === 'installed')
        .map(r => (r as { c: string }).c)
        .sort()
    ).toEqual(['resume-sno-0', 'resume-sno-1', 'resume-sno-2', 'resume-sno-3'])
    const transport = createTransport({ baseUrl: sim.url })
    const names = (await new UserApi(transport, { serviceUrl: sim.url }).listClusters())
      .map(c => c.name)
      .filter(n => n?.startsWith('resume-'))
    await transport.close()
    expect(names.sort()).toEqual(['resume-sno-0', 'resume-sno-1', 'resume-sno-2', 'resume-sno-3'])
  }, 240_000)

  it('flushes the timeline and exits 130 on SIGTERM', async () => {
    const planPath = writePlan('sigterm', {
      clusters: [{ amount: 3, single_node: true }],
      ramp: { hosts_per_second: 0.5, max_clusters_in_flight: 1 }
    })
    const out = join(dir, 'sigterm')
    const run = startCli([
      'launch-swarm',
      planPath,
      '--out',
      out,
      '--run-id',
      'sigterm',
      '--service',
      sim.url,
      '--pull-secret-file',
      pullSecretFile
    ])
    await until('a registered host', 60_000, () => {
      try {
        return readFileSync(join(out, 'timeline.jsonl'), 'utf8').includes('"ev":"registered"')
      } catch {
        return false
      }
    })
    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(130)
    const lines = readFileSync(join(out, 'timeline.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map(l => JSON.parse(l))
    expect(lines.filter(l => l.k === 'run' && l.ev === 'stop')).toHaveLength(1)
    expect(lines.at(-1)).toMatchObject({ k: 'run', ev: 'end', reason: 'interrupted' })
    expect(run.stderr()).toMatch(/SIGTERM received/)
  }, 120_000)
})

describe('launch-swarm refuses bad targets and inputs clearly', () => {
  it('an unreachable service: exit 3 naming the URL', async () => {
    const planPath = writePlan('unreachable', { clusters: [{ amount: 1, single_node: true }] })
    const result = await runCli([
      'launch-swarm',
      planPath,
      '--out',
      join(dir, 'unreachable'),
      '--service',
      'http://127.0.0.1:9',
      '--pull-secret-file',
      pullSecretFile
    ])
    expect(result.code).toBe(3)
    expect(result.stderr).toMatch(/cannot reach assisted-service at http:\/\/127\.0\.0\.1:9/)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  }, 60_000)

  it('a malformed pull secret: exit 2 naming the file, never printing the secret', async () => {
    const bad = join(dir, 'bad-secret.json')
    writeFileSync(bad, JSON.stringify({ auths: { 'quay.io': { auth: 'c2VjcmV0dG9rZW4=' } } }))
    const planPath = writePlan('badsecret', { clusters: [{ amount: 1, single_node: true }] })
    const result = await runCli([
      'launch-swarm',
      planPath,
      '--out',
      join(dir, 'badsecret'),
      '--service',
      'http://127.0.0.1:9',
      '--pull-secret-file',
      bad
    ])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(
      new RegExp(`${bad}: the pull secret's entry for "quay.io" has no "auth" that decodes to user:password`)
    )
    expect(result.stderr + result.stdout).not.toContain('c2VjcmV0dG9rZW4=')
  }, 60_000)

  it('a cluster beyond the 512 hosts the default networks allow: exit 2 before anything is sent', async () => {
    const result = await runCli([
      'launch-swarm',
      'test/fixtures/plans/too-big-cluster.yaml',
      '--out',
      join(dir, 'big'),
      '--service',
      'http://127.0.0.1:9'
    ])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/clusters\[0\]: 603 hosts per cluster exceed .* \(512\)/)
  }, 60_000)
})
