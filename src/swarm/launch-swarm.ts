import { setMaxListeners } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { createTransport } from '../api/transport.js'
import { checkPullSecret, UserApi } from '../api/user-client.js'
import type { Driver } from '../drivers/driver.js'
import type { Plan, PlanCluster, PlanHost } from '../plan/types.js'
import { resolveRunDir } from '../settings/run-context.js'
import { loadPlan, type PlanInput } from '../stages/plan-input.js'
import { TimelineRecorder } from '../timeline/recorder.js'
import { TIMELINE_VERSION } from '../timeline/records.js'
import { timelineFileName, TimelineWriter } from '../timeline/writer.js'
import { ConfigurationError, errorMessage, TargetUnreachableError } from '../util/errors.js'
import type { Logger } from '../util/logging.js'
import { createSwarmDriver } from './driver-factory.js'
import { ObservedHttpMetrics, StatusCounts, WindowedHttp } from './live-stats.js'
import type { ProgressSink, ProgressSnapshot } from './progress/snapshot.js'
import { readRunState, runStateFile, RunStateStore } from './run-state.js'
import { RestTarget } from './targets/rest-target.js'
import { KubeTarget } from './targets/kube-target.js'
import { PLACEHOLDER_PULL_SECRET } from '../kube/builders.js'
import type { ClusterOutcome, PreparedCluster, StatusObserver, Target } from './targets/target.js'
import { startEmbeddedService, type EmbeddedService } from './embedded-service.js'
import { discoverInfraEnvs } from './discover.js'
import { PRIVATE_DIR } from '../util/run-dir.js'

/** A pull secret any syntactically checking service accepts (`user:password`); used only with the simulator. */
const SIMULATOR_PULL_SECRET = JSON.stringify({
  auths: {
    'cloud.openshift.com': { auth: Buffer.from('swarm:swarm').toString('base64'), email: 'swarm@example.com' }
  }
})

export interface LaunchSwarmSettings extends PlanInput {
  runDir?: string
  serviceUrl?: string
  kubeconfig?: string
  pullSecret?: string
  pullSecretFile?: string
  serviceToken?: string
  agentToken?: string
  driver: 'native' | 'process' | 'container'
  binariesDir?: string
  discoverInfraEnvs?: string
  deadlineMs?: number
  cleanup: boolean
  progressIntervalMs: number
  /** How often in-flight clusters are observed (default: 1 s against the simulator's fast profile, else 5 s). */
  pollIntervalMs?: number
}

export interface LaunchSwarmResult {
  plan: Plan
  runId: string
  runDir: string
  timeline: string
  clustersInstalled: number
  clustersFailed: number
  clustersUnfinished: number
  hostsInstalled: number
  interrupted: boolean
  reason: 'completed' | 'deadline' | 'interrupted'
  /** URL of the service the hosts talked to. */
  serviceUrl: string
}

export interface LaunchContext {
  logger: Logger
  signal: AbortSignal
  progress: ProgressSink
  /** Started simulator to reuse (the `run` command and tests); otherwise one is started when needed. */
  embedded?: EmbeddedService
}

/**
 * launch-swarm: from a plan, a target and a driver, drives every cluster from creation to installed (or failed,
 * or the deadline), launching hosts at the plan's ramp with at most K clusters in flight, recording everything
 * into the run's timeline. Re-running the same run id resumes: clusters found in run.json are not created again,
 * hosts past their reboot are not launched again.
 */
