/**
 * The kube-api target: the run's CRs (applied by deploy-crs, or here when missing: idempotent server-side
 * apply), ids read from CR status, the agent configuration from each InfraEnv's discovery ignition, Agents
 * approved as they appear, late-binding Agents bound through `spec.clusterDeploymentName`, and statuses from
 * three informers (InfraEnvs, Agents, AgentClusterInstalls: one list + one watch each, never a request per
 * object). Transitions are recorded when the watch delivers them. Success is the ACI condition
 * `Completed=True`, failure `Failed=True` (service-behavior §10). Hosts still speak REST to the service URL
 * the ignition names.
 */
import { readFileSync } from 'node:fs'
import { Agent as HttpAgent, request } from 'undici'
import type { AgentConfig } from '../../drivers/driver.js'
import { clusterNamespace } from '../../kube/builders.js'
import { KubeClient } from '../../kube/client.js'
import { deployCrs } from '../../kube/deploy-crs.js'
import { Informer } from '../../kube/informer.js'
import { KINDS } from '../../kube/kinds.js'
import { INFRAENV_LABEL, runSelector, type KubeObject } from '../../kube/objects.js'
import { teardownRun, describeTeardown } from '../../kube/teardown.js'
import type { Plan, PlanCluster, PlanHost } from '../../plan/types.js'
import { parseDiscoveryIgnition } from '../../sim/ignition.js'
import {
  ConfigurationError,
  errorMessage,
  InterruptedError,
  TargetUnreachableError
} from '../../util/errors.js'
import type { Logger } from '../../util/logging.js'
import type { ClusterRefs, RunStateStore } from '../run-state.js'
import type { ClusterOutcome, PreparedCluster, StatusObserver, Target } from './target.js'

/** Stages after which a host no longer runs an agent: on resume it is not launched again. */
const PAST_REBOOT = new Set(['Rebooting', 'Waiting for ignition', 'Configuring', 'Joined', 'Done'])

/** Which Agents the swarm approves: all (the default), or none (the InfraEnv's autoApprove, or someone else, does). */
export type ApprovalPolicy = 'all' | 'none'

export interface KubeTargetOptions {
  plan: Plan
  /** Default: the plan's target.kubeconfig, then $KUBECONFIG / ~/.kube/config. */
  kubeconfig?: string
  context?: string
  pullSecret: string
  logger: Logger
  signal: AbortSignal
  /** X-Secret-Key for hosts, overriding the ignition's token. */
  agentToken?: string
  /** `--discover-infraenvs`: a label selector of existing InfraEnvs (or "all") instead of the run's own. */
  discover?: string
  approval?: ApprovalPolicy
  /** Apply the run's CRs in connect() when not discovering (default true). */
  applyCrs?: boolean
  /** How long prepare() waits for the service to write ids into the CRs' status (default 10 min). */
  statusTimeoutMs?: number
  /** An existing client (tests); closed by close() only when the target made it. */
  client?: KubeClient
}

interface Condition {
  type?: string
  status?: string
  reason?: string
  message?: string
}

interface AgentSpec {
  approved?: boolean
  role?: string
  clusterDeploymentName?: { name?: string; namespace?: string }
}

interface DebugInfo {
  eventsURL?: string
  state?: string
  stateInfo?: string
}

/** Per plan cluster: where its CRs are and what was last recorded. */
interface ClusterState {
  cluster: PlanCluster
  namespace: string
  infraEnv: string
  /** The ClusterDeployment (= AgentClusterInstall) name; absent for InfraEnv-only clusters. */
  cd?: string
  managed: boolean
  hosts: Map<string, PlanHost>
  hostStates: Map<string, string>
  clusterState?: string
  patched: Set<string>
  bindRequested: Set<string>
  outcome?: ClusterOutcome
  /** When the ACI's outcome was first seen (the hosts' last transitions may still be on their way). */
  outcomeAt?: number
  wake?: () => void
}

/** Host states after which nothing more is expected. */
const HOST_FINAL = new Set(['installed', 'added-to-existing-cluster', 'error', 'cancelled'])
/** How long an installed cluster waits for its Agents' last transitions (another watch; §10: ≈20 s earlier). */
const HOSTS_GRACE_MS = 15_000

const statusOf = (object: KubeObject | undefined): { debugInfo?: DebugInfo; conditions?: Condition[] } =>
  (object?.status ?? {}) as { debugInfo?: DebugInfo; conditions?: Condition[] }

function conditionOf(object: KubeObject | undefined, type: string): Condition | undefined {
  return statusOf(object).conditions?.find(c => c.type === type)
}

