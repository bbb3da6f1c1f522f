import { randomUUID } from 'node:crypto'
import type {
  HostRegistrationResponse,
  InstallCmdRequest,
  LogsGatherCmdRequest,
  NextStepCmdRequest,
  Step,
  StepReply,
  Steps
} from '../api/generated/models.js'
import type { AgentConfig } from '../drivers/driver.js'
import type { PlanCluster, PlanHost } from '../plan/types.js'
import { ExponentialBackoff } from './backoff.js'
import type { ClusterRuntime } from './cluster-runtime.js'
import { intern, type AgentEnvironment } from './environment.js'
import { hash53, hashArgs } from './hash.js'
import { Installer } from './installer.js'
import { sendHostLogs } from './log-upload.js'
import { ReplyCache } from './reply-cache.js'
import { Sleeper } from './sleeper.js'
import { stepHandler } from './steps/index.js'
import { failed, type FleetFacts, type StepHost, type StepOutcome } from './steps/step.js'

/** Register answers after which the real agent blocks forever (agent-protocol §1.4). */
const FREEZING_REGISTER_STATUSES = new Set([401, 403, 404, 409])
/** Clock skew of `clock-skew` hosts: an hour behind (the service tolerates 20 minutes). */
export const CLOCK_SKEW_SECONDS = -3600
/** What podman says to a second `--name=assisted-installer`. */
const INSTALLER_IN_USE =
  'Error: creating container storage: the container name "assisted-installer" is already in use by ' +
  '"0f5b6c8c7d1e". You have to remove that container to be able to reuse that name: that name is already in use'
/** Docker image reference, as the agent checks `agent_version` in the next-step-runner arguments. */
const IMAGE_REFERENCE =
  /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export type HostEnd = 'rebooted' | 'frozen' | 'stopped'
type RunnerEnd = 'reregister' | HostEnd

export interface NativeHostOptions {
  env: AgentEnvironment
  host: PlanHost
  cluster: PlanCluster
  agent: AgentConfig
  runtime: ClusterRuntime
}

/**
 * One fake host speaking the agent protocol as the real discovery agent and next-step-runner do
 * (agent-protocol §1.4–1.6, §6.1): register, poll instructions at the service's pace, run every step at once and
 * post its reply, with the real error handling. An idle host is a small object waiting on one timer.
 */
export class NativeHost implements StepHost {
  readonly plan: PlanHost
  readonly cluster: PlanCluster
  readonly infraEnvId: string
  readonly fleet: FleetFacts
  private readonly env: AgentEnvironment
  private readonly config: AgentConfig
  private readonly runtime: ClusterRuntime
  private readonly sleeper = new Sleeper()
  /** The id the next-step-runner was started with (normally the plan's). */
  private hostId: string
  /** `discovery_agent_version` for polls and replies: the service's image once registered. */
  private agentVersion: string
  private installer: Installer | undefined
  private restartRequested = false
  private upgradePending = false
  private reclaimRequested = false
  private rebootedFlag = false
  private inflight: Set<Promise<void>> | undefined
  private endState: HostEnd | undefined
  /** The last thing this host did, for the timeline when the run stops. */
  milestone = 'launched'

  constructor(options: NativeHostOptions) {
    this.env = options.env
    this.plan = options.host
    this.cluster = options.cluster
    this.config = options.agent
    this.runtime = options.runtime
    this.infraEnvId = options.agent.infraEnvId
    this.fleet = options.env.fleet
    this.hostId = options.host.id
    this.agentVersion = options.agent.agentVersion
  }

  get secretKey(): string | undefined {
    return this.config.pullSecretToken
  }

  /** How the host ended, once it did. */
  get ended(): HostEnd | undefined {
    return this.endState
  }

  get active(): boolean {
    return this.endState === undefined
  }

  private event(
    ev: 'launch' | 'registered' | 'install' | 'rebooted' | 'frozen' | 'exit',
    extra: { id?: string; role?: string; status?: string; info?: string } = {}
  ): void {
    this.env.recorder.event({ k: 'host', h: this.plan.hostname, c: this.cluster.name, ev, ...extra })
  }

