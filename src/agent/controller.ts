import type {
  Cluster,
  FinalizingStage,
  Host,
  HostStage,
  MonitoredOperator,
  OperatorMonitorReport
} from '../api/generated/models.js'
import type { TransportResponse } from '../api/transport.js'
import type { ClusterRuntime } from './cluster-runtime.js'
import { jitter, type AgentEnvironment } from './environment.js'
import { putClusterLogsProgress, uploadControllerLogs, type ControllerLogsTarget } from './log-upload.js'
import { reportProgress } from './progress.js'
import { Sleeper } from './sleeper.js'
import { peerById } from './steps/peers.js'
import { ingressCaPem } from './x509.js'

/** Statuses at which the controller's main loop ends (agent-protocol §4.4). */
const FINAL_CLUSTER_STATUSES = new Set(['installed', 'error', 'cancelled', 'adding-hosts'])
const JOINABLE_STAGES = new Set(['Configuring', 'Rebooting'])
const CONFIGURING_OR_LATER = new Set(['Configuring', 'Joined', 'Done'])
/** The ClusterOperators of a fresh OpenShift cluster, for complete-installation's report. */
const CLUSTER_OPERATORS = (
  'authentication baremetal cloud-controller-manager cloud-credential cluster-autoscaler config-operator console ' +
  'control-plane-machine-set csi-snapshot-controller dns etcd image-registry ingress insights kube-apiserver ' +
  'kube-controller-manager kube-scheduler kube-storage-version-migrator machine-api machine-approver machine-config ' +
  'marketplace monitoring network node-tuning openshift-apiserver openshift-controller-manager openshift-samples ' +
  'operator-lifecycle-manager operator-lifecycle-manager-catalog operator-lifecycle-manager-packageserver service-ca storage'
).split(' ')

const ok = (res: TransportResponse): boolean => isOk(res.status)
const isOk = (status: number): boolean => status >= 200 && status < 300

export type ControllerEnd =
  'installed' | 'error' | 'cancelled' | 'adding-hosts' | 'gone' | 'unauthorized' | 'stopped'

/**
 * The emulated assisted-installer-controller of one cluster (agent-protocol §4, §6.4). It starts when the real
 * pod could (the driver calls `run()` when the cluster runtime says so), announces itself ready (releasing the
 * bootstrap), reports rebooted hosts Configuring/Joined/Done as their emulated nodes appear and become Ready, and
 * in finalizing walks the real sequence: operators progressing then available, the ingress CA, OLM operators,
 * Done, complete-installation. It ends when the service calls the cluster installed (or error, cancelled), after
 * the final log upload.
 */
export class EmulatedController {
  private readonly sleeper = new Sleeper()
  private readonly loopSleepers: Sleeper[] = []
  private finished = false
  private readonly lines: string[] = []
  private endState: ControllerEnd | undefined
  private operatorsSince: number | undefined
  private finalizingStarted = false
  private readonly availableAfter = new Map<string, number>()
  private kubeconfig: Promise<boolean> | undefined
  private readonly notifiers: Promise<void>[] = []

  constructor(
    private readonly env: AgentEnvironment,
    private readonly runtime: ClusterRuntime
  ) {}

  get ended(): ControllerEnd | undefined {
    return this.endState
  }

  get active(): boolean {
    return this.endState === undefined
  }

  private get clusterId(): string {
    return this.runtime.clusterId!
  }

  private get pollMs(): number {
    return this.env.planTiming.controllerPollMs
  }

  private get clusterName(): string {
    return this.runtime.plan.name
  }

  private log(line: string): void {
    if (this.lines.length < 200) this.lines.push(line)
  }

  stop(): void {
    this.finished = true
    this.sleeper.stop()
    for (const s of this.loopSleepers) s.stop()
  }

  private get stopped(): boolean {
    return this.sleeper.stopped
  }

  private request(
    endpoint: string,
    extra: { query?: Record<string, string | boolean>; json?: unknown; accept?: string } = {}
  ): Promise<TransportResponse> {
    return this.env.transport.request({
      endpoint,
      params: { cluster_id: this.clusterId },
      ...extra,
      secretKey: this.runtime.secretKey,
      retry: this.env.retry.controller
    })
  }

