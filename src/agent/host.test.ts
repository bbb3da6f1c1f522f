import { afterEach, describe, expect, it } from '@jest/globals'
import type { Step, Steps } from '../api/generated/models.js'
import { modelValidator } from '../api/swagger.js'
import type { HostRecord } from '../timeline/records.js'
import { ClusterRuntime } from './cluster-runtime.js'
import type { AgentTimings } from './environment.js'
import { CLOCK_SKEW_SECONDS, NativeHost } from './host.js'
import { FakeService, SERVICE_AGENT_IMAGE, type FakeCall } from './testing/fake-service.js'
import { testEnvironment, type TestEnvironment } from './testing/env.js'

// The scripted FakeService stands in for assisted-service: it answers 401/403/404/409/410/5xx on demand and
// records every call, which the simulator does not do on request.

const IE = '3c9a2f4e-1d0b-4c7e-8a55-6f2d9e1b0a11'
const AGENT_IMAGE = 'quay.io/example/assisted-installer-agent:v1.0'

interface Setup {
  fake: FakeService
  env: TestEnvironment
  host: NativeHost
  done: Promise<string>
}

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

async function setup(
  options: {
    timings?: Partial<AgentTimings>
    failures?: ('clock-skew' | 'small-disk')[]
    start?: boolean
  } = {}
): Promise<Setup> {
  const fake = await new FakeService().start()
  const env = testEnvironment(fake.url, options.timings)
  const cluster = env.plan.clusters.find(c => c.singleNode)!
  const planHost = { ...cluster.hosts[0]!, failures: options.failures ?? [] }
  const host = new NativeHost({
    env,
    host: planHost,
    cluster,
    agent: {
      serviceUrl: fake.url,
      infraEnvId: IE,
      pullSecretToken: 'secret-token',
      insecure: false,
      agentVersion: AGENT_IMAGE
    },
    runtime: new ClusterRuntime(cluster, () => {})
  })
  const setupValue: Setup = { fake, env, host, done: Promise.resolve('not started') }
  cleanups.push(async () => {
    host.stop()
    await env.transport.close()
    await setupValue.done
    await fake.close()
  })
  if (options.start !== false) setupValue.done = host.run()
  return setupValue
}

function start(s: Setup): void {
  s.done = s.host.run()
}

const step = (type: string, args: string[] = [], id = `${type}-1a2b3c4d`): Step => ({
  step_type: type as Step['step_type'],
  step_id: id,
  args
})
const steps = (instructions: Step[], extra: Partial<Steps> = {}): Steps => ({
  next_instruction_seconds: 0,
  post_step_action: 'continue',
  instructions,
  ...extra
})
const hostEvents = (env: TestEnvironment, ev: string): HostRecord[] =>
  env.recorder.events.filter((e): e is HostRecord => e.k === 'host' && e.ev === ev) as HostRecord[]
const replies = (fake: FakeService, type?: string): FakeCall[] =>
  fake.callsOf('v2PostStepReply').filter(c => !type || (c.json as { step_type: string }).step_type === type)