  private error(msg: string, ctx?: Record<string, unknown>): void {
    this.env.recorder.event({
      k: 'error',
      scope: 'host',
      h: this.plan.hostname,
      c: this.cluster.name,
      msg,
      ...(ctx ? { ctx } : {})
    })
  }

  /** Runs the host until it reboots into the installed system, freezes, or is stopped. */
  async run(): Promise<HostEnd> {
    this.event('launch', { id: this.plan.id, role: this.plan.role })
    let end: HostEnd
    for (;;) {
      const registered = await this.register()
      if (registered !== 'ok') {
        end = registered
        break
      }
      const runner = await this.runSteps()
      if (runner !== 'reregister') {
        end = runner
        break
      }
      if (this.reclaimRequested) {
        this.reclaimRequested = false
        this.milestone = 'rebooting into discovery'
        await this.sleeper.sleep(this.env.timings.reclaimBootMs)
      }
    }
    while (this.inflight?.size) await Promise.allSettled([...this.inflight])
    if (this.installer?.running) this.installer.stop()
    this.endState = end
    return end
  }

  /** Stops polling and the installer at once (the run is over); `run()` then resolves with `stopped`. */
  stop(): void {
    this.sleeper.stop()
    this.installer?.stop()
  }

  // ---- registration (agent-protocol §1.4) ----

  private async register(): Promise<'ok' | 'frozen' | 'stopped'> {
    this.milestone = 'registering'
    let complained = false
    for (;;) {
      if (this.sleeper.stopped) return 'stopped'
      const res = await this.env.transport.request({
        endpoint: 'v2RegisterHost',
        params: { infra_env_id: this.infraEnvId },
        json: { host_id: this.plan.id, discovery_agent_version: this.config.agentVersion },
        secretKey: this.config.pullSecretToken,
        agentVersion: this.config.agentVersion,
        retry: this.env.retry.agent
      })
      if (this.sleeper.stopped) return 'stopped'
      if (res.status === 201) {
        let answer: HostRegistrationResponse | undefined
        try {
          answer = res.json<HostRegistrationResponse>()
        } catch {
          answer = undefined
        }
        const command = answer?.next_step_runner_command
        if (!command) {
          this.milestone = 'registered: incompatible server version'
          this.error('registration answer has no next_step_runner_command (incompatible server version)')
          await this.sleeper.sleep(this.env.timings.incompatibleServerMs)
          continue
        }
        const runnerArgs = parseRunnerArgs(command.args)
        if (!runnerArgs) {
          this.error('invalid next_step_runner_command arguments', { args: command.args })
          await this.sleeper.sleep(
            command.retry_seconds ? command.retry_seconds * 1000 : this.env.timings.runnerRetryMs
          )
          continue
        }
        this.hostId = runnerArgs.host_id === this.plan.id ? this.plan.id : runnerArgs.host_id
        this.agentVersion = intern(runnerArgs.agent_version)
        this.milestone = 'registered'
        this.event('registered', { id: this.hostId, ...(answer?.status ? { status: answer.status } : {}) })
        return 'ok'
      }
      if (FREEZING_REGISTER_STATUSES.has(res.status)) {
        this.env.logger.debug(
          `${this.plan.hostname}: register answered ${res.status}; frozen like the real agent`
        )
        this.milestone = `frozen: register ${res.status}`
        this.event('frozen', { info: `register ${res.status}`, status: bodyReason(res.text()) })
        return 'frozen'
      }
      if (!complained) {
        complained = true
        this.error(
          `register failed with ${res.status || res.error?.message}; retrying every ${this.env.timings.registerRetryMs} ms`
        )
      }
      await this.sleeper.sleep(this.env.timings.registerRetryMs)
    }
  }

  // ---- the next-step-runner (agent-protocol §1.5) ----