export async function launchSwarm(
  settings: LaunchSwarmSettings,
  context: LaunchContext
): Promise<LaunchSwarmResult> {
  const { logger, signal } = context
  // Every in-flight cluster waits on the run's signal (ramp, observation sleeps): that is expected, not a leak.
  setMaxListeners(0, signal)
  const plan = loadPlan(resolvedPlanInput(settings))
  const runDir = resolve(resolveRunDir(settings.runDir, plan.runId))
  for (const note of plan.notes) logger.info(`note: ${note}`)
  const stateFile = runStateFile(plan.shard)
  const previous = readRunState(runDir, stateFile)
  if (previous && previous.runId !== plan.runId) {
    throw new ConfigurationError(
      `${runDir} holds run ${previous.runId}, not ${plan.runId}; use another --out or pass --run-id ${previous.runId}`
    )
  }
  const store = new RunStateStore(
    runDir,
    stateFile,
    previous ?? {
      runId: plan.runId,
      planName: plan.name,
      planPath: settings.planPath,
      shard: `${plan.shard.index}/${plan.shard.count}`,
      target: { kind: plan.target.kind },
      driver: settings.driver,
      startedAt: new Date().toISOString(),
      clusters: {}
    }
  )
  if (previous) (store.state.resumedAt ??= []).push(new Date().toISOString())

  const kind = settings.serviceUrl ? 'rest' : settings.kubeconfig ? 'kube-api' : plan.target.kind
  // kube-api: the pull secret only goes into CRs the run may still have to apply (deploy-crs' placeholder otherwise).
  const pullSecret =
    kind === 'kube-api' && !settings.pullSecret && !settings.pullSecretFile && !plan.pullSecretFile
      ? PLACEHOLDER_PULL_SECRET
      : resolvePullSecret(settings, plan)

  let embedded = context.embedded
  let ownEmbedded = false
  let serviceUrl = settings.serviceUrl ?? plan.target.url
  if (kind === 'simulator' && !serviceUrl) {
    if (!embedded) {
      embedded = await startEmbeddedService({
        profile: plan.target.profile,
        stateFile: join(runDir, PRIVATE_DIR, 'sim-state.json'),
        logger
      })
      ownEmbedded = true
    }
    serviceUrl = embedded.url
  }
  if (!serviceUrl && kind !== 'kube-api')
    throw new ConfigurationError(
      'no service: pass --service URL (or set target.url in the plan), or use the simulator target'
    )
  store.state.target = { kind, ...(kind === 'simulator' || !serviceUrl ? {} : { url: serviceUrl }) }

  const live = new WindowedHttp()
  const writer = new TimelineWriter(join(runDir, timelineFileName(plan.shard)))
  const recorder = new TimelineRecorder(writer, { http: new ObservedHttpMetrics(live) })
  const transport = createTransport({
    // kube-api: hosts take the service URL from the discovery ignition; this user API stays unused.
    baseUrl: serviceUrl ?? 'http://127.0.0.1',
    mode: 'pooled',
    maxConcurrentRequests: 32,
    metrics: recorder.http,
    ...(plan.agent.insecure ? { insecure: true } : {}),
    ...(plan.agent.caFile ? { caCertPem: readFileSync(plan.agent.caFile, 'utf8') } : {})
  })
  const api = new UserApi(transport, {
    serviceUrl: serviceUrl ?? 'http://127.0.0.1',
    ...(settings.serviceToken ? { token: settings.serviceToken } : {})
  })
  const kubeconfig = settings.kubeconfig ?? plan.target.kubeconfig
  const target: Target & { loadExisting?(): Promise<void>; release?(c: PlanCluster): void } =
    kind === 'kube-api'
      ? new KubeTarget({
          plan,
          ...(kubeconfig ? { kubeconfig } : {}),
          pullSecret,
          logger,
          signal,
          ...(settings.agentToken ? { agentToken: settings.agentToken } : {}),
          ...(settings.discoverInfraEnvs ? { discover: settings.discoverInfraEnvs } : {})
        })
      : new RestTarget({
          plan,
          api,
          serviceUrl: serviceUrl!,
          pullSecret,
          logger,
          ...(settings.agentToken ? { agentToken: settings.agentToken } : {}),
          ...(settings.discoverInfraEnvs ? { managed: false } : {})
        })

  let run = new SwarmRun(plan, settings, context, recorder, target, store, live, runDir)
  try {
    await target.connect()
    if (settings.discoverInfraEnvs) {
      plan.clusters =
        target instanceof KubeTarget
          ? await target.discover(store)
          : await discoverInfraEnvs(plan, api, settings.discoverInfraEnvs, store, logger)
      run = new SwarmRun(plan, settings, context, recorder, target, store, live, runDir)
    }
    recorder.event({
      k: 'run',
      ev: previous ? 'resume' : 'start',
      run: plan.runId,
      shard: `${plan.shard.index}/${plan.shard.count}`,
      v: TIMELINE_VERSION,
      name: plan.name,
      driver: settings.driver,
      target: kind,
      clusters: plan.clusters.length,
      hosts: plan.clusters.reduce((n, c) => n + c.hosts.length, 0),
      thresholds: plan.thresholds
    })
    run.began = true
    store.save()
    if (previous) await target.loadExisting?.()
    const driver = await createSwarmDriver(
      settings.driver,
      { plan, recorder, logger, signal, runDir },
      { binariesDir: settings.binariesDir }
    )
    run.driver = driver
    logger.info(
      `run ${plan.runId}: ${plan.clusters.length} clusters, ${run.plannedHosts} hosts, ${settings.driver} driver, ` +
        `${kind === 'simulator' ? `embedded simulator at ${serviceUrl}` : kind === 'kube-api' ? 'kube-api target' : serviceUrl}; run directory ${runDir}`
    )
    const reason = await run.execute()
    return {
      plan,
      runId: plan.runId,
      runDir,
      timeline: writer.path,
      clustersInstalled: run.installed,
      clustersFailed: run.failed,
      clustersUnfinished: plan.clusters.length - run.installed - run.failed - run.readyUnbound,
      hostsInstalled: run.hostCounts.count('installed'),
      interrupted: reason === 'interrupted',
      reason,
      serviceUrl: serviceUrl ?? (target instanceof KubeTarget ? (target.serviceUrl ?? '') : '')
    }
  } finally {
    await run.shutdown()
    await target.close()
    await transport.close()
    // Metrics of the last interval, then `end`: the end record is always the timeline's last line.
    recorder.snapshot()
    if (run.began)
      recorder.event({
        k: 'run',
        ev: 'end',
        run: plan.runId,
        shard: `${plan.shard.index}/${plan.shard.count}`,
        reason: run.reason
      })
    recorder.close()
    store.state.endedAt = new Date().toISOString()
    store.save()
    if (ownEmbedded) await embedded!.close()
  }
}

