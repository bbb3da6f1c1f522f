import type { Cluster, Host, HostStage, InstallCmdRequest } from '../api/generated/models.js'
import type { PlanCluster, PlanHost } from '../plan/types.js'
import type { ClusterRuntime } from './cluster-runtime.js'
import { jitter, stageMs, type AgentEnvironment } from './environment.js'
import {
  failingStage,
  installerKind,
  installerPlan,
  type InstallerKind,
  type InstallerOp
} from './installer-plan.js'
import {
  putClusterLogsProgress,
  putHostLogsProgress,
  sendHostLogs,
  uploadControllerLogs
} from './log-upload.js'
import { reportProgress } from './progress.js'
import { Sleeper } from './sleeper.js'
import { peerById } from './steps/peers.js'
import { failed, succeeded, type StepOutcome } from './steps/step.js'

/** What the installer needs from its host. */
export interface InstallerHost {
  readonly plan: PlanHost
  readonly cluster: PlanCluster
  readonly infraEnvId: string
  readonly secretKey: string | undefined
  /** The host's last known milestone changed (for the timeline on stop). */
  onMilestone(milestone: string): void
  /** The fake reboot: the agent stops polling for good. */
  onRebooted(): void
}

/** Progress percentages of "Writing image to disk" (coreos-installer prints every ≥5 points). */
const WRITE_STEP_PERCENT = 5
/** SIGTERM from `podman stop`. */
const STOPPED_EXIT_CODE = 143

const DONE_OR_LATER = new Set(['Configuring', 'Joined', 'Done'])
const IGNITION_OR_LATER = new Set(['Waiting for ignition', 'Configuring', 'Joined', 'Done'])
const JOINED_OR_DONE = new Set(['Joined', 'Done'])

class InstallFailure extends Error {}

/**
 * The emulated assisted-installer of one host (agent-protocol §3, §6.3): the role's stages in the real order with
 * the plan's durations, the downloads and polls the real one makes, the host log upload, then the fake reboot.
 * The bootstrap of a multi-node cluster also reports the other hosts' Configuring / Waiting for ignition / Joined
 * and waits for the controller. `install-fails` hosts PUT Failed at their stage and exit 1.
 */
export class Installer {
  readonly kind: InstallerKind
  private readonly sleeper = new Sleeper()
  private readonly scanSleeper = new Sleeper()
  private runningFlag = false
  private readonly stagesSeen: string[] = []
  private scanning = false
  /** The other hosts as the bootstrap read them, with the stage it last knew or reported for each. */
  private scanHosts: { host: Host; stage: string }[] | undefined
  private scanDone: Promise<void> | undefined
  private readonly joinedMasters = new Set<string>()
  private readonly failAt: HostStage | undefined

  constructor(
    private readonly env: AgentEnvironment,
    private readonly host: InstallerHost,
    private readonly request: InstallCmdRequest,
    private readonly runtime: ClusterRuntime
  ) {
    this.kind = installerKind(request, host.cluster.singleNode)
    this.failAt = host.plan.failures.includes('install-fails')
      ? failingStage(this.kind, host.plan.failStage)
      : undefined
  }

  get running(): boolean {
    return this.runningFlag
  }

  private get pollMs(): number {
    return this.env.planTiming.controllerPollMs
  }

  /** `podman stop`: the installer process ends (exit 143). */
  stop(): void {
    this.sleeper.stop()
    this.scanSleeper.stop()
  }

  /** Runs the installation; resolves with the install step's outcome when the installer process exits. */
  async run(): Promise<StepOutcome> {
    this.runningFlag = true
    try {
      for (const op of installerPlan(this.kind)) {
        if (this.sleeper.stopped) return failed(STOPPED_EXIT_CODE, '')
        await this.execute(op)
      }
      if (this.sleeper.stopped) return failed(STOPPED_EXIT_CODE, '')
      return succeeded(`Installation of ${this.host.plan.hostname} (${this.kind}) finished, rebooting\n`)
    } catch (error) {
      if (!(error instanceof InstallFailure)) throw error
      return failed(1, error.message)
    } finally {
      this.stopScan()
      await this.scanDone
      this.runningFlag = false
    }
  }

  private async execute(op: InstallerOp): Promise<void> {
    switch (op.op) {
      case 'stage':
        return this.stage(op.stage, op.info)
      case 'pause':
        return this.sleeper.sleep(stageMs(this.env, op.stage))
      case 'download':
        return this.download(op.file)
      case 'write-image':
        return this.writeImage()
      case 'start-scan':
        this.scanning = true
        this.scanDone = this.scanLoop()
        return
      case 'control-plane-reads':
        return this.controlPlaneClusterReads()
      case 'wait-masters-joined':
        return this.waitMastersJoined()
      case 'wait-controller':
        return this.waitController()
      case 'controller-logs':
        return this.controllerLogs()
      case 'wait-masters-done':
        return this.waitMastersDone()
      case 'host-logs':
        return this.hostLogs()
      case 'reboot':
        return this.reboot()
    }
  }