  private async getCluster(withHosts: boolean): Promise<{ res: TransportResponse; cluster?: Cluster }> {
    // the real client always says which (go-swagger sends exclude-hosts=false too)
    const res = await this.request('v2GetCluster', { query: { 'exclude-hosts': !withHosts } })
    if (res.status !== 200) return { res }
    try {
      return { res, cluster: res.json<Cluster>() }
    } catch {
      return { res }
    }
  }

  async run(): Promise<ControllerEnd> {
    try {
      this.endState = await this.main()
    } catch (error) {
      this.env.recorder.event({
        k: 'error',
        scope: 'cluster',
        c: this.clusterName,
        msg: `controller: ${(error as Error).message}`
      })
      this.endState = 'stopped'
    }
    return this.endState
  }

  private async main(): Promise<ControllerEnd> {
    // The pod is scheduled and starts (plan: controller_ready).
    await this.sleeper.sleep(jitter(this.env, this.env.planTiming.controllerReadyMs))
    // SetReadyState: every second until the service answers, then the AssistedControllerIsReady event.
    for (;;) {
      if (this.stopped) return 'stopped'
      const { res } = await this.getCluster(false)
      if (res.status === 200) break
      if (res.status === 404) return 'gone'
      await this.sleeper.sleep(1000)
    }
    this.log('controller is ready')
    this.runtime.markControllerReady()
    const postInstall = this.postInstallLoop()
    const loops = [this.nodesLoop(), postInstall, this.logsLoop()]
    const end = await this.waitLoop()
    if (end === 'installed' && this.finalizingStarted) {
      // The real main loop looks every 60 s, so a finalizing sequence under way normally completes before it sees
      // `installed`; with fast timings, let it finish (bounded) instead of cutting it.
      await Promise.race([postInstall, this.sleeper.sleep(this.pollMs * 20)])
    }
    this.finished = true
    for (const s of this.loopSleepers) s.wake()
    await Promise.allSettled(loops)
    if (end !== 'stopped') await this.finalLogs()
    // the real main function waits for its reboot notifiers (RebootsNotifier.Finalize) before it exits
    await Promise.allSettled(this.notifiers)
    return end
  }

  /**
   * The reboots notifier (NOTIFY_NUM_REBOOTS, §4.3): for a node newly Done, once per controller the
   * kubeconfig-noingress download, then the node's reboot count (`oc debug node -- last reboot` in the new
   * cluster: one reboot here) as a `reboots_for_node` event.
   */
  private async notifyReboots(host: Host): Promise<void> {
    this.kubeconfig ??= this.request('V2DownloadClusterCredentials', {
      query: { file_name: 'kubeconfig-noingress' },
      accept: 'application/octet-stream'
    }).then(ok)
    if (!(await this.kubeconfig) || this.stopped) return
    const peer = peerById(this.runtime.plan, host.id)
    const node = (peer?.hostname ?? host.requested_hostname ?? host.id ?? '').toLowerCase()
    await this.env.transport.request({
      endpoint: 'v2TriggerEvent',
      json: {
        name: 'reboots_for_node',
        cluster_id: this.clusterId,
        host_id: host.id,
        infra_env_id: host.infra_env_id ?? this.runtime.infraEnvId,
        category: 'user',
        severity: 'info',
        message: `Node ${node} has been rebooted 1 times before completing installation`,
        event_time: new Date().toISOString()
      },
      secretKey: this.runtime.secretKey,
      retry: this.env.retry.controller
    })
  }

  private loopSleeper(): Sleeper {
    const sleeper = new Sleeper()
    if (this.finished || this.stopped) sleeper.stop()
    this.loopSleepers.push(sleeper)
    return sleeper
  }