function resolvedPlanInput(settings: LaunchSwarmSettings): PlanInput {
  return settings
}

function resolvePullSecret(settings: LaunchSwarmSettings, plan: Plan): string {
  const fromFile = (path: string, what: string): string => {
    if (!existsSync(path)) throw new ConfigurationError(`${what}: ${path} does not exist`)
    return readFileSync(path, 'utf8').trim()
  }
  let secret: string | undefined
  let source = ''
  if (settings.pullSecret) [secret, source] = [settings.pullSecret, 'pull-secret']
  else if (settings.pullSecretFile)
    [secret, source] = [fromFile(settings.pullSecretFile, '--pull-secret-file'), settings.pullSecretFile]
  else if (plan.pullSecretFile)
    [secret, source] = [fromFile(plan.pullSecretFile, 'pull_secret_file'), plan.pullSecretFile]
  if (!secret) {
    if (plan.target.kind === 'simulator' && !settings.serviceUrl) return SIMULATOR_PULL_SECRET
    throw new ConfigurationError(
      'a pull secret is required for a real service: pass --pull-secret-file FILE, set ASSISTED_SWARM_PULL_SECRET, or the pull-secret input'
    )
  }
  checkPullSecret(secret, source)
  return secret
}

/** The state of one run while it goes on: the scheduler, the observer of transitions and the live view. */
class SwarmRun implements StatusObserver {
  driver: Driver | undefined
  readonly hostCounts = new StatusCounts()
  readonly clusterCounts = new StatusCounts()
  readonly plannedHosts: number
  installed = 0
  failed = 0
  readyUnbound = 0
  launched = 0
  private inFlight = 0
  private readonly prepared: PreparedCluster[] = []
  private readonly started = Date.now()
  private readonly deadline: number
  private progressTimer: NodeJS.Timeout | undefined
  private stopped = false
  private executing = false
  /** Why the run ended, once it did; written as the timeline's last record. */
  reason: 'completed' | 'deadline' | 'interrupted' | 'error' = 'error'
  /** Set once the start (or resume) record is written. */
  began = false

  constructor(
    private readonly plan: Plan,
    private readonly settings: LaunchSwarmSettings,
    private readonly context: LaunchContext,
    private readonly recorder: TimelineRecorder,
    private readonly target: Target & { release?(c: PlanCluster): void },
    private readonly store: RunStateStore,
    private readonly live: WindowedHttp,
    readonly runDir: string
  ) {
    this.plannedHosts = plan.clusters.reduce((n, c) => n + c.hosts.length, 0)
    this.deadline = this.started + (settings.deadlineMs ?? plan.deadlineMs)
  }