function idFromEventsUrl(
  object: KubeObject | undefined,
  param: 'infra_env_id' | 'cluster_id'
): string | undefined {
  return new RegExp(`[?&]${param}=([0-9a-f-]{36})`).exec(statusOf(object).debugInfo?.eventsURL ?? '')?.[1]
}

const key = (namespace: string | undefined, name: string): string => `${namespace ?? ''}/${name}`

export class KubeTarget implements Target {
  readonly kind = 'kube-api' as const
  private client: KubeClient | undefined
  private readonly informers: Informer[] = []
  private infraEnvs!: Informer
  private agents!: Informer
  private acis!: Informer
  /** ns/infraenv → cluster state. */
  private readonly byInfraEnv = new Map<string, ClusterState>()
  private readonly byName = new Map<string, ClusterState>()
  /** ns/cd → cluster state (ACI events). */
  private readonly byCd = new Map<string, ClusterState>()
  private readonly waiters = new Set<() => void>()
  private observer: StatusObserver | undefined
  private ignitionAgent: HttpAgent | undefined
  /** The service URL the hosts were given (from the first discovery ignition). */
  serviceUrl: string | undefined

  constructor(private readonly options: KubeTargetOptions) {}

  /** The client's request counters (what the benchmark and tests read). */
  get requests(): { requests: number; watches: number } {
    return this.client?.counters ?? { requests: 0, watches: 0 }
  }

  async connect(): Promise<void> {
    const { plan, logger } = this.options
    const kubeconfig = this.options.kubeconfig ?? plan.target.kubeconfig
    this.client =
      this.options.client ??
      (await KubeClient.create({
        ...(kubeconfig ? { kubeconfig } : {}),
        ...(this.options.context ? { context: this.options.context } : {})
      }))
    // One listener for every waiter (not one each: many clusters prepare at once).
    this.options.signal.addEventListener('abort', () => this.checkWaiters(), { once: true })
    const version = await this.client.probe({ signal: this.options.signal })
    logger.info(`kube-api target: ${this.client.server} (Kubernetes ${version})`)
    if (!this.options.discover && this.options.applyCrs !== false) {
      // deploy-crs may have run already: server-side apply of the same objects changes nothing then.
      await deployCrs({
        plan,
        client: this.client,
        pullSecret: this.options.pullSecret,
        logger,
        wait: 'never',
        signal: this.options.signal
      })
    }
    const discover = this.options.discover
    const selector = discover ? (discover === 'all' ? undefined : discover) : runSelector(plan.runId)
    this.infraEnvs = this.informer('InfraEnv', selector)
    this.acis = this.informer('AgentClusterInstall', discover ? undefined : runSelector(plan.runId))
    // Agents carry the run label through the InfraEnvs' agentLabels; discovered InfraEnvs' Agents their name.
    this.agents = this.informer('Agent', discover ? INFRAENV_LABEL : runSelector(plan.runId))
    if (!discover)
      for (const cluster of plan.clusters)
        this.track(cluster, clusterNamespace(plan, cluster), cluster.infraEnvName, true)
    for (const informer of this.informers) await informer.start()
  }

  private informer(
    kind: 'InfraEnv' | 'Agent' | 'AgentClusterInstall',
    labelSelector: string | undefined
  ): Informer {
    const informer = new Informer(this.client!, {
      kind: KINDS[kind],
      logger: this.options.logger,
      ...(labelSelector ? { labelSelector } : {})
    })
    informer.on((event, object) => {
      if (event === 'deleted') return
      if (kind === 'Agent') this.onAgent(object)
      else if (kind === 'AgentClusterInstall') this.onAci(object)
      this.checkWaiters()
    })
    this.informers.push(informer)
    return informer
  }

  private checkWaiters(): void {
    for (const check of [...this.waiters]) check()
  }

  private track(
    cluster: PlanCluster,
    namespace: string,
    infraEnv: string,
    managed: boolean,
    cd?: string
  ): ClusterState {
    const state: ClusterState = {
      cluster,
      namespace,
      infraEnv,
      ...(cluster.justInfraEnv ? {} : { cd: cd ?? cluster.name }),
      managed,
      hosts: new Map(cluster.hosts.map(h => [h.id, h])),
      hostStates: new Map(),
      patched: new Set(),
      bindRequested: new Set()
    }
    this.byInfraEnv.set(key(namespace, infraEnv), state)
    this.byName.set(cluster.name, state)
    if (state.cd) this.byCd.set(key(namespace, state.cd), state)
    return state
  }