  /** Main wait loop (§4.4): GET the cluster until a final status; a 404 or three 401s end it. */
  private async waitLoop(): Promise<ControllerEnd> {
    let unauthorized = 0
    for (;;) {
      if (this.stopped) return 'stopped'
      const { res, cluster } = await this.getCluster(false)
      if (this.stopped) return 'stopped'
      if (res.status === 404) return 'gone'
      if (res.status === 401) {
        if (++unauthorized >= 3) return 'unauthorized'
      } else {
        unauthorized = 0
      }
      if (cluster?.status && FINAL_CLUSTER_STATUSES.has(cluster.status)) {
        this.log(`cluster is ${cluster.status}`)
        return cluster.status as ControllerEnd
      }
      await this.sleeper.sleep(this.pollMs * 2)
    }
  }

  private async putStage(host: Host, stage: HostStage): Promise<number> {
    const peer = peerById(this.runtime.plan, host.id)
    return reportProgress(this.env, {
      infraEnvId: host.infra_env_id ?? this.runtime.infraEnvId ?? '',
      hostId: host.id!,
      stage,
      info: '',
      secretKey: this.runtime.secretKey,
      retry: this.env.retry.controller,
      by: 'controller',
      hostname: peer?.hostname ?? host.requested_hostname ?? host.id!,
      clusterName: this.clusterName
    })
  }

  /** WaitAndUpdateNodesStatus (§4.3): Joined for nodes that appeared, Done for Ready ones, Configuring from the MCS log. */
  private async nodesLoop(): Promise<void> {
    const sleeper = this.loopSleeper()
    while (!this.finished) {
      const { cluster } = await this.getCluster(true)
      const hosts = cluster?.hosts ?? []
      if (cluster && hosts.length && hosts.every(h => h.status === 'installed' || h.status === 'error'))
        return
      for (const host of hosts) {
        if (!host.id || this.finished) continue
        const node = this.runtime.nodeState(host.id)
        let stage = host.progress?.current_stage ?? ''
        if ((node === 'joined' || node === 'ready') && JOINABLE_STAGES.has(stage)) {
          if (isOk(await this.putStage(host, 'Joined'))) stage = 'Joined'
        }
        if (node === 'ready' && stage !== 'Done' && stage !== 'Failed' && stage !== '') {
          if (isOk(await this.putStage(host, 'Done')) && this.runtime.notifyNumReboots)
            this.notifiers.push(this.notifyReboots(host))
        }
      }
      if (!this.runtime.singleNode && !this.finished) {
        const again = await this.getCluster(true)
        for (const host of again.cluster?.hosts ?? []) {
          if (!host.id || this.finished) continue
          if (
            this.runtime.nodeState(host.id) === 'mcs' &&
            !CONFIGURING_OR_LATER.has(host.progress?.current_stage ?? '')
          ) {
            await this.putStage(host, 'Configuring')
          }
        }
      }
      await sleeper.sleep(this.pollMs)
    }
  }

  /** UploadLogs (§4.3): the controller logs every 5 minutes while it runs. */
  private async logsLoop(): Promise<void> {
    const sleeper = this.loopSleeper()
    while (!this.finished) {
      await sleeper.sleep(this.env.timings.controllerLogsMs)
      if (this.finished) return
      await uploadControllerLogs(this.env, this.logsTarget())
    }
  }

  private logsTarget(): ControllerLogsTarget {
    return {
      clusterId: this.clusterId,
      clusterName: this.clusterName,
      secretKey: this.runtime.secretKey,
      retry: this.env.retry.controller,
      lines: this.lines
    }
  }

  private async finalLogs(): Promise<void> {
    const target = this.logsTarget()
    await putClusterLogsProgress(this.env, target, 'requested')
    await uploadControllerLogs(this.env, target)
    await putClusterLogsProgress(this.env, target, 'completed')
  }

  private async finalizingStage(stage: FinalizingStage, sleeper: Sleeper): Promise<void> {
    while (!this.finished) {
      const res = await this.request('v2UpdateClusterFinalizingProgress', {
        json: { finalizing_stage: stage }
      })
      if (ok(res)) {
        this.log(`finalizing stage: ${stage}`)
        return
      }
      await sleeper.sleep(this.pollMs)
    }
  }

  private async operators(sleeper: Sleeper): Promise<MonitoredOperator[] | undefined> {
    while (!this.finished) {
      const res = await this.request('V2ListOfClusterOperators')
      if (res.status === 200) {
        try {
          return res.json<MonitoredOperator[]>()
        } catch {
          /* retried */
        }
      }
      await sleeper.sleep(Math.min(10_000, this.pollMs))
    }
    return undefined
  }