  private async stage(stage: HostStage, info: string, record = true): Promise<void> {
    const first = this.stagesSeen[this.stagesSeen.length - 1] !== stage
    if (first) this.stagesSeen.push(stage)
    this.host.onMilestone(`stage: ${stage}`)
    await reportProgress(this.env, {
      infraEnvId: this.host.infraEnvId,
      hostId: this.host.plan.id,
      stage,
      info,
      secretKey: this.host.secretKey,
      retry: this.env.retry.installer,
      by: 'installer',
      hostname: this.host.plan.hostname,
      clusterName: this.host.cluster.name,
      record: record && first
    })
    if (first && stage === this.failAt) await this.fail(stage)
  }

  private async fail(stage: HostStage, reason?: string): Promise<never> {
    if (!reason) await this.sleeper.sleep(stageMs(this.env, stage) / 2)
    const message = reason ?? `failed executing stage ${stage}: injected by the test plan (install-fails)`
    await reportProgress(this.env, {
      infraEnvId: this.host.infraEnvId,
      hostId: this.host.plan.id,
      stage: 'Failed',
      info: message,
      secretKey: this.host.secretKey,
      retry: this.env.retry.installer,
      by: 'installer',
      hostname: this.host.plan.hostname,
      clusterName: this.host.cluster.name
    })
    this.host.onMilestone('stage: Failed')
    throw new InstallFailure(message)
  }

  private async download(file: 'bootstrap.ign' | 'host-ignition'): Promise<void> {
    const res =
      file === 'bootstrap.ign'
        ? await this.env.transport.request({
            endpoint: 'V2DownloadClusterFiles',
            params: { cluster_id: this.request.cluster_id },
            query: { file_name: 'bootstrap.ign' },
            accept: 'application/octet-stream',
            secretKey: this.host.secretKey,
            retry: this.env.retry.installer
          })
        : await this.env.transport.request({
            endpoint: 'v2DownloadHostIgnition',
            params: { infra_env_id: this.host.infraEnvId, host_id: this.host.plan.id },
            accept: 'application/octet-stream',
            secretKey: this.host.secretKey,
            retry: this.env.retry.installer
          })
    if (this.sleeper.stopped) return
    if (res.status < 200 || res.status >= 300) {
      const current = (this.stagesSeen[this.stagesSeen.length - 1] ?? 'Starting installation') as HostStage
      await this.fail(current, `failed to download ${file}: status ${res.status}`)
    }
  }

  private async writeImage(): Promise<void> {
    const stage: HostStage = 'Writing image to disk'
    await this.stage(stage, '')
    const total = stageMs(this.env, stage)
    const steps = 100 / WRITE_STEP_PERCENT
    for (let i = 1; i <= steps && !this.sleeper.stopped; i++) {
      await this.sleeper.sleep(total / steps)
      if (this.sleeper.stopped) return
      await this.stage(stage, `${i * WRITE_STEP_PERCENT}%`)
    }
  }

  private getCluster(withHosts: boolean): Promise<{ status: number; cluster?: Cluster }> {
    return this.env.transport
      .request({
        endpoint: 'v2GetCluster',
        params: { cluster_id: this.request.cluster_id },
        // the real client always says which (go-swagger sends exclude-hosts=false too)
        query: { 'exclude-hosts': !withHosts },
        secretKey: this.host.secretKey,
        retry: this.env.retry.installer
      })
      .then(res => {
        if (res.status !== 200) return { status: res.status }
        try {
          return { status: res.status, cluster: res.json<Cluster>() }
        } catch {
          return { status: 0 }
        }
      })
  }

  private async putOther(target: Host, stage: HostStage): Promise<number> {
    const peer = peerById(this.host.cluster, target.id)
    return reportProgress(this.env, {
      infraEnvId: target.infra_env_id ?? this.host.infraEnvId,
      hostId: target.id!,
      stage,
      info: '',
      secretKey: this.host.secretKey,
      retry: this.env.retry.installer,
      by: 'bootstrap',
      hostname: peer?.hostname ?? target.requested_hostname ?? target.id!,
      clusterName: this.host.cluster.name
    })
  }

