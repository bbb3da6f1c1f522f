import { afterEach, describe, expect, it } from '@jest/globals'
import { expectStatus } from '../../test/sim/support/api.js'
import { clusterStatus, createCluster, drive, finalize, hostStatuses } from '../../test/sim/support/flows.js'
import { testSimulator, type TestSim } from '../../test/sim/support/simulator.js'

// In-process (fastify.inject, no socket) runs of whole installations with monitors driven by hand.
describe('simulator flows (inject)', () => {
  let t: TestSim | undefined
  afterEach(async () => {
    await t?.simulator.close()
    t = undefined
  })

  it('installs an SNO cluster, passing through the statuses the real service shows', async () => {
    t = await testSimulator()
    const { api } = t
    const { clusterId, hosts } = await createCluster(api, {
      name: 'sno',
      masters: 1,
      workers: 0,
      clock: t.clock.now
    })
    const host = hosts[0]!
    const reg = await host.register()
    expect(reg.body.status).toBe('discovering')
    expect(reg.body.role).toBe('master')
    expect(reg.body.bootstrap).toBe(true)
    const first = await host.poll()
    expect(first.map(s => s.step_type)).toEqual(['inventory'])
    await t.tick()
    expect((await host.get()).status).toBe('insufficient')
    await drive(hosts, t.tick, async () => (await clusterStatus(api, clusterId)) === 'ready')
    expect(await hostStatuses(hosts)).toEqual(['known'])
    const known = host.lastPoll!.instructions!.map(s => s.step_type)
    expect(known).toEqual(
      expect.arrayContaining(['inventory', 'free-network-addresses', 'ntp-synchronizer', 'domain-resolution'])
    )
    expectStatus(await api.call('POST', `/v2/clusters/${clusterId}/actions/install`), 202, 'install')
    await drive(hosts, t.tick, async () => (await host.get()).status === 'installing')
    await host.poll()
    expect(host.installRequest).toMatchObject({
      role: 'bootstrap',
      cluster_id: clusterId,
      control_plane_count: 1
    })
    for (const stage of [
      'Starting installation',
      'Installing',
      'Waiting for bootkube',
      'Writing image to disk',
      'Rebooting'
    ])
      await host.progress(stage)
    await host.progress('Joined')
    await host.progress('Done')
    await t.tick()
    expect(await clusterStatus(api, clusterId)).toBe('finalizing')
    await finalize(api, clusterId)
    await t.tick()
    expect(await clusterStatus(api, clusterId)).toBe('installed')
  })

  it('installs a 3 master + 2 worker cluster', async () => {
    t = await testSimulator()
    const { api } = t
    const { clusterId, hosts } = await createCluster(api, {
      name: 'multi',
      masters: 3,
      workers: 2,
      clock: t.clock.now
    })
    for (const h of hosts) await h.register()
    await drive(hosts, t.tick, async () => (await clusterStatus(api, clusterId)) === 'ready')
    expect(await hostStatuses(hosts)).toEqual(['known', 'known', 'known', 'known', 'known'])
    expectStatus(await api.call('POST', `/v2/clusters/${clusterId}/actions/install`), 202, 'install')
    await drive(hosts, t.tick, async () => (await hostStatuses(hosts)).every(s => s === 'installing'))
    for (const h of hosts) await h.poll()
    const roles = hosts.map(h => h.installRequest!.role).sort()
    expect(roles).toEqual(['bootstrap', 'master', 'master', 'worker', 'worker'])
    for (const h of hosts) {
      await h.progress('Starting installation')
      await h.progress('Rebooting')
      await h.progress('Done')
    }
    await t.tick()
    expect(await clusterStatus(api, clusterId)).toBe('finalizing')
    await finalize(api, clusterId)
    await t.tick()
    expect(await clusterStatus(api, clusterId)).toBe('installed')
  })
})
