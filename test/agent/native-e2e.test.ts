import { afterEach, describe, expect, it } from '@jest/globals'
import type { HostRecord, StageRecord } from '../../src/timeline/records.js'
import {
  createCluster,
  e2ePlan,
  getCluster,
  hostValidations,
  installCluster,
  launchHosts,
  startE2E,
  waitFor,
  type E2E
} from './sim-harness.js'
import { connectivityArgsProblem } from './sim-probe.js'

// End to end: native hosts against the embedded simulator (fast profile) over 127.0.0.1; nothing mocked.

// Multi-node clusters need the simulator to send connectivity-check arguments as the service does (plain
// addresses); until it does, those tests are skipped with the reason instead of failing on a simulator gap.
const multiNodeProblem = await connectivityArgsProblem()
if (multiNodeProblem) console.warn(`multi-node end-to-end tests skipped: ${multiNodeProblem}`)
const itMulti = multiNodeProblem ? it.skip : it

let e2e: E2E | undefined
afterEach(async () => {
  await e2e?.close()
  e2e = undefined
})

function expectCompleteTimeline(run: E2E, hostnames: string[]): void {
  const hostEvents = run.recorder.events.filter((e): e is HostRecord => e.k === 'host')
  for (const name of hostnames) {
    const own = hostEvents.filter(e => e.h === name).map(e => e.ev)
    expect(own).toEqual(['launch', 'registered', 'install', 'rebooted'])
  }
}