  /**
   * `--discover-infraenvs SELECTOR`: the InfraEnvs matching it, in namespace/name order, paired with the
   * plan's clusters. Their clusters are only observed: Agents are approved (the hosts are the swarm's), but
   * neither roles nor bindings are set.
   */
  async discover(store: RunStateStore): Promise<PlanCluster[]> {
    const { plan, logger } = this.options
    const found = this.infraEnvs
      .objects()
      .sort((a, b) =>
        key(a.metadata.namespace, a.metadata.name).localeCompare(key(b.metadata.namespace, b.metadata.name))
      )
    if (!found.length)
      throw new ConfigurationError(
        `--discover-infraenvs ${JSON.stringify(this.options.discover)}: no InfraEnv matches (use "all" or a label selector such as "team=perf")`
      )
    const planned = plan.clusters.slice().sort((a, b) => a.index - b.index)
    if (found.length !== planned.length)
      logger.warning(
        `${found.length} InfraEnvs match and the plan has ${planned.length} clusters; pairing the first ${Math.min(found.length, planned.length)}`
      )
    const clusters: PlanCluster[] = []
    for (let i = 0; i < Math.min(found.length, planned.length); i++) {
      const ie = found[i]!
      const ref = (ie.spec as { clusterRef?: { name?: string; namespace?: string } } | undefined)?.clusterRef
      const cluster: PlanCluster = {
        ...planned[i]!,
        justInfraEnv: !ref?.name,
        lateBinding: false,
        infraEnvName: ie.metadata.name
      }
      this.track(cluster, ie.metadata.namespace!, ie.metadata.name, false, ref?.name)
      store.cluster(cluster.name)
      clusters.push(cluster)
      logger.info(
        `${cluster.name}: ${cluster.hosts.length} host(s) into InfraEnv ${ie.metadata.namespace}/${ie.metadata.name}`
      )
    }
    store.save()
    return clusters
  }

  private stateOf(cluster: PlanCluster): ClusterState {
    const state = this.byName.get(cluster.name)
    if (!state) throw new ConfigurationError(`cluster ${cluster.name} is not part of this kube-api run`)
    return state
  }

  /** Resolves once `check` returns a value (re-checked on every watch event), or fails at the timeout. */
  private waitFor<T>(check: () => T | undefined, what: string): Promise<T> {
    const first = check()
    if (first !== undefined) return Promise.resolve(first)
    const timeoutMs = this.options.statusTimeoutMs ?? 600_000
    return new Promise<T>((resolve, reject) => {
      const done = (): void => {
        this.waiters.delete(test)
        clearTimeout(timer)
      }
      const test = (): void => {
        if (this.options.signal.aborted) {
          done()
          reject(new InterruptedError())
          return
        }
        const value = check()
        if (value === undefined) return
        done()
        resolve(value)
      }
      const timer = setTimeout(() => {
        done()
        reject(
          new TargetUnreachableError(
            `${what}: no status written by the service after ${Math.round(timeoutMs / 1000)} s (is assisted-service, or \`assisted-swarm sim --kubeconfig\`, acting on these CRs?)`
          )
        )
      }, timeoutMs)
      this.waiters.add(test)
    })
  }

  async prepare(cluster: PlanCluster, refs: ClusterRefs): Promise<PreparedCluster> {
    const state = this.stateOf(cluster)
    const ieWhat = `InfraEnv ${state.namespace}/${state.infraEnv}`
    const image = await this.waitFor(() => {
      const ie = this.infraEnvs.get(state.namespace, state.infraEnv)
      const id = idFromEventsUrl(ie, 'infra_env_id')
      const url = (ie?.status as { bootArtifacts?: { discoveryIgnitionURL?: string } } | undefined)
        ?.bootArtifacts?.discoveryIgnitionURL
      return id && url ? { id, url } : undefined
    }, ieWhat)
    refs.infraEnvId = image.id
    let clusterId: string | undefined
    if (state.cd) {
      clusterId = await this.waitFor(
        () => idFromEventsUrl(this.aciOf(state), 'cluster_id'),
        `AgentClusterInstall ${state.namespace}/${state.cd}`
      )
      refs.clusterId = clusterId
    }
    const agent = await this.agentConfig(image.url, image.id, ieWhat)
    return { cluster, ...(clusterId ? { clusterId } : {}), infraEnvId: image.id, agent }
  }

  private aciOf(state: ClusterState): KubeObject | undefined {
    if (!state.cd) return undefined
    const direct = this.acis.get(state.namespace, state.cd)
    if (direct || state.managed) return direct
    return this.acis
      .objects()
      .find(
        a =>
          a.metadata.namespace === state.namespace &&
          (a.spec as { clusterDeploymentRef?: { name?: string } } | undefined)?.clusterDeploymentRef?.name ===
            state.cd
      )
  }

