import type { Host } from '../../api/generated/models.js'
import { ServiceError, type UserApi } from '../../api/user-client.js'
import type { AgentConfig } from '../../drivers/driver.js'
import type { Plan, PlanCluster, PlanHost } from '../../plan/types.js'
import { parseDiscoveryIgnition } from '../../sim/ignition.js'
import { errorMessage } from '../../util/errors.js'
import type { Logger } from '../../util/logging.js'
import type { ClusterRefs } from '../run-state.js'
import type { ClusterOutcome, PreparedCluster, StatusObserver, Target } from './target.js'

/** Stages after which a host no longer runs an agent: on resume it is not launched again. */
const PAST_REBOOT = new Set(['Rebooting', 'Waiting for ignition', 'Configuring', 'Joined', 'Done'])
const UNBOUND_DONE = new Set(['known-unbound'])

export interface RestTargetOptions {
  plan: Plan
  api: UserApi
  serviceUrl: string
  pullSecret: string
  logger: Logger
  /** X-Secret-Key for hosts when the ignition carries none (auth off) or to override it. */
  agentToken?: string
  /** false for discovered infra-envs: observe only, never set roles, bind or install. */
  managed?: boolean
}

interface ClusterWatch {
  statuses: Map<string, string>
  clusterStatus?: string
  rolesSet: Set<string>
  bound: Set<string>
  installRequested: boolean
}

/**
 * The REST target: clusters and infra-envs over the user API (assisted-service standalone, or the embedded
 * simulator), roles set explicitly so the report knows which host is which, installation started when the
 * cluster is ready, late-binding hosts bound when known-unbound; success is the cluster status `installed`.
 */
export class RestTarget implements Target {
  readonly kind = 'rest' as const
  private readonly watches = new Map<string, ClusterWatch>()
  private existing: Map<string, { id: string }> | undefined

  constructor(private readonly options: RestTargetOptions) {}

  async connect(): Promise<void> {
    await this.options.api.ping()
  }

  async prepare(cluster: PlanCluster, refs: ClusterRefs): Promise<PreparedCluster> {
    const { api, plan } = this.options
    let clusterId = refs.clusterId
    if (!cluster.justInfraEnv && !clusterId) {
      clusterId =
        (await this.findExistingCluster(cluster.name)) ??
        (await api.registerCluster(this.clusterParams(cluster))).id
      refs.clusterId = clusterId
    }
    let infraEnvId = refs.infraEnvId
    if (!infraEnvId) {
      const infraEnv = await api.registerInfraEnv({
        name: cluster.infraEnvName,
        pull_secret: this.options.pullSecret,
        openshift_version: plan.openshiftVersion,
        cpu_architecture: plan.cpuArchitecture as 'x86_64',
        image_type: 'minimal-iso',
        ...(clusterId && !cluster.lateBinding ? { cluster_id: clusterId } : {}),
        ...(plan.sshPublicKey ? { ssh_authorized_key: plan.sshPublicKey } : {})
      })
      infraEnvId = infraEnv.id
      refs.infraEnvId = infraEnvId
    }
    const agent = await this.agentConfig(infraEnvId)
    return { cluster, ...(clusterId ? { clusterId } : {}), infraEnvId, agent }
  }

  /** Reads the agent's configuration from the infra-env's discovery ignition, as a booted host would. */
  async agentConfig(infraEnvId: string): Promise<AgentConfig> {
    const ignition = await this.options.api.discoveryIgnition(infraEnvId)
    const parsed = parseDiscoveryIgnition(ignition)
    const token = this.options.agentToken ?? parsed.pullSecretToken
    return {
      serviceUrl: parsed.serviceUrl ?? this.options.serviceUrl,
      infraEnvId: parsed.infraEnvId ?? infraEnvId,
      ...(token ? { pullSecretToken: token } : {}),
      ...(parsed.caCertPem ? { caCertPem: parsed.caCertPem } : {}),
      insecure: this.options.plan.agent.insecure,
      agentVersion: this.options.plan.agent.version
    }
  }

  private async findExistingCluster(name: string): Promise<string | undefined> {
    // Only on a resumed run is it worth listing: a fresh run has no refs and no clusters of its own yet.
    if (!this.existing) return undefined
    return this.existing.get(name)?.id
  }

  /** Lists the service's clusters once, so a resumed run finds clusters created before run.json was saved. */
  async loadExisting(): Promise<void> {
    const clusters = await this.options.api.listClusters()
    this.existing = new Map(clusters.map(c => [c.name ?? '', { id: c.id }]))
  }

  private clusterParams(cluster: PlanCluster): Parameters<UserApi['registerCluster']>[0] {
    const { plan } = this.options
    const base = {
      name: cluster.name,
      openshift_version: plan.openshiftVersion,
      pull_secret: this.options.pullSecret,
      base_dns_domain: plan.baseDomain,
      cpu_architecture: plan.cpuArchitecture as 'x86_64',
      cluster_networks: [
        { cidr: plan.network.clusterNetworkCidr, host_prefix: plan.network.clusterNetworkHostPrefix }
      ],
      service_networks: [{ cidr: plan.network.serviceNetworkCidr }],
      network_type: 'OVNKubernetes' as const,
      ...(plan.sshPublicKey ? { ssh_public_key: plan.sshPublicKey } : {})
    }
    if (cluster.singleNode) {
      return {
        ...base,
        control_plane_count: 1,
        high_availability_mode: 'None',
        user_managed_networking: true
      }
    }
    return {
      ...base,
      control_plane_count: cluster.masters,
      user_managed_networking: cluster.userManagedNetworking,
      ...(cluster.userManagedNetworking
        ? {}
        : {
            machine_networks: [{ cidr: cluster.machineCidr }],
            api_vips: [{ ip: cluster.apiVip! }],
            ingress_vips: [{ ip: cluster.ingressVip! }]
          })
    }
  }

