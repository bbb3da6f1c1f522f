import { afterEach, describe, expect, it } from '@jest/globals'
import { setTimeout as sleep } from 'node:timers/promises'
import { modelValidator } from '../../src/api/swagger.js'
import { startSimulator, type RunningSimulator } from '../../src/sim/index.js'
import { expectStatus, fetchApi, type Api } from './support/api.js'
import type { FakeHost } from './support/fake-host.js'
import { clusterStatus, createCluster, finalize } from './support/flows.js'

/**
 * End to end over real HTTP (fetch against 127.0.0.1): hosts are concurrent loops that follow
 * `next_instruction_seconds`, the monitors run on their own timers, and a small controller routine finishes
 * the installation, as agents, installer and controller would against a real service.
 */
const SNO_STAGES = [
  'Starting installation',
  'Installing',
  'Waiting for bootkube',
  'Writing image to disk',
  'Rebooting'
]
const MASTER_STAGES = ['Starting installation', 'Installing', 'Writing image to disk', 'Rebooting']
const WORKER_STAGES = [
  'Starting installation',
  'Installing',
  'Writing image to disk',
  'Waiting for control plane',
  'Rebooting'
]

async function runHost(host: FakeHost, stop: { done: boolean }): Promise<void> {
  host.tolerateReplyErrors = true
  await host.register()
  let installed = false
  while (!stop.done) {
    if (!installed) {
      await host.poll()
      if (host.installRequest) {
        installed = true
        const role = host.installRequest.role as string
        const single = host.installRequest.control_plane_count === 1
        for (const stage of single ? SNO_STAGES : role === 'worker' ? WORKER_STAGES : MASTER_STAGES)
          await host.progress(stage)
        // After Rebooting the agent is gone; the controller reports Joined/Done.
        continue
      }
    }
    await sleep(Math.max(50, (host.lastPoll?.next_instruction_seconds ?? 1) * 1000))
  }
}

/** The controller: marks rebooted hosts Done, then runs the finalizing sequence once the cluster is finalizing. */
async function runController(
  api: Api,
  clusterId: string,
  hosts: FakeHost[],
  stop: { done: boolean }
): Promise<void> {
  const done = new Set<string>()
  let finalized = false
  while (!stop.done) {
    const cluster = expectStatus(
      await api.call('GET', `/v2/clusters/${clusterId}`),
      200,
      'controller get cluster'
    ).body as {
      status: string
      hosts: { id: string; progress: { current_stage: string } }[]
    }
    for (const h of cluster.hosts) {
      if (h.progress.current_stage === 'Rebooting' && !done.has(h.id)) {
        const host = hosts.find(x => x.id === h.id)!
        if (cluster.hosts.length > 1) await host.progress('Joined')
        await host.progress('Done')
        done.add(h.id)
      }
    }
    if (cluster.status === 'finalizing' && !finalized) {
      await finalize(api, clusterId)
      finalized = true
    }
    if (cluster.status === 'installed' || cluster.status === 'error') return
    await sleep(100)
  }
}

describe('simulator end to end (real HTTP on 127.0.0.1)', () => {
  let simulator: RunningSimulator | undefined
  afterEach(async () => {
    await simulator?.close()
    simulator = undefined
  })

  async function install(masters: number, workers: number): Promise<{ api: Api; clusterId: string }> {
    simulator = await startSimulator({
      port: 0,
      profile: 'fast',
      timings: {
        hostMonitorIntervalMs: 100,
        clusterMonitorIntervalMs: 100,
        nextInstructionMs: 200,
        installationPreparationMs: 100
      }
    })
    const api = fetchApi(simulator.url)
    const { clusterId, hosts } = await createCluster(api, {
      name: `e2e-${masters}-${workers}`,
      masters,
      workers
    })
    const stop = { done: false }
    const loops = Promise.all(hosts.map(h => runHost(h, stop)))
    // A host loop that throws fails the test at once instead of at the timeout.
    const failed = loops.then(() => new Promise<never>(() => undefined))
    const deadline = new AbortController()
    try {
      await Promise.race([
        (async () => {
          for (let i = 0; i < 300 && (await clusterStatus(api, clusterId)) !== 'ready'; i++) await sleep(50)
          expectStatus(await api.call('POST', `/v2/clusters/${clusterId}/actions/install`), 202, 'install')
          await runController(api, clusterId, hosts, stop)
        })(),
        failed,
        sleep(60_000, undefined, { signal: deadline.signal }).then(() =>
          Promise.reject(new Error('timed out'))
        )
      ])
    } finally {
      deadline.abort()
      stop.done = true
      await loops.catch(() => undefined)
    }
    return { api, clusterId }
  }

  it('installs an SNO cluster', async () => {
    const { api, clusterId } = await install(1, 0)
    const cluster = expectStatus(await api.call('GET', `/v2/clusters/${clusterId}`), 200).body
    expect(cluster.status).toBe('installed')
    expect(cluster.hosts[0].status).toBe('installed')
    expect(modelValidator().validate('cluster', cluster)).toEqual([])
    const metrics = expectStatus(await api.call('GET', '/metrics', { absolute: true }), 200).text
    expect(metrics).toMatch(/assisted_sim_clusters\{status="installed"\} 1/)
    expect(metrics).toMatch(/assisted_sim_hosts\{status="installed"\} 1/)
    expect(metrics).toMatch(
      /assisted_sim_requests_total\{route="\/api\/assisted-install\/v2\/infra-envs\/:infra_env_id\/hosts\/:host_id\/instructions",method="GET",status="200"\} \d+/
    )
    expect(metrics).toMatch(/assisted_sim_monitor_duration_seconds_count\{monitor="host"\} \d+/)
  }, 90_000)

  it('installs a 3 master + 2 worker cluster', async () => {
    const { api, clusterId } = await install(3, 2)
    const cluster = expectStatus(await api.call('GET', `/v2/clusters/${clusterId}`), 200).body
    expect(cluster.status).toBe('installed')
    expect(cluster.hosts.map((h: { status: string }) => h.status)).toEqual([
      'installed',
      'installed',
      'installed',
      'installed',
      'installed'
    ])
    expect(cluster.hosts.map((h: { role: string }) => h.role).sort()).toEqual([
      'master',
      'master',
      'master',
      'worker',
      'worker'
    ])
    expect(cluster.progress.total_percentage).toBe(100)
  }, 90_000)
})