  /** The discovery ignition through its signed URL (the token is in it), read as a booted host would. */
  private async agentConfig(url: string, infraEnvId: string, what: string): Promise<AgentConfig> {
    const { plan } = this.options
    if (url.startsWith('https:') && !this.ignitionAgent) {
      this.ignitionAgent = new HttpAgent({
        connect: {
          rejectUnauthorized: !plan.agent.insecure,
          ...(plan.agent.caFile ? { ca: readFileSync(plan.agent.caFile, 'utf8') } : {})
        }
      })
    }
    let text: string
    try {
      const response = await request(url, {
        method: 'GET',
        headers: { accept: 'application/octet-stream' },
        ...(this.ignitionAgent ? { dispatcher: this.ignitionAgent } : {}),
        signal: AbortSignal.timeout(60_000)
      })
      text = await response.body.text()
      if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}: ${text.slice(0, 200)}`)
    } catch (error) {
      if (this.options.signal.aborted) throw new InterruptedError()
      // The URL holds a token: name the object, not the URL.
      throw new TargetUnreachableError(
        `${what}: cannot download the discovery ignition: ${errorMessage(error)}`
      )
    }
    const parsed = parseDiscoveryIgnition(text)
    const token = this.options.agentToken ?? parsed.pullSecretToken
    if (!parsed.serviceUrl)
      throw new TargetUnreachableError(`${what}: the discovery ignition names no service URL`)
    this.serviceUrl ??= parsed.serviceUrl
    return {
      serviceUrl: parsed.serviceUrl,
      infraEnvId: parsed.infraEnvId ?? infraEnvId,
      ...(token ? { pullSecretToken: token } : {}),
      ...(parsed.caCertPem ? { caCertPem: parsed.caCertPem } : {}),
      insecure: plan.agent.insecure,
      agentVersion: plan.agent.version
    }
  }

  async hostsToLaunch(prepared: PreparedCluster): Promise<PlanHost[]> {
    const state = this.stateOf(prepared.cluster)
    const done = new Set(
      this.agentsOf(state)
        .filter(a => {
          const status = a.status as
            { debugInfo?: DebugInfo; progress?: { currentStage?: string } } | undefined
          return (
            status?.debugInfo?.state === 'installed' || PAST_REBOOT.has(status?.progress?.currentStage ?? '')
          )
        })
        .map(a => a.metadata.name)
    )
    return prepared.cluster.hosts.filter(h => !done.has(h.id))
  }

  private agentsOf(state: ClusterState): KubeObject[] {
    return this.agents
      .objects()
      .filter(
        a =>
          a.metadata.namespace === state.namespace && a.metadata.labels?.[INFRAENV_LABEL] === state.infraEnv
      )
  }

  // ---- watch events --------------------------------------------------------------------------------------

  private onAgent(agent: KubeObject): void {
    const state = this.byInfraEnv.get(
      key(agent.metadata.namespace, agent.metadata.labels?.[INFRAENV_LABEL] ?? '')
    )
    if (!state) return
    const host = state.hosts.get(agent.metadata.name)
    if (!host) return
    this.manageAgent(state, host, agent)
    if (this.observer) this.recordAgent(state, host, agent, this.observer)
    state.wake?.()
  }

  /** Approval (with the plan role for multi-node clusters) and late binding, each requested once. */
  private manageAgent(state: ClusterState, host: PlanHost, agent: KubeObject): void {
    const spec = (agent.spec ?? {}) as AgentSpec
    const name = agent.metadata.name
    const patch: Record<string, unknown> = {}
    if (!state.patched.has(name)) {
      if (!spec.approved && (this.options.approval ?? 'all') === 'all') patch.approved = true
      // The plan role, so the report knows which host is which (as the REST target does).
      if (state.managed && !state.cluster.singleNode && spec.role !== host.role) patch.role = host.role
      if (Object.keys(patch).length) state.patched.add(name)
    }
    const debug = statusOf(agent).debugInfo
    if (
      state.managed &&
      state.cluster.lateBinding &&
      state.cd &&
      !spec.clusterDeploymentName?.name &&
      debug?.state === 'known-unbound' &&
      !state.bindRequested.has(name)
    ) {
      patch.clusterDeploymentName = { name: state.cd, namespace: state.namespace }
      state.bindRequested.add(name)
    }
    if (!Object.keys(patch).length) return
    this.client!.mergePatch(KINDS.Agent, name, agent.metadata.namespace, { spec: patch }).catch(error => {
      // Asked again on the next event of this Agent (or the next observation).
      state.patched.delete(name)
      state.bindRequested.delete(name)
      this.observer?.error(state.cluster, `patching Agent ${name}: ${errorMessage(error)}`, host)
    })
  }

  private recordAgent(
    state: ClusterState,
    host: PlanHost,
    agent: KubeObject,
    observer: StatusObserver
  ): void {
    const debug = statusOf(agent).debugInfo
    if (!debug?.state || state.hostStates.get(host.id) === debug.state) return
    state.hostStates.set(host.id, debug.state)
    observer.host(state.cluster, host, debug.state, debug.stateInfo, host.id)
  }

  private onAci(aci: KubeObject): void {
    const cd =
      (aci.spec as { clusterDeploymentRef?: { name?: string } } | undefined)?.clusterDeploymentRef?.name ??
      aci.metadata.name
    const state =
      this.byCd.get(key(aci.metadata.namespace, cd)) ??
      this.byCd.get(key(aci.metadata.namespace, aci.metadata.name))
    if (!state || this.aciOf(state) !== aci) return
    if (this.observer) this.recordAci(state, aci, this.observer)
    state.wake?.()
  }

  private recordAci(state: ClusterState, aci: KubeObject, observer: StatusObserver): void {
    const debug = statusOf(aci).debugInfo
    const completed = conditionOf(aci, 'Completed')
    const failed = conditionOf(aci, 'Failed')
    // A REST poller can miss `installed` (it lasts milliseconds, §10 point 5): the condition is the truth.
    const status =
      completed?.status === 'True' ? 'installed' : failed?.status === 'True' ? 'error' : debug?.state
    if (status && status !== state.clusterState) {
      state.clusterState = status
      observer.cluster(
        state.cluster,
        status,
        completed?.status === 'True' || failed?.status === 'True'
          ? failed?.status === 'True'
            ? failed.message
            : completed?.reason
          : debug?.stateInfo
      )
    }
    if (completed?.status === 'True') state.outcome = 'installed'
    else if (failed?.status === 'True') state.outcome = 'failed'
    if (state.outcome) state.outcomeAt ??= Date.now()
  }

  async observe(prepared: PreparedCluster, observer: StatusObserver): Promise<ClusterOutcome | undefined> {
    this.observer = observer
    const state = this.stateOf(prepared.cluster)
    // Catch up with what the watches delivered before the first observation; afterwards events are recorded
    // as they arrive.
    for (const agent of this.agentsOf(state)) {
      const host = state.hosts.get(agent.metadata.name)
      if (host) {
        this.manageAgent(state, host, agent)
        this.recordAgent(state, host, agent, observer)
      }
    }
    const aci = this.aciOf(state)
    if (aci) this.recordAci(state, aci, observer)
    const outcome = this.outcomeOf(state)
    if (outcome) return outcome
    // Wait (briefly) for the next event of this cluster, so an end is seen when it happens.
    await new Promise<void>(resolve => {
      const timer = setTimeout(resolve, 1000)
      state.wake = () => {
        clearTimeout(timer)
        resolve()
      }
    })
    state.wake = undefined
    return this.outcomeOf(state)
  }

  private outcomeOf(state: ClusterState): ClusterOutcome | undefined {
    if (state.cluster.justInfraEnv) {
      const ready = state.cluster.hosts.every(h => state.hostStates.get(h.id) === 'known-unbound')
      return ready ? 'ready-unbound' : undefined
    }
    // Agents and the ACI come through different watches: an installed cluster ends once its hosts' final
    // states arrived too (normally long before), or after a grace period.
    if (
      state.outcome === 'installed' &&
      Date.now() - (state.outcomeAt ?? 0) < HOSTS_GRACE_MS &&
      !state.cluster.hosts.every(h => HOST_FINAL.has(state.hostStates.get(h.id) ?? ''))
    )
      return undefined
    return state.outcome
  }

  async cleanup(_prepared: PreparedCluster[]): Promise<void> {
    if (this.options.discover || !this.client) return
    // Not bound to the run's signal: cleanup also runs after an interruption.
    const result = await teardownRun(this.client, {
      runId: this.options.plan.runId,
      logger: this.options.logger
    })
    this.options.logger.info(describeTeardown(result))
  }

  /** A finished cluster: later events of its objects are ignored. */
  release(cluster: PlanCluster): void {
    const state = this.byName.get(cluster.name)
    if (state) this.byInfraEnv.delete(key(state.namespace, state.infraEnv))
  }

  async close(): Promise<void> {
    for (const informer of this.informers) informer.stop()
    this.checkWaiters()
    await this.ignitionAgent?.close()
    if (!this.options.client) this.client?.close()
  }
}
