import { afterEach, describe, expect, it } from '@jest/globals'
import { expectStatus, PULL_SECRET } from './support/api.js'
import { FakeHost } from './support/fake-host.js'
import { clusterStatus, createCluster, drive, hostStatuses, testId } from './support/flows.js'
import { testSimulator, type TestSim } from './support/simulator.js'
import { settle } from './support/validations.js'

/** Host and cluster lifecycle paths beyond the happy installs: timeouts, late binding, agent upgrade, events. */
describe('simulator lifecycle (inject, manual clock)', () => {
  let t: TestSim | undefined
  afterEach(async () => {
    await t?.simulator.close()
    t = undefined
  })

  it('marks a host disconnected when it stops polling, and known again when it comes back', async () => {
    t = await testSimulator()
    const { hosts, clusterId } = await createCluster(t.api, {
      name: 'dc',
      masters: 3,
      workers: 0,
      clock: t.clock.now
    })
    for (const h of hosts) await h.register()
    await drive(hosts, t.tick, async () => (await clusterStatus(t!.api, clusterId)) === 'ready')
    // Two hosts keep polling; the third goes quiet past HOST_MAX_DISCONNECTION_TIME (3 minutes).
    t.clock.advance(2 * 60_000)
    for (const h of hosts.slice(0, 2)) await h.poll()
    t.clock.advance(60_000 + 1000)
    await t.tick()
    expect(await hostStatuses(hosts)).toEqual(['known', 'known', 'disconnected'])
    expect((await hosts[2]!.get()).status_info).toBe(
      'Host has stopped communicating with the installation service'
    )
    await t.tick()
    expect(await clusterStatus(t.api, clusterId)).toBe('insufficient')
    const steps = await hosts[2]!.poll()
    expect(steps.map(s => s.step_type)).toEqual(['inventory'])
    expect(hosts[2]!.lastPoll!.next_instruction_seconds).toBe(2)
    await settle(hosts, t.tick, 3)
    expect(await hostStatuses(hosts)).toEqual(['known', 'known', 'known'])
  })

  it('the disconnection timeout is configurable, and fails a host that stops polling while installing', async () => {
    t = await testSimulator({ timings: { hostMaxDisconnectionMs: 20_000, bootstrapExtraDisconnectionMs: 0 } })
    const { hosts, clusterId } = await createCluster(t.api, {
      name: 'dci',
      masters: 1,
      workers: 0,
      clock: t.clock.now
    })
    const host = hosts[0]!
    await host.register()
    await drive(hosts, t.tick, async () => (await host.get()).status === 'known')
    await t.tick()
    expectStatus(await t.api.call('POST', `/v2/clusters/${clusterId}/actions/install`), 202)
    await drive(hosts, t.tick, async () => (await host.get()).status === 'installing')
    await host.poll()
    await host.progress('Starting installation')
    t.clock.advance(21_000)
    await t.tick()
    expect((await host.get()).status).toBe('error')
    expect((await host.get()).status_info).toMatch(/timeout while connecting to host/)
    await t.tick()
    expect(await clusterStatus(t.api, clusterId)).toBe('error')
    // In error the host is asked for logs and to stop the installer.
    const steps = await host.poll()
    expect(steps.map(s => s.step_type)).toEqual(['logs-gather', 'stop-installation'])
  })

  it('fails a host with no progress 20 minutes after installing started, and a stage that took too long', async () => {
    t = await testSimulator()
    // Three workers, so one failing worker still leaves the two a cluster needs.
    const { hosts, clusterId } = await createCluster(t.api, {
      name: 'np',
      masters: 3,
      workers: 3,
      clock: t.clock.now
    })
    for (const h of hosts) await h.register()
    await drive(hosts, t.tick, async () => (await clusterStatus(t!.api, clusterId)) === 'ready')
    expectStatus(await t.api.call('POST', `/v2/clusters/${clusterId}/actions/install`), 202)
    await drive(hosts, t.tick, async () => (await hostStatuses(hosts)).every(s => s === 'installing'))
    for (const h of hosts.slice(0, 5)) {
      await h.progress('Starting installation')
      await h.progress('Rebooting')
    }
    // Host 5 never reports; the others' agents are quiet (past Rebooting, connectivity is not checked).
    t.clock.advance(20 * 60_000 + 1000)
    await hosts[5]!.poll()
    await t.tick()
    expect((await hosts[5]!.get()).status).toBe('error')
    expect((await hosts[5]!.get()).status_info).toBe(
      'Host failed to install due to timeout while starting installation'
    )
    await t.tick()
    expect(await clusterStatus(t.api, clusterId)).toBe('installing')
    // Rebooting for 40 minutes: wrong boot order suspected.
    t.clock.advance(40 * 60_000)
    await t.tick()
    expect((await hosts[0]!.get()).status).toBe('installing-pending-user-action')
    await t.tick()
    expect(await clusterStatus(t.api, clusterId)).toBe('installing-pending-user-action')
  })

  it('late binding: unbound host, bind (exit), re-register into the cluster, unbind', async () => {
    t = await testSimulator()
    const { api } = t
    const { clusterId, hosts: clusterHosts } = await createCluster(api, {
      name: 'lb',
      masters: 1,
      workers: 0,
      clock: t.clock.now
    })
    const pool = expectStatus(
      await api.call('POST', '/v2/infra-envs', {
        body: { name: 'pool', pull_secret: PULL_SECRET, openshift_version: '4.18' }
      }),
      201
    ).body
    const host = new FakeHost(api, pool.id, {
      id: testId(700),
      hostname: 'pool-0',
      ip: '10.0.1.10',
      mac: clusterHosts[0]!.spec.mac
    })
    host.clock = t.clock.now
    const reg = await host.register()
    expect(reg.body.status).toBe('discovering-unbound')
    expect(reg.body.cluster_id).toBeNull()
    await settle([host], t.tick, 3)
    expect((await host.get()).status).toBe('known-unbound')
    expect(host.lastPoll!.instructions!.map(s => s.step_type)).toEqual(['inventory', 'ntp-synchronizer'])
    const bound = expectStatus(
      await api.call('POST', `/v2/infra-envs/${pool.id}/hosts/${host.id}/actions/bind`, {
        body: { cluster_id: clusterId }
      }),
      200
    ).body
    expect(bound.status).toBe('binding')
    expect(bound.cluster_id).toBe(clusterId)
    await host.poll()
    expect(host.lastPoll).toMatchObject({
      post_step_action: 'exit',
      next_instruction_seconds: 0,
      instructions: null
    })
    const again = await host.register()
    expect(again.body.status).toBe('discovering')
    expect(again.body.role).toBe('master')
    await settle([host], t.tick, 4)
    expect((await host.get()).status).toBe('known')
    await t.tick()
    expect(await clusterStatus(api, clusterId)).toBe('ready')
    const unbound = expectStatus(
      await api.call('POST', `/v2/infra-envs/${pool.id}/hosts/${host.id}/actions/unbind`),
      200
    ).body
    expect(unbound.status).toBe('unbinding')
    await host.poll()
    expect(host.lastPoll!.post_step_action).toBe('exit')
    expect((await host.register()).body.status).toBe('discovering-unbound')
  })

  it('replaces every step with upgrade-agent for an old agent, until it re-registers with the expected image', async () => {
    t = await testSimulator()
    const { hosts } = await createCluster(t.api, { name: 'up', masters: 1, workers: 0, clock: t.clock.now })
    const host = hosts[0]!
    host.agentVersion = 'quay.io/edge-infrastructure/assisted-installer-agent:v1'
    const old = host.agentVersion
    await host.register()
    host.agentVersion = old
    const steps = await host.poll()
    expect(steps.map(s => s.step_type)).toEqual(['upgrade-agent'])
    expect(JSON.parse(steps[0]!.args![0]!)).toEqual({
      agent_image: 'quay.io/edge-infrastructure/assisted-installer-agent:latest'
    })
    // The fake host switched to the requested image when it answered; it now polls with it.
    await settle(hosts, t.tick, 3)
    expect((await host.get()).discovery_agent_version).toBe(
      'quay.io/edge-infrastructure/assisted-installer-agent:latest'
    )
    expect((await host.get()).status).toBe('known')
  })

  it('keeps upgrade-agent off when disabled', async () => {
    t = await testSimulator({ enableUpgradeAgent: false })
    const { hosts } = await createCluster(t.api, { name: 'noup', masters: 1, workers: 0, clock: t.clock.now })
    hosts[0]!.agentVersion = 'quay.io/edge-infrastructure/assisted-installer-agent:v1'
    const old = hosts[0]!.agentVersion
    await hosts[0]!.register()
    hosts[0]!.agentVersion = old
    expect((await hosts[0]!.poll()).map(s => s.step_type)).toEqual(['inventory'])
  })

  it('records events per host and cluster', async () => {
    t = await testSimulator()
    const { hosts, clusterId, infraEnvId } = await createCluster(t.api, {
      name: 'ev',
      masters: 1,
      workers: 0,
      clock: t.clock.now
    })
    await hosts[0]!.register()
    await settle(hosts, t.tick, 4)
    const all = expectStatus(await t.api.call('GET', `/v2/events?cluster_id=${clusterId}`), 200)
    const messages = (all.body as { message: string }[]).map(e => e.message)
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Successfully registered/),
        expect.stringMatching(/updated status from discovering to insufficient/)
      ])
    )
    expect(Number(all.headers['total-count'])).toBe(messages.length)
    const hostOnly = expectStatus(
      await t.api.call(
        'GET',
        `/v2/events?cluster_id=${clusterId}&host_id=${hosts[0]!.id}&limit=2&order=descending`
      ),
      200
    ).body as {
      host_id: string
    }[]
    expect(hostOnly).toHaveLength(2)
    expect(hostOnly.every(e => e.host_id === hosts[0]!.id)).toBe(true)
    expect(
      (expectStatus(await t.api.call('GET', `/v2/events?infra_env_id=${infraEnvId}`), 200).body as unknown[])
        .length
    ).toBeGreaterThan(0)
    expectStatus(
      await t.api.call('POST', '/v2/events', {
        body: {
          cluster_id: clusterId,
          host_id: hosts[0]!.id,
          severity: 'info',
          message: 'rebooted twice',
          event_time: new Date().toISOString()
        }
      }),
      201
    )
  })

  it('cancel and reset', async () => {
    t = await testSimulator()
    const { hosts, clusterId } = await createCluster(t.api, {
      name: 'cr',
      masters: 1,
      workers: 0,
      clock: t.clock.now
    })
    await hosts[0]!.register()
    await drive(hosts, t.tick, async () => (await clusterStatus(t!.api, clusterId)) === 'ready')
    expectStatus(await t.api.call('POST', `/v2/clusters/${clusterId}/actions/install`), 202)
    await drive(hosts, t.tick, async () => (await hosts[0]!.get()).status === 'installing')
    expect(
      expectStatus(await t.api.call('POST', `/v2/clusters/${clusterId}/actions/cancel`), 202).body.status
    ).toBe('cancelled')
    expect((await hosts[0]!.get()).status).toBe('cancelled')
    expect(
      expectStatus(await t.api.call('POST', `/v2/clusters/${clusterId}/actions/reset`), 202).body.status
    ).toBe('insufficient')
    expect((await hosts[0]!.get()).status).toBe('resetting')
    // The host reboots into the discovery image and registers again.
    expect((await hosts[0]!.register()).body.status).toBe('discovering')
    await drive(hosts, t.tick, async () => (await clusterStatus(t!.api, clusterId)) === 'ready')
  })

  it('monitors only refresh what changed or is due', async () => {
    t = await testSimulator()
    const { hosts, clusterId } = await createCluster(t.api, {
      name: 'inc',
      masters: 3,
      workers: 2,
      clock: t.clock.now
    })
    for (const h of hosts) await h.register()
    await drive(hosts, t.tick, async () => (await clusterStatus(t!.api, clusterId)) === 'ready')
    await settle(hosts, t.tick, 2)
    // Steady state: hosts keep polling with unchanged replies; nothing is refreshed.
    for (const h of hosts) await h.poll()
    expect(await t.simulator.runMonitors()).toEqual({ hosts: 0, clusters: 0 })
    // A changed reply refreshes that host (and, through its status, nothing else).
    hosts[0]!.overrides['ntp-synchronizer'] = () => ({
      output: JSON.stringify({ ntp_sources: [{ source_name: 'a', source_state: 'unreachable' }] })
    })
    await hosts[0]!.poll()
    const pass = await t.simulator.runMonitors()
    expect(pass.hosts).toBe(1)
  })
})
