import type { AgentConfig } from '../../drivers/driver.js'
import type { PlanCluster, PlanHost } from '../../plan/types.js'
import type { ClusterRefs } from '../run-state.js'

/** A plan cluster as it exists in the service: its ids and how its hosts reach the service. */
export interface PreparedCluster {
  cluster: PlanCluster
  /** Absent for `just_infraenv` groups. */
  clusterId?: string
  infraEnvId: string
  agent: AgentConfig
}

/**
 * How a cluster ended: installed; failed (error/cancelled); ready-unbound (a `just_infraenv` group whose hosts
 * all reached known-unbound, which is all that group asks for).
 */
export type ClusterOutcome = 'installed' | 'failed' | 'ready-unbound'

/** Where the swarm's transitions go (the timeline and the live view). */
export interface StatusObserver {
  cluster(cluster: PlanCluster, status: string, info?: string): void
  host(cluster: PlanCluster, host: PlanHost, status: string, info?: string, hostId?: string): void
  clusterEvent(cluster: PlanCluster, ev: 'created' | 'install', info?: string, id?: string): void
  error(cluster: PlanCluster, message: string, host?: PlanHost): void
}

/**
 * How cluster resources are made and watched. REST: clusters and infra-envs over the user API, install
 * triggered when ready, statuses polled. kube-api: CRs, Agents approved by the swarm, statuses from watches.
 * The agent protocol is the same for both; what differs is creating, approving/binding, starting the
 * installation and what counts as done.
 */
export interface Target {
  readonly kind: 'rest' | 'kube-api'
  /** Fails fast, with exit code 3, when the service cannot be reached or refuses the credentials. */
  connect(): Promise<void>
  /** Creates the cluster and infra-env, or finds them from an earlier attempt of the same run id. */
  prepare(cluster: PlanCluster, refs: ClusterRefs): Promise<PreparedCluster>
  /** Hosts that still need launching (on a resumed run, those not already past their reboot). */
  hostsToLaunch(prepared: PreparedCluster): Promise<PlanHost[]>
  /** One observation pass: records transitions, starts the installation or binds hosts when due. */
  observe(prepared: PreparedCluster, observer: StatusObserver): Promise<ClusterOutcome | undefined>
  /** Deletes what the run created (`--cleanup`). */
  cleanup(prepared: PreparedCluster[]): Promise<void>
  close(): Promise<void>
}