describe('native host: registration', () => {
  it('registers with its id and version, then polls and replies with the service image as its version', async () => {
    const s = await setup({ start: false })
    s.fake.nextSteps = (_call, hostId) =>
      steps([step('inventory', [hostId]), step('ntp-synchronizer', ['{"ntp_source":""}'])])
    start(s)
    await s.fake.waitFor(() => s.fake.callsOf('v2GetNextSteps').length >= 5, 5000, 'five polls')

    const register = s.fake.callsOf('v2RegisterHost')
    expect(register).toHaveLength(1)
    expect(register[0]!.json).toEqual({ host_id: s.host.plan.id, discovery_agent_version: AGENT_IMAGE })
    expect(register[0]!.headers['discovery_agent_version']).toBe(AGENT_IMAGE)
    expect(register[0]!.headers['x-secret-key']).toBe('secret-token')
    expect(
      modelValidator({ rejectUnknownFields: true }).validate('host-create-params', register[0]!.json)
    ).toEqual([])

    const poll = s.fake.callsOf('v2GetNextSteps')[0]!
    expect(poll.path).toBe(`/v2/infra-envs/${IE}/hosts/${s.host.plan.id}/instructions`)
    expect(poll.headers['discovery_agent_version']).toBe(SERVICE_AGENT_IMAGE)
    expect(Math.abs(Number(poll.query.timestamp) - Date.now() / 1000)).toBeLessThan(5)
    expect(hostEvents(s.env, 'registered')).toHaveLength(1)
    expect(hostEvents(s.env, 'launch')[0]).toMatchObject({ h: s.host.plan.hostname, id: s.host.plan.id })
  })

  it('posts omitempty replies on the poll request id, and sends an unchanged output once', async () => {
    // Polls far enough apart for each reply to be stored before the next poll's steps run (as at the real 60 s).
    const s = await setup({ start: false, timings: { minPollMs: 150 } })
    s.fake.nextSteps = (_call, hostId) =>
      steps([step('inventory', [hostId]), step('ntp-synchronizer', ['{"ntp_source":""}'])])
    start(s)
    await s.fake.waitFor(() => s.fake.callsOf('v2GetNextSteps').length >= 5, 5000, 'five polls')
    const inventory = replies(s.fake, 'inventory')
    expect(inventory).toHaveLength(1)
    expect(replies(s.fake, 'ntp-synchronizer')).toHaveLength(1)
    const body = inventory[0]!.json as Record<string, unknown>
    expect(Object.keys(body).sort()).toEqual(['output', 'step_id', 'step_type'])
    expect(modelValidator({ rejectUnknownFields: true }).validate('step-reply', body)).toEqual([])
    expect(modelValidator().validate('inventory', JSON.parse(body.output as string))).toEqual([])
    const polls = s.fake.callsOf('v2GetNextSteps')
    expect(polls.map(p => p.headers['x-request-id'])).toContain(inventory[0]!.headers['x-request-id'])
    expect(inventory[0]!.headers['discovery_agent_version']).toBe(SERVICE_AGENT_IMAGE)
    const counters = s.env.recorder.counters.snapshot()!.values
    // The last poll's answer may still be on its way to the host.
    expect(counters['steps.inventory']).toBeGreaterThanOrEqual(4)
    expect(counters['replies.suppressed']).toBeGreaterThanOrEqual(6)
  })

  it.each([401, 403, 404, 409])('freezes like the real agent on register %i', async status => {
    const s = await setup({ start: false })
    s.fake.override = call =>
      call.operation === 'v2RegisterHost'
        ? { status, json: { code: String(status), reason: 'nope' } }
        : undefined
    start(s)
    expect(await s.done).toBe('frozen')
    await new Promise(r => setTimeout(r, 100))
    expect(s.fake.calls).toHaveLength(1)
    expect(hostEvents(s.env, 'frozen')[0]).toMatchObject({ info: `register ${status}`, status: 'nope' })
  })

  it('retries registration after the interval on other errors (500, a proxy 410)', async () => {
    const s = await setup({ start: false })
    const answers = [500, 410]
    s.fake.override = call =>
      call.operation === 'v2RegisterHost' && answers.length
        ? { status: answers.shift()!, json: {} }
        : undefined
    start(s)
    await s.fake.waitFor(() => s.fake.callsOf('v2GetNextSteps').length > 0, 5000, 'a poll')
    const registers = s.fake.callsOf('v2RegisterHost')
    expect(registers).toHaveLength(3)
    expect(registers[1]!.at - registers[0]!.at).toBeGreaterThanOrEqual(25)
    expect(s.env.recorder.events.filter(e => e.k === 'error')).toHaveLength(1)
  })

  it('waits before registering again when the answer has no next_step_runner_command', async () => {
    const s = await setup({ start: false })
    let first = true
    s.fake.override = call => {
      if (call.operation !== 'v2RegisterHost' || !first) return undefined
      first = false
      return { status: 201, json: { id: s.host.plan.id } }
    }
    start(s)
    await s.fake.waitFor(() => s.fake.callsOf('v2GetNextSteps').length > 0, 5000, 'a poll')
    const registers = s.fake.callsOf('v2RegisterHost')
    expect(registers).toHaveLength(2)
    expect(registers[1]!.at - registers[0]!.at).toBeGreaterThanOrEqual(55)
  })
})

