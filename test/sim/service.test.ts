import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  parseDiscoveryIgnition,
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions
} from '../../src/sim/index.js'
import { SIM_ERRORS } from '../../src/sim/errors.js'
import { expectStatus, fetchApi, PULL_SECRET, type Api } from './support/api.js'
import { FakeHost } from './support/fake-host.js'
import { clusterStatus, createCluster, drive, finalize, testId } from './support/flows.js'

/**
 * Service-level behaviour over real HTTP on 127.0.0.1: a restart that keeps its state, the auth modes, and
 * fault injection (latency, errors, dropped connections, the admin endpoint). Monitors are driven through the
 * admin endpoint so the tests do not depend on timer cadence.
 */
const HOUR = 3_600_000

describe('simulator service (real HTTP)', () => {
  const started: RunningSimulator[] = []
  const dirs: string[] = []
  afterEach(async () => {
    for (const s of started.splice(0)) await s.close()
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })

  async function start(
    options: SimulatorOptions = {}
  ): Promise<{ sim: RunningSimulator; api: Api; tick: () => Promise<unknown> }> {
    const sim = await startSimulator({
      port: 0,
      timings: { hostMonitorIntervalMs: HOUR, clusterMonitorIntervalMs: HOUR, installationPreparationMs: 0 },
      ...options
    })
    started.push(sim)
    return { sim, api: fetchApi(sim.url), tick: () => sim.runMonitors() }
  }

  it('restarts with the state it saved: hosts, validations, events; then finishes the install', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-state-'))
    dirs.push(dir)
    const stateFile = join(dir, 'state.jsonl')
    const first = await start({ stateFile })
    const { clusterId, infraEnvId, hosts } = await createCluster(first.api, {
      name: 'keep',
      masters: 3,
      workers: 0
    })
    for (const h of hosts) await h.register()
    await drive(hosts, first.tick, async () => (await clusterStatus(first.api, clusterId)) === 'ready')
    const before = expectStatus(await first.api.call('GET', `/v2/clusters/${clusterId}`), 200).body
    const eventsBefore = (
      expectStatus(await first.api.call('GET', `/v2/events?cluster_id=${clusterId}`), 200).body as unknown[]
    ).length
    await first.sim.close()
    started.splice(started.indexOf(first.sim), 1)
    expect(readFileSync(stateFile, 'utf8').split('\n')[0]).toMatch(/assisted-swarm-sim-state/)

    const second = await start({ stateFile })
    const after = expectStatus(await second.api.call('GET', `/v2/clusters/${clusterId}`), 200).body
    expect(after.status).toBe('ready')
    expect(after.hosts.map((h: { status: string }) => h.status)).toEqual(['known', 'known', 'known'])
    expect(after.hosts[0].inventory).toBe(before.hosts[0].inventory)
    expect(after.hosts[0].validations_info).toBe(before.hosts[0].validations_info)
    expect(after.connectivity_majority_groups).toBe(before.connectivity_majority_groups)
    expect(
      (
        expectStatus(await second.api.call('GET', `/v2/events?cluster_id=${clusterId}`), 200)
          .body as unknown[]
      ).length
    ).toBe(eventsBefore)
    // The same hosts go on against the restarted service.
    const again = hosts.map(h => new FakeHost(second.api, infraEnvId, h.spec))
    await drive(again, second.tick, async () => (await clusterStatus(second.api, clusterId)) === 'ready', 3)
    expectStatus(await second.api.call('POST', `/v2/clusters/${clusterId}/actions/install`), 202)
    await drive(again, second.tick, async () =>
      (await Promise.all(again.map(async h => (await h.get()).status))).every(s => s === 'installing')
    )
    for (const h of again) {
      await h.poll()
      await h.progress('Rebooting')
      await h.progress('Done')
    }
    await second.tick()
    await finalize(second.api, clusterId)
    await second.tick()
    expect(await clusterStatus(second.api, clusterId)).toBe('installed')
    // Saving on demand through the admin endpoint.
    expect(
      expectStatus(await second.api.call('POST', '/admin/persist', { absolute: true }), 200).body
    ).toEqual({ path: stateFile })
  })

  it('auth: agent X-Secret-Key and user bearer token, 401 otherwise; the ignition carries the agent key', async () => {
    const { api } = await start({ auth: { agentKey: 'agent-secret', userToken: 'user-secret' } })
    const user = { authorization: 'Bearer user-secret' }
    const agent = { 'x-secret-key': 'agent-secret' }
    const denied = await api.call('POST', '/v2/clusters', {
      body: { name: 'a', openshift_version: '4.18', pull_secret: PULL_SECRET }
    })
    expect(denied.status).toBe(401)
    expect(denied.body).toEqual({ code: 401, message: SIM_ERRORS.UNAUTHORIZED.message })
    expect(denied.headers['x-sim-error-code']).toBe('SIM_ERR_UNAUTHORIZED')
    expect(
      (await api.call('GET', '/v2/clusters', { headers: { authorization: 'Bearer wrong' } })).status
    ).toBe(401)
    const cluster = expectStatus(
      await api.call('POST', '/v2/clusters', {
        body: {
          name: 'a',
          openshift_version: '4.18',
          pull_secret: PULL_SECRET,
          high_availability_mode: 'None'
        },
        headers: user
      }),
      201
    ).body
    const ie = expectStatus(
      await api.call('POST', '/v2/infra-envs', {
        body: { name: 'a', pull_secret: PULL_SECRET, cluster_id: cluster.id },
        headers: user
      }),
      201
    ).body
    // Agent routes: the user token does not work, the agent key does.
    expect(
      (
        await api.call('POST', `/v2/infra-envs/${ie.id}/hosts`, {
          body: { host_id: testId(1) },
          headers: user
        })
      ).status
    ).toBe(401)
    expect(
      (
        await api.call('POST', `/v2/infra-envs/${ie.id}/hosts`, {
          body: { host_id: testId(1) },
          headers: { 'x-secret-key': 'nope' }
        })
      ).status
    ).toBe(401)
    expectStatus(
      await api.call('POST', `/v2/infra-envs/${ie.id}/hosts`, {
        body: { host_id: testId(1) },
        headers: agent
      }),
      201
    )
    // Routes open to either side (GET cluster): both work; GET host is user-only.
    expectStatus(await api.call('GET', `/v2/clusters/${cluster.id}`, { headers: agent }), 200)
    expectStatus(await api.call('GET', `/v2/clusters/${cluster.id}`, { headers: user }), 200)
    expect(
      (await api.call('GET', `/v2/infra-envs/${ie.id}/hosts/${testId(1)}`, { headers: agent })).status
    ).toBe(401)
    // The discovery ignition hands the agent key to hosts as PULL_SECRET_TOKEN; urlAuth (api_key) works for downloads.
    const ign = expectStatus(
      await api.call(
        'GET',
        `/v2/infra-envs/${ie.id}/downloads/files?file_name=discovery.ign&api_key=agent-secret`,
        { headers: { accept: 'application/octet-stream' } }
      ),
      200
    )
    const config = parseDiscoveryIgnition(ign.text)
    expect(config).toMatchObject({
      infraEnvId: ie.id,
      pullSecretToken: 'agent-secret',
      serviceUrl: started[0]!.url
    })
    // Health and metrics stay open; admin needs the user token.
    expect((await api.call('GET', '/health', { absolute: true })).status).toBe(200)
    expect((await api.call('GET', '/admin/faults', { absolute: true })).status).toBe(401)
    expect((await api.call('GET', '/admin/faults', { absolute: true, headers: user })).status).toBe(200)
  })

  it('auth is off by default', async () => {
    const { api } = await start()
    expectStatus(await api.call('GET', '/v2/clusters'), 200)
    const ie = expectStatus(
      await api.call('POST', '/v2/infra-envs', {
        body: { name: 'open', pull_secret: PULL_SECRET, openshift_version: '4.18' }
      }),
      201
    ).body
    const ign = expectStatus(
      await api.call('GET', `/v2/infra-envs/${ie.id}/downloads/files?file_name=discovery.ign`, {
        headers: { accept: 'application/octet-stream' }
      }),
      200
    )
    expect(parseDiscoveryIgnition(ign.text).pullSecretToken).toBeUndefined()
    expect(
      expectStatus(await api.call('GET', `/v2/infra-envs/${ie.id}/downloads/image-url`), 200).body.url
    ).toMatch(new RegExp(`/images/${ie.id}\\?arch=x86_64&type=full-iso&version=4\\.18$`))
  })

  it('fault injection: errors per route, latency, dropped connections, changed at runtime', async () => {
    const { api, sim } = await start({ faults: { errorRate: { v2GetNextSteps: 1 } } })
    const { infraEnvId, hosts } = await createCluster(api, { name: 'f', masters: 1, workers: 0 })
    await hosts[0]!.register()
    const path = `/v2/infra-envs/${infraEnvId}/hosts/${hosts[0]!.id}/instructions`
    const failed = await api.call('GET', path)
    expect(failed.status).toBe(503)
    expect(failed.headers['x-sim-error-code']).toBe('SIM_ERR_INJECTED_FAULT')
    expect(failed.body).toMatchObject({ kind: 'Error', id: 503, code: '503' })
    // Other routes are not affected.
    expectStatus(await api.call('GET', '/v2/clusters'), 200)
    // Latency only.
    expectStatus(await api.call('PUT', '/admin/faults', { absolute: true, body: { latencyMs: 150 } }), 200)
    const t0 = Date.now()
    expectStatus(await api.call('GET', path), 200)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140)
    // Dropped connections: the client sees the socket close without a response.
    expectStatus(
      await api.call('PUT', '/admin/faults', { absolute: true, body: { dropRate: { '*': 1 } } }),
      200
    )
    await expect(api.call('GET', path)).rejects.toThrow()
    // Bad settings are refused; clearing restores normal service.
    expect(
      (await api.call('PUT', '/admin/faults', { absolute: true, body: { dropRate: { '*': 2 } } })).status
    ).toBe(400)
    expectStatus(await api.call('DELETE', '/admin/faults', { absolute: true }), 204)
    expectStatus(await api.call('GET', path), 200)
    expect(sim.faults.counts).toMatchObject({ errors: 1, drops: 1 })
    const metrics = expectStatus(await api.call('GET', '/metrics', { absolute: true }), 200).text
    expect(metrics).toMatch(/assisted_sim_injected_faults\{kind="dropped"\} 1/)
  })
})