  /**
   * The bootstrap's view of the other hosts: MCS log lines (Configuring / Waiting for ignition) and Ready nodes
   * (Joined). Like the real installer, it reads the cluster's hosts once (its hosts map) and afterwards goes by
   * what it reported itself; it reads them again only after a failed read or a refused report (found by the
   * fidelity loop: polling the cluster with its hosts on every look was a request the real bootstrap never makes).
   */
  private async scanOnce(): Promise<void> {
    if (!this.scanHosts) {
      const { cluster } = await this.getCluster(true)
      if (!cluster || this.sleeper.stopped) return
      this.scanHosts = (cluster.hosts ?? [])
        .filter(h => h.id && h.id !== this.host.plan.id)
        .map(host => ({ host, stage: host.progress?.current_stage ?? '' }))
    }
    for (const entry of this.scanHosts) {
      const other = entry.host
      const node = this.runtime.nodeState(other.id!)
      if (node === 'none') continue
      const isWorker = other.role === 'worker'
      let report: HostStage | undefined
      if (!isWorker && node === 'ready' && !JOINED_OR_DONE.has(entry.stage)) report = 'Joined'
      else if (!isWorker && JOINED_OR_DONE.has(entry.stage)) this.joinedMasters.add(other.id!)
      else if (!isWorker && !DONE_OR_LATER.has(entry.stage)) report = 'Configuring'
      else if (isWorker && !IGNITION_OR_LATER.has(entry.stage)) report = 'Waiting for ignition'
      if (!report) continue
      const status = await this.putOther(other, report)
      if (status >= 200 && status < 300) {
        entry.stage = report
        if (report === 'Joined') this.joinedMasters.add(other.id!)
      } else {
        // read the hosts again at the next look, as the real one does after a failed update
        this.scanHosts = undefined
        return
      }
    }
  }

  /** Looks every controller_poll, the first time one interval after it started (the real loops are timers). */
  private async scanLoop(): Promise<void> {
    while (this.scanning && !this.sleeper.stopped) {
      await this.scanSleeper.sleep(this.pollMs)
      if (!this.scanning || this.sleeper.stopped) break
      await this.scanOnce()
    }
  }

  /**
   * waitForControlPlane's two reads of the cluster without hosts: the vSphere credentials check, then the
   * platform for the node wait.
   */
  private async controlPlaneClusterReads(): Promise<void> {
    for (let i = 0; i < 2 && !this.sleeper.stopped; i++) await this.getCluster(false)
  }

  /**
   * The real installer looks for ready masters on a timer (waitForNodes: every 5 s, the first time 5 s after it
   * began to wait), so it never goes on at once even when they are already there (found by the fidelity loop).
   */
  private async waitMastersJoined(): Promise<void> {
    const needed = Math.max(1, Math.min(this.runtime.controlPlaneCount - 1, 2))
    do {
      await this.sleeper.sleep(this.pollMs)
    } while (this.joinedMasters.size < needed && !this.sleeper.stopped)
  }

  /** The controller's ready event, on the real installer's 5 s ticker (first look after one tick). */
  private async waitController(): Promise<void> {
    const interval = Math.min(5000, this.pollMs)
    do {
      await this.sleeper.sleep(interval)
    } while (!this.runtime.controllerReady && !this.sleeper.stopped)
  }

  private async controllerLogs(): Promise<void> {
    const target = {
      clusterId: this.request.cluster_id,
      clusterName: this.host.cluster.name,
      secretKey: this.host.secretKey,
      retry: this.env.retry.installer,
      lines: ['controller pod ready', 'bootstrap: uploading controller logs before reboot']
    }
    await putClusterLogsProgress(this.env, target, 'requested')
    await uploadControllerLogs(this.env, target)
  }

  private async waitMastersDone(): Promise<void> {
    await this.getCluster(false)
    const interval = Math.min(5000, this.pollMs)
    while (!this.sleeper.stopped) {
      const res = await this.env.transport.request({
        endpoint: 'ListClusterHosts',
        params: { cluster_id: this.request.cluster_id },
        query: { role: 'master' },
        secretKey: this.host.secretKey,
        retry: this.env.retry.installer
      })
      if (res.status === 200) {
        let done = 0
        try {
          for (const h of res.json<Host[]>()) if (h.progress?.current_stage === 'Done') done++
        } catch {
          done = 0
        }
        if (done >= 2) return
      }
      await this.sleeper.sleep(interval)
    }
  }

  private async hostLogs(): Promise<void> {
    const target = {
      clusterId: this.request.cluster_id,
      infraEnvId: this.host.infraEnvId,
      hostId: this.host.plan.id,
      hostname: this.host.plan.hostname,
      secretKey: this.host.secretKey,
      retry: this.env.retry.installer,
      stages: this.stagesSeen
    }
    await putHostLogsProgress(this.env, target, 'requested')
    if (this.sleeper.stopped) return
    await sendHostLogs(this.env, target)
  }

  private stopScan(): void {
    this.scanning = false
    this.scanSleeper.wake()
  }

  private async reboot(): Promise<void> {
    this.stopScan()
    await this.stage('Rebooting', '')
    if (this.sleeper.stopped) return
    this.runtime.markRebooted(this.host.plan.id, jitter(this.env, this.env.planTiming.nodeReadyMs))
    this.host.onRebooted()
  }
}