  private async runSteps(): Promise<RunnerEnd> {
    const cache = new ReplyCache(this.env.timings.replyCacheTtlMs)
    const backoff = new ExponentialBackoff(this.env.timings.backoff, this.env.random)
    let streakReported = false
    this.restartRequested = false
    this.upgradePending = false
    this.milestone = 'polling'
    for (;;) {
      const end = this.runnerEnd()
      if (end) return end
      const requestId = randomUUID()
      const skew = this.plan.failures.includes('clock-skew') ? CLOCK_SKEW_SECONDS : 0
      const res = await this.env.transport.request({
        endpoint: 'v2GetNextSteps',
        params: { infra_env_id: this.infraEnvId, host_id: this.hostId },
        query: { timestamp: Math.floor(Date.now() / 1000) + skew },
        requestId,
        secretKey: this.config.pullSecretToken,
        agentVersion: this.agentVersion,
        retry: this.env.retry.agent
      })
      if (this.sleeper.stopped) return 'stopped'
      let steps: Steps | undefined
      if (res.status === 200) {
        try {
          steps = res.json<Steps>()
        } catch {
          steps = undefined
        }
      }
      if (steps) {
        backoff.reset()
        streakReported = false
        for (const step of steps.instructions ?? []) this.track(this.runStep(step, requestId, cache))
        // Steps run on while the loop sleeps; a reboot, an upgrade or a reclaim wakes it early.
        await this.sleeper.sleep(
          Math.max(this.env.timings.minPollMs, (steps.next_instruction_seconds ?? 0) * 1000)
        )
        if (steps.post_step_action === 'exit') return this.runnerEnd() ?? 'reregister'
        continue
      }
      if (res.status === 404) {
        this.env.logger.debug(`${this.plan.hostname}: next steps answered 404; frozen like the real agent`)
        this.milestone = 'frozen: next steps 404'
        this.event('frozen', { info: 'next steps 404', status: bodyReason(res.text()) })
        return 'frozen'
      }
      cache.clear()
      const wait = backoff.next()
      if (wait === undefined) {
        this.error('next steps failed for 15 minutes; registering again')
        return 'reregister'
      }
      if (!streakReported) {
        streakReported = true
        this.error(`next steps failed with ${res.status || res.error?.message}; backing off`)
      }
      this.milestone = 'polling (failing)'
      await this.sleeper.sleep(wait)
    }
  }

  /** Why the runner loop ends now, if it does. */
  private runnerEnd(): RunnerEnd | undefined {
    if (this.sleeper.stopped) return 'stopped'
    if (this.rebootedFlag) return 'rebooted'
    if (this.restartRequested || this.reclaimRequested) return 'reregister'
    return undefined
  }

  private track(task: Promise<void>): void {
    this.inflight ??= new Set()
    this.inflight.add(task)
    void task.finally(() => {
      this.inflight?.delete(task)
      if (this.inflight?.size === 0) this.inflight = undefined
    })
  }

  // ---- one step (agent-protocol §1.6) ----

  private async runStep(step: Step, requestId: string, cache: ReplyCache): Promise<void> {
    const type = step.step_type ?? ''
    const { handler, known } = stepHandler(type)
    const counters = this.env.recorder.counters
    counters.add(stepCounter(type, known))
    const args = step.args ?? []
    const deterministic =
      typeof handler.deterministic === 'function' ? handler.deterministic(this.fleet) : handler.deterministic
    let argsHash = NaN
    if (deterministic) {
      argsHash = hashArgs(args)
      if (cache.hasArgs(type, argsHash)) {
        counters.add('replies.suppressed')
        return
      }
    }
    let outcome: StepOutcome | undefined
    try {
      outcome = await handler.run(this, args)
    } catch (error) {
      outcome = failed(-1, (error as Error).message)
    }
    if (!outcome || this.sleeper.stopped) return
    await this.postReply(step, type, outcome, argsHash, requestId, cache)
    if (type === 'upgrade-agent' && this.upgradePending) {
      // The agent restarts once the successful upgrade reply is out (or was suppressed, or failed to send).
      this.restartRequested = true
      this.sleeper.wake()
    }
  }