  private get pollMs(): number {
    return (
      this.settings.pollIntervalMs ??
      // kube-api observes through watches, so a pass is cheap; REST passes poll the service, so go gently.
      (this.target.kind === 'kube-api' ||
      (this.plan.target.kind === 'simulator' &&
        this.plan.target.profile === 'fast' &&
        !this.settings.serviceUrl)
        ? 1000
        : 5000)
    )
  }

  async execute(): Promise<'completed' | 'deadline' | 'interrupted'> {
    const { signal } = this.context
    this.executing = true
    const { Gate, RateLimiter } = await import('./rate-limiter.js')
    const gate = new Gate(this.plan.ramp.maxClustersInFlight)
    const limiter = new RateLimiter(this.plan.ramp.hostsPerSecond)
    this.progressTimer = setInterval(() => this.context.progress.update(this.snapshot()), 500)
    this.progressTimer.unref()
    for (const cluster of this.plan.clusters) {
      this.recorder.event({
        k: 'cluster',
        ev: 'planned',
        c: cluster.name,
        hosts: cluster.hosts.length,
        sno: cluster.singleNode
      })
    }
    const tasks: Promise<void>[] = []
    for (const cluster of this.plan.clusters) {
      if (signal.aborted || Date.now() > this.deadline) break
      const refs = this.store.cluster(cluster.name)
      if (refs.outcome) {
        this.countOutcome(refs.outcome)
        continue
      }
      try {
        await gate.acquire(signal)
      } catch {
        break
      }
      this.inFlight++
      tasks.push(
        this.runCluster(cluster, limiter).finally(() => {
          this.inFlight--
          gate.release()
        })
      )
    }
    await Promise.all(tasks)
    const reason = signal.aborted
      ? 'interrupted'
      : Date.now() > this.deadline && this.unfinished()
        ? 'deadline'
        : 'completed'
    if (reason === 'interrupted')
      this.recorder.event({ k: 'run', ev: 'stop', run: this.plan.runId, shard: this.shard() })
    for (const cluster of this.plan.clusters) {
      const refs = this.store.cluster(cluster.name)
      if (!refs.outcome && reason === 'deadline') {
        refs.outcome = 'gave-up'
        this.recorder.event({
          k: 'cluster',
          ev: 'gave-up',
          c: cluster.name,
          ...(refs.clusterId ? { id: refs.clusterId } : {})
        })
      }
    }
    this.reason = reason
    return reason
  }

  private unfinished(): boolean {
    return this.plan.clusters.some(c => !this.store.cluster(c.name).outcome)
  }

  private shard(): string {
    return `${this.plan.shard.index}/${this.plan.shard.count}`
  }

  private countOutcome(outcome: string): void {
    if (outcome === 'installed') this.installed++
    else if (outcome === 'ready-unbound') this.readyUnbound++
    else this.failed++
  }

  private async runCluster(
    cluster: PlanCluster,
    limiter: { take(signal?: AbortSignal): Promise<void> }
  ): Promise<void> {
    const { signal, logger } = this.context
    const refs = this.store.cluster(cluster.name)
    let prepared: PreparedCluster
    try {
      prepared = await this.prepareWithRetry(cluster, refs)
    } catch (error) {
      if (signal.aborted) return
      if (error instanceof TargetUnreachableError || error instanceof ConfigurationError) throw error
      this.error(cluster, `creating the cluster failed: ${errorMessage(error)}`)
      refs.outcome = 'failed'
      this.failed++
      this.store.save()
      return
    }
    this.prepared.push(prepared)
    if (prepared.clusterId) this.clusterEvent(cluster, 'created', undefined, prepared.clusterId)
    this.store.save()
    const hosts = this.store.state.resumedAt ? await this.target.hostsToLaunch(prepared) : cluster.hosts
    const launching = this.launchHosts(prepared, hosts, limiter).catch(error => {
      if (!signal.aborted) this.error(cluster, `launching hosts: ${errorMessage(error)}`)
    })
    let outcome: ClusterOutcome | undefined
    while (!signal.aborted && Date.now() <= this.deadline) {
      try {
        outcome = await this.target.observe(prepared, this)
      } catch (error) {
        if (error instanceof TargetUnreachableError) logger.warning(`${cluster.name}: ${errorMessage(error)}`)
        else this.error(cluster, `observing: ${errorMessage(error)}`)
      }
      if (outcome) break
      try {
        await sleep(this.pollMs, undefined, { signal })
      } catch {
        break
      }
    }
    await launching
    if (outcome) {
      refs.outcome = outcome
      this.countOutcome(outcome)
      this.recorder.event({
        k: 'cluster',
        ev: 'done',
        c: cluster.name,
        status: outcome === 'failed' ? (this.clusterCounts.get(cluster.name) ?? 'error') : outcome,
        ...(prepared.clusterId ? { id: prepared.clusterId } : {})
      })
      this.store.save()
      this.target.release?.(cluster)
    }
  }

