import type { InstallCmdRequest } from '../api/generated/models.js'
import type { PlanCluster } from '../plan/types.js'

/**
 * What the hosts of one cluster share in-process: the facts the real programs learn from the new cluster's
 * Kubernetes API (which hosts have rebooted into nodes, when a node is Ready, whether the controller pod is up)
 * plus the ids and roles the install steps handed out. The service is still asked for everything the real
 * programs ask it for.
 *
 * Node model after a host's fake reboot at t: it fetches its ignition from the machine config server at once (the
 * MCS log line), its Node appears at t + nodeReady/2 and becomes Ready at t + nodeReady.
 */
export type NodeState = 'none' | 'mcs' | 'joined' | 'ready'

interface Rebooted {
  at: number
  readyMs: number
}

export class ClusterRuntime {
  clusterId: string | undefined
  infraEnvId: string | undefined
  secretKey: string | undefined
  controlPlaneCount: number
  checkCvo = false
  /** The install step's notify_num_reboots: the controller reports each node's reboots as an event. */
  notifyNumReboots = false
  openshiftVersion: string | undefined
  bootstrapId: string | undefined
  private readonly roles = new Map<string, string>()
  private readonly rebooted = new Map<string, Rebooted>()
  private readyFlag = false
  private controllerStarted = false

  constructor(
    readonly plan: PlanCluster,
    private readonly onControllerDue: (runtime: ClusterRuntime) => void,
    private readonly now: () => number = Date.now
  ) {
    this.controlPlaneCount = plan.singleNode ? 1 : plan.masters
  }

  get singleNode(): boolean {
    return this.controlPlaneCount === 1
  }

  /** An install step arrived for a host: remember the cluster id, its role and the controller's settings. */
  noteInstall(
    hostId: string,
    infraEnvId: string,
    request: InstallCmdRequest,
    secretKey: string | undefined
  ): void {
    this.clusterId ??= request.cluster_id
    this.infraEnvId ??= infraEnvId
    this.secretKey ??= secretKey
    this.roles.set(hostId, request.role)
    if (request.notify_num_reboots) this.notifyNumReboots = true
    if (request.role === 'bootstrap') {
      this.bootstrapId = hostId
      if (request.control_plane_count) this.controlPlaneCount = request.control_plane_count
      this.checkCvo = Boolean(request.check_cvo)
      this.openshiftVersion = request.openshift_version
    }
  }

  role(hostId: string): string | undefined {
    return this.roles.get(hostId)
  }

  /**
   * The host's fake reboot: it becomes a node. The controller starts when the real pod could be scheduled: once the
   * nodes it needs (see controllerDue) are Ready.
   */
  markRebooted(hostId: string, nodeReadyMs: number): void {
    if (this.rebooted.has(hostId)) return
    this.rebooted.set(hostId, { at: this.now(), readyMs: nodeReadyMs })
    if (!this.controllerStarted && this.controllerDue()) {
      this.controllerStarted = true
      const wait = Math.max(0, this.controllerNodesReadyAt() - this.now())
      this.controllerTimer = setTimeout(() => {
        this.controllerTimer = undefined
        this.onControllerDue(this)
      }, wait)
    }
  }

  private controllerTimer: NodeJS.Timeout | undefined

  /** Cancels a controller start that is still pending (the run stops). */
  cancel(): void {
    if (this.controllerTimer) clearTimeout(this.controllerTimer)
    this.controllerTimer = undefined
  }

  /** When the nodes the controller needs are Ready: SNO its node; multi-node the second non-bootstrap master's. */
  private controllerNodesReadyAt(): number {
    const times = [...this.rebooted.entries()]
      .filter(([hostId]) => this.singleNode || this.roles.get(hostId) === 'master')
      .map(([, r]) => r.at + r.readyMs)
      .sort((a, b) => a - b)
    const needed = this.singleNode ? 1 : Math.min(2, Math.max(1, this.controlPlaneCount - 1))
    return times[needed - 1] ?? this.now()
  }

  isRebooted(hostId: string): boolean {
    return this.rebooted.has(hostId)
  }

  get rebootedCount(): number {
    return this.rebooted.size
  }

  /**
   * SNO: once its host rebooted. Multi-node: once at least two masters other than the bootstrap rebooted (the
   * control plane the real controller pod needs); it never waits for workers (they wait for masters Done, which
   * only the controller reports) nor for the bootstrap (it waits for the controller).
   */
  controllerDue(): boolean {
    if (this.singleNode) return this.rebooted.size > 0
    let masters = 0
    for (const hostId of this.rebooted.keys()) {
      if (this.roles.get(hostId) === 'master') masters++
    }
    return masters >= Math.min(2, Math.max(1, this.controlPlaneCount - 1))
  }

  nodeState(hostId: string): NodeState {
    const r = this.rebooted.get(hostId)
    if (!r) return 'none'
    const age = this.now() - r.at
    if (age >= r.readyMs) return 'ready'
    if (age >= r.readyMs / 2) return 'joined'
    return 'mcs'
  }

  get controllerReady(): boolean {
    return this.readyFlag
  }

  /** The `AssistedControllerIsReady` event (the bootstrap polls for it). */
  markControllerReady(): void {
    this.readyFlag = true
  }
}
