import { afterEach, describe, expect, it } from '@jest/globals'
import { startSimulator, type RunningSimulator } from '../../src/sim/index.js'
import { expectStatus, fetchApi, type ApiResponse } from './support/api.js'
import { createCluster } from './support/flows.js'
import { injectApi } from './support/inject-api.js'
import { testSimulator, type TestSim } from './support/simulator.js'

/**
 * GET/POST instructions run validation, auth, faults and metrics inline instead of as fastify hooks
 * (http/hot-route.ts). They must answer exactly like the hooked routes do.
 */
describe('hot instruction routes behave like hooked routes', () => {
  let t: TestSim | undefined
  afterEach(async () => {
    await t?.simulator.close()
    t = undefined
  })

  it('validation errors read the same as fastify schema errors', async () => {
    t = await testSimulator()
    const { infraEnvId, hosts } = await createCluster(t.api, {
      name: 'hot',
      masters: 1,
      workers: 0,
      clock: t.clock.now
    })
    await hosts[0]!.register()
    const hooked = await t.api.call('POST', `/v2/infra-envs/${infraEnvId}/hosts`, { body: { host_id: 5 } })
    const hot = await t.api.call('POST', `/v2/infra-envs/${infraEnvId}/hosts/${hosts[0]!.id}/instructions`, {
      body: { step_type: 'inventory', exit_code: 'zero' }
    })
    expect(hooked.body.reason).toBe('invalid request: body/host_id must be string')
    expect(hot.body.reason).toBe('invalid request: body/exit_code must be integer')
    const badQuery = await t.api.call(
      'GET',
      `/v2/infra-envs/${infraEnvId}/hosts/${hosts[0]!.id}/instructions?timestamp=soon`
    )
    expect(badQuery.body.reason).toBe('invalid request: querystring/timestamp must be integer')
    const badPath = await t.api.call('GET', `/v2/infra-envs/${infraEnvId}/hosts/nope/instructions`)
    expect(badPath.body.reason).toBe('invalid request: params/host_id must match format "uuid"')
  })

  it('auth, faults and metrics apply to them', async () => {
    t = await testSimulator({ auth: { agentKey: 'k' }, faults: { errorRate: { v2GetNextSteps: 1 } } })
    const { infraEnvId, hosts } = await createCluster(t.api, {
      name: 'hot2',
      masters: 1,
      workers: 0,
      clock: t.clock.now
    })
    const path = `/v2/infra-envs/${infraEnvId}/hosts/${hosts[0]!.id}/instructions`
    expectStatus(
      await t.api.call('POST', `/v2/infra-envs/${infraEnvId}/hosts`, {
        body: { host_id: hosts[0]!.id },
        headers: { 'x-secret-key': 'k' }
      }),
      201
    )
    expect((await t.api.call('GET', path)).status).toBe(503)
    t.simulator.faults.set({})
    expect((await t.api.call('GET', path)).status).toBe(401)
    expect((await t.api.call('GET', path, { headers: { 'x-secret-key': 'k' } })).status).toBe(200)
    expect(
      (
        await t.api.call(
          'GET',
          `/v2/infra-envs/${infraEnvId}/hosts/00000000-0000-4000-8000-000000000000/instructions`,
          { headers: { 'x-secret-key': 'k' } }
        )
      ).status
    ).toBe(404)
    const metrics = (await t.api.call('GET', '/metrics', { absolute: true })).text
    const route = '/api/assisted-install/v2/infra-envs/:infra_env_id/hosts/:host_id/instructions'
    for (const status of [200, 401, 404, 503]) {
      expect(metrics).toContain(
        `assisted_sim_requests_total{route="${route}",method="GET",status="${status}"} 1`
      )
    }
  })

  it('answer the same on the node:http fast path as through fastify (inject)', async () => {
    let running: RunningSimulator | undefined
    try {
      running = await startSimulator({
        port: 0,
        auth: { agentKey: 'k' },
        timings: { hostMonitorIntervalMs: 3_600_000, clusterMonitorIntervalMs: 3_600_000 }
      })
      const http = fetchApi(running.url)
      const inject = injectApi(running.app)
      const agent = { 'x-secret-key': 'k' }
      const { infraEnvId, hosts } = await createCluster(http, { name: 'parity', masters: 1, workers: 0 })
      const host = hosts[0]!
      expectStatus(
        await http.call('POST', `/v2/infra-envs/${infraEnvId}/hosts`, {
          body: { host_id: host.id },
          headers: agent
        }),
        201
      )
      const path = `/v2/infra-envs/${infraEnvId}/hosts/${host.id}/instructions`
      const reply = {
        step_type: 'ntp-synchronizer',
        step_id: 'ntp-synchronizer-1',
        exit_code: 0,
        output: '{"ntp_sources":[]}',
        error: ''
      }
      const cases: [string, string, { body?: unknown; raw?: string; headers?: Record<string, string> }][] = [
        ['GET', `${path}?timestamp=1700000000`, { headers: agent }],
        ['GET', `${path}?timestamp=later`, { headers: agent }],
        ['GET', `${path}`, {}],
        [
          'GET',
          `/v2/infra-envs/${infraEnvId}/hosts/00000000-0000-4000-8000-000000000000/instructions`,
          { headers: agent }
        ],
        ['GET', `/v2/infra-envs/not-a-uuid/hosts/${host.id}/instructions`, { headers: agent }],
        ['POST', path, { body: reply, headers: agent }],
        ['POST', path, { body: { ...reply, exit_code: 'zero' }, headers: agent }],
        ['POST', path, { body: { ...reply, surprise: 1 }, headers: agent }],
        ['POST', path, { raw: '{"step_type":', headers: agent }],
        ['POST', path, { raw: '{"__proto__":{"x":1}}', headers: agent }],
        ['POST', path, { raw: 'step_type=inventory', headers: { ...agent, 'content-type': 'text/plain' } }],
        ['POST', path, { body: { ...reply, step_type: 'inventory', output: 'not json' }, headers: agent }]
      ]
      const strip = (r: ApiResponse): unknown => ({
        status: r.status,
        body: r.body,
        code: r.headers['x-sim-error-code'],
        type: r.headers['content-type']
      })
      for (const [method, url, options] of cases) {
        const viaHttp = strip(await http.call(method, url, options))
        const viaFastify = strip(await inject.call(method, url, options))
        // Step ids are random per answer.
        const normalise = (v: unknown): string =>
          JSON.stringify(v)
            .replace(/-[0-9a-f]{8}\\"/g, '-x\\"')
            .replace(/"step_id":"[^"]+"/g, '"step_id":"x"')
        expect(`${method} ${url}: ${normalise(viaHttp)}`).toBe(`${method} ${url}: ${normalise(viaFastify)}`)
      }
      // Most of those HTTP requests did take the fast path (the text/plain one went to fastify).
      expect(running.sim.counters.fastPathRequests).toBeGreaterThanOrEqual(cases.length - 1)
    } finally {
      await running?.close()
    }
  })
})