  private async prepareWithRetry(
    cluster: PlanCluster,
    refs: ReturnType<RunStateStore['cluster']>
  ): Promise<PreparedCluster> {
    let attempt = 0
    for (;;) {
      try {
        return await this.target.prepare(cluster, refs)
      } catch (error) {
        attempt++
        if (
          attempt >= 3 ||
          error instanceof ConfigurationError ||
          error instanceof TargetUnreachableError ||
          this.context.signal.aborted
        )
          throw error
        await sleep(1000 * attempt, undefined, { signal: this.context.signal })
      }
    }
  }

  private async launchHosts(
    prepared: PreparedCluster,
    hosts: PlanHost[],
    limiter: { take(signal?: AbortSignal): Promise<void> }
  ): Promise<void> {
    const { signal } = this.context
    for (const host of hosts) {
      await limiter.take(signal)
      if (signal.aborted || !this.driver) return
      await this.driver.launch({ host, cluster: prepared.cluster, agent: prepared.agent })
      this.launched++
    }
  }

  cluster(cluster: PlanCluster, status: string, info?: string): void {
    this.clusterCounts.set(cluster.name, status)
    this.recorder.event({ k: 'cluster', ev: 'status', c: cluster.name, status, ...(info ? { info } : {}) })
  }

  host(cluster: PlanCluster, host: PlanHost, status: string, info?: string, hostId?: string): void {
    this.hostCounts.set(host.hostname, status)
    this.recorder.event({
      k: 'host',
      ev: 'status',
      h: host.hostname,
      c: cluster.name,
      status,
      role: host.role,
      ...(hostId ? { id: hostId } : {}),
      ...(info ? { info } : {})
    })
  }

  clusterEvent(cluster: PlanCluster, ev: 'created' | 'install', info?: string, id?: string): void {
    this.recorder.event({
      k: 'cluster',
      ev,
      c: cluster.name,
      ...(id ? { id } : {}),
      ...(info ? { info } : {})
    })
  }

  error(cluster: PlanCluster, message: string, host?: PlanHost): void {
    this.recorder.event({
      k: 'error',
      scope: host ? 'host' : 'cluster',
      c: cluster.name,
      ...(host ? { h: host.hostname } : {}),
      msg: message
    })
    this.context.logger.warning(`${host ? host.hostname : cluster.name}: ${message}`)
  }

  snapshot(): ProgressSnapshot {
    const elapsedMs = Date.now() - this.started
    const done = this.installed + this.failed + this.readyUnbound
    const total = this.plan.clusters.length
    const http = this.live.snapshot()
    const etaMs = done > 0 && done < total ? (elapsedMs / done) * (total - done) : undefined
    return {
      runId: this.plan.runId,
      elapsedMs,
      ...(etaMs !== undefined ? { etaMs } : {}),
      clusters: {
        planned: total,
        done,
        installed: this.installed,
        failed: this.failed,
        inFlight: this.inFlight,
        byStatus: this.clusterCounts.entries()
      },
      hosts: {
        planned: this.plannedHosts,
        launched: this.launched,
        running: this.driver?.running() ?? 0,
        byStatus: this.hostCounts.entries()
      },
      http: { ...http, total: this.live.total, totalErrors: this.live.errors },
      records: this.recorder.written()
    }
  }

  async shutdown(): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    if (this.progressTimer) clearInterval(this.progressTimer)
    await this.driver?.stop()
    if (this.settings.cleanup && this.prepared.length) {
      this.context.logger.info(
        `cleanup: deleting ${this.prepared.length} clusters and infra-envs of run ${this.plan.runId}`
      )
      await this.target.cleanup(this.prepared)
    }
    if (this.executing) this.context.progress.finish(this.snapshot())
  }
}