describe('native host: polling', () => {
  it('freezes on a 404 from next steps and never registers again', async () => {
    const s = await setup({ start: false })
    s.fake.override = call =>
      call.operation === 'v2GetNextSteps'
        ? { status: 404, json: { reason: 'infra-env not found' } }
        : undefined
    start(s)
    expect(await s.done).toBe('frozen')
    expect(s.fake.callsOf('v2RegisterHost')).toHaveLength(1)
    expect(hostEvents(s.env, 'frozen')[0]!.info).toBe('next steps 404')
  })

  it('backs off on 5xx and 401, clears the reply cache, and recovers', async () => {
    const s = await setup({ start: false })
    let poll = 0
    s.fake.override = call => {
      if (call.operation !== 'v2GetNextSteps') return undefined
      poll++
      if (poll === 2) return { status: 500, json: {} }
      if (poll === 3) return { status: 401, json: {} }
      return undefined
    }
    s.fake.nextSteps = (_call, hostId) => steps([step('inventory', [hostId])])
    start(s)
    await s.fake.waitFor(() => poll >= 6, 5000, 'recovery')
    // Sent once, the cache cleared by the failures, sent again; then suppressed.
    expect(replies(s.fake, 'inventory')).toHaveLength(2)
    const gets = s.fake.callsOf('v2GetNextSteps')
    expect(gets[2]!.at - gets[1]!.at).toBeGreaterThanOrEqual(4)
    expect(s.host.active).toBe(true)
    expect(s.fake.callsOf('v2RegisterHost')).toHaveLength(1)
  })

  it('registers again after failing for the whole backoff budget (15 minutes for real)', async () => {
    const s = await setup({ start: false })
    let failing = true
    s.fake.override = call =>
      call.operation === 'v2GetNextSteps' && failing ? { status: 503, json: {} } : undefined
    start(s)
    await s.fake.waitFor(() => s.fake.callsOf('v2RegisterHost').length >= 2, 5000, 're-registration')
    failing = false
    await s.fake.waitFor(
      () => s.fake.callsOf('v2GetNextSteps').slice(-1)[0]!.at > s.fake.callsOf('v2RegisterHost')[1]!.at,
      5000,
      'a poll'
    )
    // 503 is retried by the transport (3 retries) before each backoff step.
    expect(s.env.recorder.http.snapshot()!.ep.v2GetNextSteps!.codes['503']).toBeGreaterThanOrEqual(8)
  })

  it('registers again after post_step_action exit', async () => {
    const s = await setup({ start: false })
    let exitOnce = true
    s.fake.nextSteps = () => {
      const answer = steps([], exitOnce ? { post_step_action: 'exit' } : {})
      exitOnce = false
      return answer
    }
    start(s)
    await s.fake.waitFor(() => s.fake.callsOf('v2RegisterHost').length >= 2, 5000, 're-registration')
    const sequence = s.fake.calls.slice(0, 3).map(c => c.operation)
    expect(sequence).toEqual(['v2RegisterHost', 'v2GetNextSteps', 'v2RegisterHost'])
  })

  it('answers upgrade-agent, then registers again', async () => {
    const s = await setup({ start: false })
    let upgrade = true
    s.fake.nextSteps = () => {
      const answer = steps(
        upgrade ? [step('upgrade-agent', [JSON.stringify({ agent_image: SERVICE_AGENT_IMAGE })])] : [],
        {
          next_instruction_seconds: 60
        }
      )
      upgrade = false
      return answer
    }
    start(s)
    await s.fake.waitFor(() => s.fake.callsOf('v2RegisterHost').length >= 2, 5000, 're-registration')
    const reply = replies(s.fake, 'upgrade-agent')[0]!
    expect(JSON.parse((reply.json as { output: string }).output)).toEqual({
      agent_image: SERVICE_AGENT_IMAGE,
      result: 'success'
    })
    expect(reply.at).toBeLessThanOrEqual(s.fake.callsOf('v2RegisterHost')[1]!.at)
  })

  it('replies -1 to unknown step types and counts them', async () => {
    const s = await setup({ start: false })
    s.fake.nextSteps = () =>
      steps([step('execute', ['ls']), step('next-step-runner')], { next_instruction_seconds: 60 })
    start(s)
    await s.fake.waitFor(() => replies(s.fake).length >= 2, 5000, 'replies')
    const execute = replies(s.fake, 'execute')[0]!.json
    expect(execute).toEqual({
      step_type: 'execute',
      step_id: 'execute-1a2b3c4d',
      exit_code: -1,
      error: 'failed to find action for step type execute'
    })
    const counters = s.env.recorder.counters.snapshot()!.values
    expect(counters['steps.unknown.execute']).toBe(1)
    expect(counters['steps.unknown.next-step-runner']).toBe(1)
    expect(counters.step_failures).toBe(2)
  })

  it('polls at the service interval, spacing a 0 by the minimum poll interval', async () => {
    const s = await setup({ start: false, timings: { minPollMs: 40 } })
    s.fake.nextSteps = () => steps([])
    start(s)
    await s.fake.waitFor(() => s.fake.callsOf('v2GetNextSteps').length >= 4, 5000, 'polls')
    const gets = s.fake.callsOf('v2GetNextSteps')
    for (let i = 1; i < gets.length; i++) expect(gets[i]!.at - gets[i - 1]!.at).toBeGreaterThanOrEqual(35)
  })

  it('survives 5xx on replies: the transport retries 503, the host keeps polling', async () => {
    const s = await setup({ start: false })
    s.fake.override = call => (call.operation === 'v2PostStepReply' ? { status: 503, json: {} } : undefined)
    s.fake.nextSteps = (_c, hostId) => steps([step('inventory', [hostId])])
    start(s)
    await s.fake.waitFor(() => replies(s.fake).length >= 8, 5000, 'replies')
    expect(s.host.active).toBe(true)
    // Not cached after a failed post: the same inventory is sent again on the next poll.
    expect(new Set(replies(s.fake).map(c => c.headers['x-request-id'])).size).toBeGreaterThanOrEqual(2)
  })

  it('runs steps concurrently without holding up the next poll', async () => {
    const s = await setup({ start: false })
    let release: () => void = () => {}
    const gate = new Promise<void>(r => (release = r))
    s.fake.override = async call => {
      if (call.operation === 'V2UploadLogs') await gate
      return undefined
    }
    let first = true
    s.fake.nextSteps = (_c, hostId) => {
      const list = first
        ? [
            step('logs-gather', [
              JSON.stringify({
                cluster_id: IE,
                infra_env_id: IE,
                host_id: hostId,
                bootstrap: false,
                installer_gather: false
              })
            ])
          ]
        : []
      first = false
      return steps(list)
    }
    start(s)
    await s.fake.waitFor(() => s.fake.callsOf('V2UploadLogs').length === 1, 5000, 'the upload')
    const pollsBefore = s.fake.callsOf('v2GetNextSteps').length
    await s.fake.waitFor(
      () => s.fake.callsOf('v2GetNextSteps').length >= pollsBefore + 3,
      5000,
      'polls during the upload'
    )
    expect(replies(s.fake, 'logs-gather')).toHaveLength(0)
    release()
    await s.fake.waitFor(() => replies(s.fake, 'logs-gather').length === 1, 5000, 'logs-gather reply')
    const upload = s.fake.callsOf('V2UploadLogs')[0]!
    expect(upload.query).toMatchObject({ logs_type: 'host', host_id: s.host.plan.id, infra_env_id: IE })
    const progress = s.fake
      .callsOf('v2UpdateHostLogsProgress')
      .map(c => (c.json as { logs_state: string }).logs_state)
    expect(progress).toEqual(['requested', 'collecting', 'completed'])
    expect((replies(s.fake, 'logs-gather')[0]!.json as { output: string }).output).toContain('Logs were sent')
  })

  it('sends its clock an hour behind with clock-skew', async () => {
    const s = await setup({ failures: ['clock-skew'] })
    await s.fake.waitFor(() => s.fake.callsOf('v2GetNextSteps').length > 0, 5000, 'a poll')
    const timestamp = Number(s.fake.callsOf('v2GetNextSteps')[0]!.query.timestamp)
    expect(Math.abs(timestamp - (Date.now() / 1000 + CLOCK_SKEW_SECONDS))).toBeLessThan(5)
  })

  it('stops promptly, mid-sleep', async () => {
    const s = await setup({ start: false })
    s.fake.nextSteps = () => steps([], { next_instruction_seconds: 60 })
    start(s)
    await s.fake.waitFor(() => s.fake.callsOf('v2GetNextSteps').length > 0, 5000, 'a poll')
    const started = Date.now()
    s.host.stop()
    expect(await s.done).toBe('stopped')
    expect(Date.now() - started).toBeLessThan(500)
    expect(s.host.milestone).toBe('polling')
  })
})