  private async postReply(
    step: Step,
    type: string,
    outcome: StepOutcome,
    argsHash: number,
    requestId: string,
    cache: ReplyCache
  ): Promise<void> {
    const counters = this.env.recorder.counters
    if (outcome.exitCode !== 0) counters.add('step_failures')
    const outputHash = outcome.exitCode === 0 ? hash53(outcome.output) : 0
    if (outcome.exitCode === 0 && cache.has(type, outputHash)) {
      counters.add('replies.suppressed')
      return
    }
    // omitempty, as the agent's generated struct: no exit_code when 0, no empty output or error.
    const reply: StepReply = { step_type: type as StepReply['step_type'], step_id: step.step_id ?? '' }
    if (outcome.exitCode !== 0) reply.exit_code = outcome.exitCode
    if (outcome.output) reply.output = outcome.output
    if (outcome.error) reply.error = outcome.error
    const res = await this.env.transport.request({
      endpoint: 'v2PostStepReply',
      params: { infra_env_id: this.infraEnvId, host_id: this.hostId },
      json: reply,
      requestId,
      secretKey: this.config.pullSecretToken,
      agentVersion: this.agentVersion,
      retry: this.env.retry.agent
    })
    if (res.status >= 200 && res.status < 300) {
      if (outcome.exitCode === 0) cache.store(type, outputHash, argsHash)
    } else if (res.status !== 0) {
      this.error(`step reply ${type} rejected with ${res.status}`, { body: res.text().slice(0, 300) })
    }
  }

  // ---- StepHost ----

  async install(request: InstallCmdRequest): Promise<StepOutcome> {
    if (this.installer?.running) return failed(125, INSTALLER_IN_USE)
    this.event('install', { role: request.role, id: this.hostId })
    this.milestone = 'installing'
    this.runtime.noteInstall(this.plan.id, this.infraEnvId, request, this.config.pullSecretToken)
    this.installer = new Installer(this.env, this, request, this.runtime)
    return this.installer.run()
  }

  stopInstaller(): boolean {
    if (!this.installer?.running) return false
    this.installer.stop()
    return true
  }

  async gatherLogs(request: LogsGatherCmdRequest): Promise<StepOutcome> {
    const result = await sendHostLogs(this.env, {
      clusterId: request.cluster_id,
      infraEnvId: request.infra_env_id,
      hostId: request.host_id,
      hostname: this.plan.hostname,
      secretKey: this.config.pullSecretToken,
      retry: this.env.retry.agent
    })
    return result.ok ? { exitCode: 0, output: result.stdout, error: '' } : failed(1, result.stdout)
  }

  restartAgent(): void {
    this.upgradePending = true
  }

  reboot(): void {
    this.reclaimRequested = true
    this.sleeper.wake()
  }

  // ---- InstallerHost ----

  onMilestone(milestone: string): void {
    this.milestone = milestone
  }

  /** The fake reboot marker: the poll loop ends within its next wake-up, and the host is done. */
  onRebooted(): void {
    this.rebootedFlag = true
    this.milestone = 'rebooted'
    this.event('rebooted')
    this.sleeper.wake()
  }
}

const counterNames = new Map<string, string>()

/** `steps.<type>` / `steps.unknown.<type>`, made once per type. */
function stepCounter(type: string, known: boolean): string {
  let name = counterNames.get(type)
  if (name === undefined) {
    name = known ? `steps.${type}` : `steps.unknown.${type}`
    if (counterNames.size < 256) counterNames.set(type, name)
  }
  return name
}

function parseRunnerArgs(args: string[] | undefined): NextStepCmdRequest | undefined {
  if (!args || args.length !== 1) return undefined
  let parsed: Partial<NextStepCmdRequest>
  try {
    parsed = JSON.parse(args[0]!) as Partial<NextStepCmdRequest>
  } catch {
    return undefined
  }
  if (
    !parsed.host_id ||
    !UUID.test(parsed.host_id) ||
    !parsed.infra_env_id ||
    !UUID.test(parsed.infra_env_id)
  )
    return undefined
  if (!parsed.agent_version || !IMAGE_REFERENCE.test(parsed.agent_version)) return undefined
  return parsed as NextStepCmdRequest
}

function bodyReason(text: string): string {
  try {
    const body = JSON.parse(text) as { reason?: string }
    return (body.reason ?? text).slice(0, 200)
  } catch {
    return text.slice(0, 200)
  }
}