  /** What the new cluster's ClusterOperator/CSV says about an operator: progressing, then available with plan timing. */
  private k8sStatus(name: string): 'progressing' | 'available' {
    this.operatorsSince ??= Date.now()
    let after = this.availableAfter.get(name)
    if (after === undefined) {
      after = jitter(this.env, this.env.planTiming.operatorsAvailableMs)
      this.availableAfter.set(name, after)
    }
    return Date.now() - this.operatorsSince >= after ? 'available' : 'progressing'
  }

  private report(op: MonitoredOperator, status: 'progressing' | 'available'): OperatorMonitorReport {
    const version = op.version || this.runtime.openshiftVersion || ''
    return {
      name: op.name,
      version,
      status,
      status_info: status === 'available' ? 'All is well' : `Working towards ${version || 'the release'}`
    }
  }

  /** Reports `watched` operators until the service shows each available. */
  private async reportOperators(
    watched: (op: MonitoredOperator) => boolean,
    sleeper: Sleeper
  ): Promise<void> {
    while (!this.finished) {
      const listed = await this.operators(sleeper)
      if (!listed) return
      const pending = listed.filter(op => watched(op) && op.status !== 'available')
      if (!pending.length) return
      for (const op of pending) {
        const status = this.k8sStatus(op.name ?? '')
        if (status !== op.status) {
          await this.request('v2ReportMonitoredOperatorStatus', { json: this.report(op, status) })
          this.log(`operator ${op.name}: ${status}`)
        }
      }
      await sleeper.sleep(this.pollMs)
    }
  }

  /** PostInstallConfigs (§4.5): waits for finalizing, then the finalizing sequence and complete-installation. */
  private async postInstallLoop(): Promise<void> {
    const sleeper = this.loopSleeper()
    while (!this.finished) {
      const { cluster } = await this.getCluster(false)
      if (cluster?.status === 'finalizing') break
      await sleeper.sleep(this.pollMs)
    }
    if (this.finished) return
    this.finalizingStarted = true
    await this.finalizingStage('Waiting for cluster operators', sleeper)
    this.operatorsSince = Date.now()
    // console (and cvo when the service monitors it): the builtin operators the controller watches.
    await this.reportOperators(
      op => op.operator_type !== 'olm' && (op.name === 'console' || op.name === 'cvo'),
      sleeper
    )

    await this.finalizingStage('Adding router ca', sleeper)
    while (!this.finished) {
      const res = await this.request('v2UploadClusterIngressCert', { json: ingressCaPem() })
      if (res.status === 201) break
      await sleeper.sleep(Math.min(10_000, this.pollMs))
    }

    await this.finalizingStage('Waiting for olm operators csv initialization', sleeper)
    const listed = await this.operators(sleeper)
    const olm = (listed ?? []).filter(op => op.operator_type === 'olm')
    if (olm.length && !this.finished) {
      await this.finalizingStage('Applying olm manifests', sleeper)
      await this.request('V2DownloadClusterFiles', {
        query: { file_name: 'custom_manifests.json' },
        accept: 'application/octet-stream'
      })
      await this.request('V2DownloadClusterCredentials', {
        query: { file_name: 'kubeconfig-noingress' },
        accept: 'application/octet-stream'
      })
      await this.finalizingStage('Waiting for olm operators csv', sleeper)
      this.operatorsSince = Date.now()
      await this.reportOperators(op => op.operator_type === 'olm', sleeper)
    }
    if (this.finished) return
    await this.finalizingStage('Done', sleeper)

    const data = {
      CLUSTER_OPERATORS_REPORT: CLUSTER_OPERATORS.map(name => ({
        name,
        status: 'available',
        status_info: 'All is well'
      }))
    }
    while (!this.finished) {
      const res = await this.request('v2CompleteInstallation', {
        json: { is_success: true, error_info: '', data }
      })
      if (ok(res)) {
        this.log('complete-installation sent')
        return
      }
      await sleeper.sleep(this.pollMs * 2)
    }
  }
}