  async hostsToLaunch(prepared: PreparedCluster): Promise<PlanHost[]> {
    const known = await this.options.api.listHosts(prepared.infraEnvId)
    const done = new Set(
      known
        .filter(h => h.status === 'installed' || PAST_REBOOT.has(h.progress?.current_stage ?? ''))
        .map(h => h.id)
    )
    return prepared.cluster.hosts.filter(h => !done.has(h.id))
  }

  async observe(prepared: PreparedCluster, observer: StatusObserver): Promise<ClusterOutcome | undefined> {
    const { api } = this.options
    const { cluster } = prepared
    const watch = this.watchOf(cluster)
    const hosts = await api.listHosts(prepared.infraEnvId)
    const byId = new Map(cluster.hosts.map(h => [h.id, h]))
    for (const host of hosts) {
      const planHost = byId.get(host.id)
      if (!planHost) continue
      if (watch.statuses.get(host.id) !== host.status) {
        watch.statuses.set(host.id, host.status)
        observer.host(cluster, planHost, host.status, host.status_info, host.id)
      }
    }
    if (cluster.justInfraEnv) {
      const ready = cluster.hosts.every(h => UNBOUND_DONE.has(watch.statuses.get(h.id) ?? ''))
      return ready ? 'ready-unbound' : undefined
    }
    const clusterId = prepared.clusterId!
    const managed = this.options.managed !== false
    if (managed && cluster.lateBinding) await this.bindKnownUnbound(prepared, hosts, observer)
    if (managed && !cluster.singleNode) await this.setRoles(prepared, hosts, observer)

    const current = await api.getCluster(clusterId, { excludeHosts: true })
    if (watch.clusterStatus !== current.status) {
      watch.clusterStatus = current.status
      observer.cluster(cluster, current.status, current.status_info)
    }
    if (current.status === 'installed') return 'installed'
    if (current.status === 'error' || current.status === 'cancelled') return 'failed'
    if (
      managed &&
      current.status === 'ready' &&
      !watch.installRequested &&
      this.allHostsRegistered(cluster, hosts)
    ) {
      try {
        await api.installCluster(clusterId)
        watch.installRequested = true
        observer.clusterEvent(cluster, 'install')
      } catch (error) {
        // 409: no longer ready (a host moved); the next pass tries again.
        if (!(error instanceof ServiceError && error.status === 409)) throw error
      }
    }
    return undefined
  }

  private allHostsRegistered(cluster: PlanCluster, hosts: Host[]): boolean {
    const ids = new Set(hosts.filter(h => h.cluster_id).map(h => h.id))
    return cluster.hosts.every(h => ids.has(h.id))
  }

  private async setRoles(prepared: PreparedCluster, hosts: Host[], observer: StatusObserver): Promise<void> {
    const watch = this.watchOf(prepared.cluster)
    const byId = new Map(prepared.cluster.hosts.map(h => [h.id, h]))
    for (const host of hosts) {
      const planHost = byId.get(host.id)
      if (!planHost || watch.rolesSet.has(host.id) || !host.cluster_id) continue
      if (host.role === planHost.role) {
        watch.rolesSet.add(host.id)
        continue
      }
      if (!['discovering', 'insufficient', 'known', 'pending-for-input'].includes(host.status)) continue
      try {
        await this.options.api.setHostRole(prepared.infraEnvId, host.id, planHost.role)
        watch.rolesSet.add(host.id)
      } catch (error) {
        observer.error(prepared.cluster, `setting role ${planHost.role}: ${errorMessage(error)}`, planHost)
      }
    }
  }

  private async bindKnownUnbound(
    prepared: PreparedCluster,
    hosts: Host[],
    observer: StatusObserver
  ): Promise<void> {
    const watch = this.watchOf(prepared.cluster)
    const byId = new Map(prepared.cluster.hosts.map(h => [h.id, h]))
    for (const host of hosts) {
      const planHost = byId.get(host.id)
      if (!planHost || watch.bound.has(host.id) || host.status !== 'known-unbound') continue
      try {
        await this.options.api.bindHost(prepared.infraEnvId, host.id, prepared.clusterId!)
        watch.bound.add(host.id)
      } catch (error) {
        observer.error(prepared.cluster, `binding: ${errorMessage(error)}`, planHost)
      }
    }
  }

  private watchOf(cluster: PlanCluster): ClusterWatch {
    let watch = this.watches.get(cluster.name)
    if (!watch) {
      watch = { statuses: new Map(), rolesSet: new Set(), bound: new Set(), installRequested: false }
      this.watches.set(cluster.name, watch)
    }
    return watch
  }

  /** Forgets a finished cluster's watch state (memory stays flat over long runs). */
  release(cluster: PlanCluster): void {
    this.watches.delete(cluster.name)
  }

  async cleanup(prepared: PreparedCluster[]): Promise<void> {
    for (const p of prepared) {
      if (this.options.managed === false) continue
      try {
        if (p.clusterId) await this.options.api.deleteCluster(p.clusterId)
        await this.options.api.deleteInfraEnv(p.infraEnvId)
      } catch (error) {
        this.options.logger.warning(`cleanup of ${p.cluster.name}: ${errorMessage(error)}`)
      }
    }
  }

  async close(): Promise<void> {}
}