describe('native hosts against the simulator', () => {
  it('SNO: discovery to installed', async () => {
    const plan = e2ePlan([{ amount: 1, single_node: true }])
    e2e = await startE2E(plan)
    const created = await createCluster(e2e, plan.clusters[0]!)
    await launchHosts(e2e, created)
    const cluster = await installCluster(e2e, created)
    expect(cluster.hosts!.map(h => h.progress?.current_stage)).toEqual(['Done'])
    await waitFor('controller end', 10_000, async () => (e2e!.driver.controllers() === 0 ? true : undefined))
    expectCompleteTimeline(
      e2e,
      plan.clusters[0]!.hosts.map(h => h.hostname)
    )
    const stages = e2e.recorder.events.filter((e): e is StageRecord => e.k === 'stage')
    expect(stages.filter(s => s.by === 'installer').map(s => s.stage)).toEqual([
      'Starting installation',
      'Installing',
      'Waiting for bootkube',
      'Writing image to disk',
      'Rebooting'
    ])
    expect(stages.filter(s => s.by === 'controller').map(s => s.stage)).toEqual(['Joined', 'Done'])
    const codes = e2e.recorder.http.snapshot()!.ep
    for (const [endpoint, snapshot] of Object.entries(codes)) {
      // Known simulator gap: it applies completion-params' `data: {additionalProperties: {type: object}}` literally
      // and rejects the real controller's CLUSTER_OPERATORS_REPORT list (go-swagger's map[string]interface{} takes
      // it); complete-installation is informational, so the cluster still completes.
      if (endpoint === 'v2CompleteInstallation') continue
      const bad = Object.keys(snapshot.codes).filter(
        c => c !== '200' && c !== '201' && c !== '202' && c !== '204'
      )
      expect({ endpoint, bad }).toEqual({ endpoint, bad: [] })
    }
  }, 120_000)

  itMulti(
    'compact (3 masters) and 3 masters + 2 workers: discovery to installed',
    async () => {
      const plan = e2ePlan([
        { amount: 1, masters: 3, workers: 0 },
        { amount: 1, masters: 3, workers: 2 }
      ])
      e2e = await startE2E(plan)
      const created = await Promise.all(plan.clusters.map(c => createCluster(e2e!, c)))
      for (const c of created) await launchHosts(e2e, c)
      const installed = await Promise.all(created.map(c => installCluster(e2e!, c, 150_000)))
      for (const cluster of installed)
        expect(new Set(cluster.hosts!.map(h => h.status))).toEqual(new Set(['installed']))
      await waitFor('controllers end', 15_000, async () =>
        e2e!.driver.controllers() === 0 ? true : undefined
      )
      expectCompleteTimeline(
        e2e,
        plan.clusters.flatMap(c => c.hosts.map(h => h.hostname))
      )
    },
    200_000
  )

  itMulti(
    'injected failures end in the right failing validations',
    async () => {
      const plan = e2ePlan([
        {
          amount: 1,
          masters: 3,
          workers: 4,
          failures: [
            { kind: 'small-disk', hosts: [0] },
            { kind: 'low-memory', hosts: [1] },
            { kind: 'few-cores', hosts: [2] },
            { kind: 'no-default-route', hosts: [3] },
            { kind: 'clock-skew', hosts: [4] },
            { kind: 'dns-wildcard', hosts: [5] },
            { kind: 'ntp-unsynced', hosts: [6] },
            { kind: 'missing-connectivity', hosts: [6] }
          ]
        }
      ])
      e2e = await startE2E(plan)
      const created = await createCluster(e2e, plan.clusters[0]!)
      await launchHosts(e2e, created)
      const expected: Record<string, string[]> = {
        [plan.clusters[0]!.hosts[0]!.id]: ['has-min-valid-disks'],
        [plan.clusters[0]!.hosts[1]!.id]: ['has-min-memory'],
        [plan.clusters[0]!.hosts[2]!.id]: ['has-min-cpu-cores'],
        [plan.clusters[0]!.hosts[3]!.id]: ['has-default-route'],
        [plan.clusters[0]!.hosts[4]!.id]: ['time-synced-between-host-and-service'],
        [plan.clusters[0]!.hosts[5]!.id]: ['dns-wildcard-not-configured'],
        [plan.clusters[0]!.hosts[6]!.id]: ['ntp-synced', 'belongs-to-majority-group']
      }
      await waitFor('failing validations', 60_000, async () => {
        const cluster = await getCluster(e2e!, created.clusterId)
        const problems: string[] = []
        for (const host of cluster.hosts ?? []) {
          const validations = hostValidations(host)
          for (const id of expected[host.id!] ?? []) {
            if (validations[id] !== 'failure' && validations[id] !== 'error')
              problems.push(`${host.requested_hostname} ${id}=${validations[id]}`)
          }
        }
        if ((cluster.hosts ?? []).length < 7) problems.push('not all hosts registered')
        if (problems.length) throw new Error(problems.join('; '))
        return cluster
      })
      const cluster = await getCluster(e2e, created.clusterId)
      for (const host of cluster.hosts!) expect(host.status).toBe('insufficient')
    },
    120_000
  )

  it('injected failures on single-node hosts: validations, image-unavailable and install-fails', async () => {
    const kinds = [
      'small-disk',
      'low-memory',
      'few-cores',
      'no-default-route',
      'clock-skew',
      'dns-wildcard',
      'ntp-unsynced'
    ] as const
    const plan = e2ePlan([
      {
        amount: kinds.length,
        single_node: true,
        failures: kinds.map((kind, i) => ({ kind, clusters: [i] as [number] }))
      },
      {
        amount: 2,
        single_node: true,
        name: 'late',
        failures: [
          { kind: 'image-unavailable', clusters: [0] },
          { kind: 'install-fails', clusters: [1], stage: 'Writing image to disk' }
        ]
      }
    ])
    e2e = await startE2E(plan)
    const created = await Promise.all(plan.clusters.map(c => createCluster(e2e!, c)))
    for (const c of created) await launchHosts(e2e, c)
    const expected: Record<string, string> = {
      'small-disk': 'has-min-valid-disks',
      'low-memory': 'has-min-memory',
      'few-cores': 'has-min-cpu-cores',
      'no-default-route': 'has-default-route',
      'clock-skew': 'time-synced-between-host-and-service',
      'dns-wildcard': 'dns-wildcard-not-configured',
      'ntp-unsynced': 'ntp-synced'
    }
    await waitFor('failing validations', 60_000, async () => {
      const problems: string[] = []
      for (const c of created.slice(0, kinds.length)) {
        const host = (await getCluster(e2e!, c.clusterId)).hosts?.[0]
        const id = expected[c.cluster.hosts[0]!.failures[0]!]!
        const status = host ? hostValidations(host)[id] : undefined
        if (status !== 'failure' && status !== 'error') problems.push(`${c.cluster.name} ${id}=${status}`)
        if (host && host.status === 'known') problems.push(`${c.cluster.name} is known`)
      }
      if (problems.length) throw new Error(problems.join('; '))
      return true
    })

    const [unavailable, failing] = created.slice(kinds.length) as [(typeof created)[0], (typeof created)[0]]
    for (const c of [unavailable, failing]) {
      await waitFor(`${c.cluster.name} ready`, 60_000, async () =>
        (await getCluster(e2e!, c.clusterId)).status === 'ready' ? true : undefined
      )
      await e2e.api.request({ endpoint: 'v2InstallCluster', params: { cluster_id: c.clusterId } })
    }
    await waitFor('preparing-failed', 60_000, async () => {
      const cluster = await getCluster(e2e!, unavailable.clusterId)
      return cluster.hosts?.[0]?.status === 'preparing-failed' ||
        /failed to prepare/i.test(cluster.status_info ?? '')
        ? true
        : undefined
    })
    const errored = await waitFor('install failure', 60_000, async () => {
      const cluster = await getCluster(e2e!, failing.clusterId)
      return cluster.hosts?.[0]?.status === 'error' ? cluster : undefined
    })
    expect(errored.hosts![0]!.status_info).toContain('install-fails')
    const stages = e2e.recorder.events
      .filter((ev): ev is StageRecord => ev.k === 'stage' && ev.c === failing.cluster.name)
      .map(ev => ev.stage)
    expect(stages.slice(-2)).toEqual(['Writing image to disk', 'Failed'])
  }, 150_000)

  it('an interrupted run leaves a complete timeline', async () => {
    const plan = e2ePlan([{ amount: 2, single_node: true }], {
      default_stage: '2s',
      stages: { 'Writing image to disk': '10s' }
    })
    e2e = await startE2E(plan)
    const created = await Promise.all(plan.clusters.map(c => createCluster(e2e!, c)))
    for (const c of created) await launchHosts(e2e, c)
    // One cluster installs, the other stays in discovery.
    await waitFor('installing', 90_000, async () => {
      const cluster = await getCluster(e2e!, created[0]!.clusterId)
      if (cluster.status === 'ready')
        await e2e!.api.request({
          endpoint: 'v2InstallCluster',
          params: { cluster_id: created[0]!.clusterId }
        })
      return cluster.hosts?.[0]?.progress?.current_stage === 'Writing image to disk' ? cluster : undefined
    })
    e2e.abort.abort()
    await e2e.driver.stop()
    const hostEvents = e2e.recorder.events.filter((ev): ev is HostRecord => ev.k === 'host')
    for (const host of plan.clusters.flatMap(c => c.hosts)) {
      const own = hostEvents.filter(ev => ev.h === host.hostname)
      expect(own[0]!.ev).toBe('launch')
      const last = own[own.length - 1]!
      expect(last.ev).toBe('exit')
    }
    const milestones = plan.clusters.map(
      c => hostEvents.filter(ev => ev.h === c.hosts[0]!.hostname).slice(-1)[0]!.info
    )
    expect(milestones).toEqual(['stage: Writing image to disk', 'polling'])
    expect(e2e.driver.running()).toBe(0)
  }, 120_000)
})
