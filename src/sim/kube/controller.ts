/**
 * The simulator's kube-api mode: plays assisted-service's controllers against a real API server
 * (service-behavior §4, §10). Informers (one list + one watch per kind, all namespaces) follow
 * ClusterDeployments, AgentClusterInstalls, InfraEnvs, NMStateConfigs, ClusterImageSets and Agents; the
 * simulator's hooks report host registrations and status changes. Work goes through one keyed queue, and
 * status is written (merge patch of the status subresource) only when it changed.
 *
 * What it does, like the real service:
 *  - CD + ACI (+ ClusterImageSet + pull-secret Secret) → the internal cluster, on the first reconcile;
 *  - InfraEnv → the internal infra-env, then status: ISO URL, discovery ignition URL, events URL with the id;
 *  - a host registering into a kube InfraEnv → an Agent named after the host id (labels, owner reference,
 *    approved=false, clusterDeploymentName for bound InfraEnvs; autoApprove honoured);
 *  - Agent status kept from the host; spec.approved, role, hostname and clusterDeploymentName applied;
 *  - the installation starts by itself when known + approved hosts equal provisionRequirements (§4.6);
 *  - ACI status through Completed=True / InstallationCompleted (or Failed=True), clusterMetadata once installing;
 *  - deleting CRs removes the internal records.
 */
import YAML from 'yaml'
import { KubeClient } from '../../kube/client.js'
import { Informer, type InformerEvent } from '../../kube/informer.js'
import { KINDS, type KindName } from '../../kube/kinds.js'
import { INFRAENV_LABEL, type KubeObject } from '../../kube/objects.js'
import { errorMessage } from '../../util/errors.js'
import type { Logger } from '../../util/logging.js'
import type { SimContext } from '../core/context.js'
import type { ClusterRecord, HostRecord, HostRole } from '../model/types.js'
import { deregisterCluster, installCluster, registerCluster } from '../service/cluster-service.js'
import { bindHost, deregisterHost, unbindHost, updateHost, type HostUpdate } from '../service/host-service.js'
import { deregisterInfraEnv, registerInfraEnv, updateInfraEnv } from '../service/infra-env-service.js'
import { agentStatus } from './agent-status.js'
import {
  aciNameOf,
  aciSpec,
  cdSpec,
  clusterParams,
  releaseOf,
  requiredAgents,
  SpecInputError
} from './cluster-spec.js'
import { clusterInstallConditions, withTransitionTimes, type SpecSync } from './conditions.js'
import {
  clusterEventsUrl,
  hostEventsUrl,
  idFromEventsUrl,
  infraEnvProblemStatus,
  infraEnvStatus
} from './infra-env-status.js'
import { WorkQueue } from './work-queue.js'

/** The field manager of everything the simulated service writes (the swarm's is `assisted-swarm`). */
export const SIM_FIELD_MANAGER = 'assisted-service-sim'
export const CD_NAMESPACE_LABEL = 'agent-install.openshift.io/clusterdeployment-namespace'
const PAUSE_ANNOTATION = 'hive.openshift.io/reconcile-pause'

const WATCHED: KindName[] = [
  'ClusterImageSet',
  'NMStateConfig',
  'ClusterDeployment',
  'AgentClusterInstall',
  'InfraEnv',
  'Agent'
]

interface ClusterLink {
  clusterId: string
  namespace: string
  cd: string
  aci: string
  sync: SpecSync
}

interface AgentSpec {
  approved?: boolean
  role?: string
  hostname?: string
  clusterDeploymentName?: { name?: string; namespace?: string }
}

interface InfraEnvSpec {
  clusterRef?: { name?: string; namespace?: string }
  pullSecretRef?: { name?: string }
  agentLabels?: Record<string, string>
  agentApproval?: { autoApprove?: boolean }
  cpuArchitecture?: string
  sshAuthorizedKey?: string
  imageType?: string
  additionalNTPSources?: string[]
  nmStateConfigLabelSelector?: { matchLabels?: Record<string, string> }
  proxy?: { httpProxy?: string; httpsProxy?: string; noProxy?: string }
}

export interface KubeControllerOptions {
  sim: SimContext
  client: KubeClient
  logger: Logger
  /** Delay before a failed reconcile is retried (default 1 s; the real service waits 10–20 s). */
  retryMs?: number
}

const nsKey = (namespace: string | undefined, name: string): string => `${namespace ?? ''}/${name}`

export class KubeController {
  private readonly sim: SimContext
  private readonly client: KubeClient
  private readonly logger: Logger
  private readonly queue: WorkQueue
  private readonly informers = new Map<KindName, Informer>()
  /** ns/cd → the internal cluster. */
  private readonly clusters = new Map<string, ClusterLink>()
  private readonly cdOfCluster = new Map<string, string>()
  /** ns/infraenv → internal infra-env id, and back. */
  private readonly infraEnvIds = new Map<string, string>()
  private readonly infraEnvCrs = new Map<string, { namespace: string; name: string }>()
  private readonly pullSecrets = new Map<string, string>()
  /** What was last written per object (status JSON without transition times): writes only on change. */
  private readonly written = new Map<string, string>()
  private stopped = false
  /** Writes made to the API server (status, spec, creates). */
  readonly counters = { writes: 0, agentsCreated: 0, installsStarted: 0 }

  constructor(options: KubeControllerOptions) {
    this.sim = options.sim
    this.client = options.client
    this.logger = options.logger
    this.queue = new WorkQueue(options.logger, { concurrency: 16, retryMs: options.retryMs ?? 1000 })
  }

  /** Starts the informers (resolves after their first lists) and hooks into the simulator. */
  async start(): Promise<void> {
    for (const kind of WATCHED) {
      const informer = new Informer(this.client, { kind: KINDS[kind], logger: this.logger })
      informer.on((event, object) => this.onEvent(kind, event, object))
      this.informers.set(kind, informer)
    }
    const hooks = this.sim.hooks
    hooks.hostRegistered = host => this.onHostRegistered(host)
    hooks.hostChanged = host => this.onHostChanged(host)
    hooks.clusterChanged = cluster => this.onClusterChanged(cluster)
    for (const informer of this.informers.values()) await informer.start()
  }

  async stop(): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    const hooks = this.sim.hooks
    delete hooks.hostRegistered
    delete hooks.hostChanged
    delete hooks.clusterChanged
    for (const informer of this.informers.values()) informer.stop()
    await this.queue.stop()
  }

  /** Resolves once no reconcile is queued or running (tests). */
  idle(): Promise<void> {
    return this.queue.idle()
  }

  /** Requests of the informers: one list per (re)sync and one watch per stream, per kind. */
  informerCounters(): Record<string, { lists: number; watches: number; events: number }> {
    return Object.fromEntries([...this.informers].map(([kind, informer]) => [kind, { ...informer.counters }]))
  }

  private informer(kind: KindName): Informer {
    return this.informers.get(kind)!
  }

  // ---- dispatch ------------------------------------------------------------------------------------------

  private onEvent(kind: KindName, event: InformerEvent, object: KubeObject): void {
    const { namespace, name } = object.metadata
    switch (kind) {
      case 'ClusterDeployment':
        this.enqueueCd(namespace!, name)
        break
      case 'AgentClusterInstall': {
        const cd = aciSpec(object).clusterDeploymentRef?.name
        if (cd) this.enqueueCd(namespace!, cd)
        break
      }
      case 'ClusterImageSet':
        for (const cd of this.informer('ClusterDeployment').objects())
          if (!this.clusters.has(nsKey(cd.metadata.namespace, cd.metadata.name)))
            this.enqueueCd(cd.metadata.namespace!, cd.metadata.name)
        break
      case 'InfraEnv':
        this.enqueueInfraEnv(namespace!, name)
        break
      case 'NMStateConfig':
        for (const ie of this.informer('InfraEnv').objects())
          if (ie.metadata.namespace === namespace) this.enqueueInfraEnv(namespace!, ie.metadata.name)
        break
      case 'Agent':
        if (event === 'deleted')
          this.queue.add(`agent-deleted:${nsKey(namespace, name)}`, () => this.agentDeleted(object))
        else this.enqueueAgent(namespace!, name)
        break
      default:
        break
    }
  }

  private enqueueCd(namespace: string, name: string): void {
    this.queue.add(`cd:${nsKey(namespace, name)}`, () => this.reconcileCd(namespace, name))
  }

  private enqueueAci(cdKey: string): void {
    this.queue.add(`aci:${cdKey}`, () => this.reconcileAciStatus(cdKey))
  }

  private enqueueInfraEnv(namespace: string, name: string): void {
    this.queue.add(`ie:${nsKey(namespace, name)}`, () => this.reconcileInfraEnv(namespace, name))
  }

  private enqueueAgent(namespace: string, name: string): void {
    this.queue.add(`agent:${nsKey(namespace, name)}`, () => this.reconcileAgent(namespace, name))
  }

  private onHostRegistered(host: HostRecord): void {
    const cr = this.infraEnvCrs.get(host.infraEnvId)
    if (!cr) return
    this.queue.add(`agent-create:${nsKey(cr.namespace, host.id)}`, () => this.createAgent(host, cr))
  }

  private onHostChanged(host: HostRecord): void {
    const cr = this.infraEnvCrs.get(host.infraEnvId)
    if (!cr) return
    this.enqueueAgent(cr.namespace, host.id)
    const cdKey = host.clusterId ? this.cdOfCluster.get(host.clusterId) : undefined
    if (cdKey) this.enqueueAci(cdKey)
  }

  private onClusterChanged(cluster: ClusterRecord): void {
    const cdKey = this.cdOfCluster.get(cluster.id)
    if (cdKey) this.enqueueAci(cdKey)
  }

  // ---- writes --------------------------------------------------------------------------------------------

  /** Merge-patches `status` unless it equals what was last written; conditions keep their transition times. */
  private async writeStatus(
    kind: KindName,
    object: KubeObject,
    status: Record<string, unknown> & { conditions?: { type: string }[] }
  ): Promise<void> {
    const key = `${kind}|${nsKey(object.metadata.namespace, object.metadata.name)}`
    const text = JSON.stringify(status)
    if (this.written.get(key) === text) return
    const previous = (object.status as { conditions?: unknown } | undefined)?.conditions
    const body = status.conditions
      ? {
          ...status,
          conditions: withTransitionTimes(
            status.conditions as Parameters<typeof withTransitionTimes>[0],
            previous,
            new Date(this.sim.now()).toISOString()
          )
        }
      : status
    this.counters.writes++
    await this.client.mergePatch(
      KINDS[kind],
      object.metadata.name,
      object.metadata.namespace,
      { status: body },
      {
        subresource: 'status'
      }
    )
    this.written.set(key, text)
  }

  private async pullSecret(namespace: string, name: string | undefined): Promise<string> {
    if (!name) throw new SpecInputError('no pullSecretRef')
    const key = nsKey(namespace, name)
    const cached = this.pullSecrets.get(key)
    if (cached) return cached
    const secret = await this.client.get(KINDS.Secret, name, namespace)
    const data = (secret?.data as Record<string, string> | undefined)?.['.dockerconfigjson']
    if (!data) throw new SpecInputError(`Secret ${namespace}/${name} has no .dockerconfigjson`)
    const text = Buffer.from(data, 'base64').toString('utf8')
    this.pullSecrets.set(key, text)
    return text
  }

  // ---- ClusterDeployment + AgentClusterInstall -----------------------------------------------------------

  private async reconcileCd(namespace: string, name: string): Promise<void> {
    const key = nsKey(namespace, name)
    const cd = this.informer('ClusterDeployment').get(namespace, name)
    const link = this.clusters.get(key)
    const aciName = cd ? aciNameOf(cd) : undefined
    const aci = aciName ? this.informer('AgentClusterInstall').get(namespace, aciName) : undefined
    if (!cd || !aci) {
      if (link) this.removeCluster(key, link)
      return
    }
    if (link) {
      this.enqueueAci(key)
      return
    }
    // After a restart with kept state: the ACI status names the cluster.
    const adopted = idFromEventsUrl(aci.status, 'cluster_id')
    if (adopted && this.sim.store.clusters.has(adopted)) {
      this.link(key, { clusterId: adopted, namespace, cd: name, aci: aci.metadata.name, sync: { ok: true } })
      return
    }
    let cluster: ClusterRecord
    try {
      const imageSetName = aciSpec(aci).imageSetRef?.name
      const imageSet = imageSetName
        ? this.informer('ClusterImageSet').get(undefined, imageSetName)
        : undefined
      if (!imageSet) throw new SpecInputError(`ClusterImageSet ${imageSetName ?? '(none)'} not found`)
      const release = releaseOf(imageSet, this.sim.opts.releaseImages)
      const pullSecret = await this.pullSecret(namespace, cdSpec(cd).pullSecretRef?.name)
      cluster = registerCluster(this.sim, clusterParams(cd, aci, release, pullSecret))
    } catch (error) {
      const input = error instanceof SpecInputError || (error as { status?: number }).status === 400
      const sync: SpecSync = {
        ok: false,
        reason: input ? 'InputError' : 'BackendError',
        message: errorMessage(error)
      }
      await this.writeStatus('AgentClusterInstall', aci, {
        conditions: clusterInstallConditions(
          undefined,
          sync,
          { registered: 0, approved: 0, unsynced: 0, required: 0 },
          false
        )
      })
      // Missing objects appear through their informers; other errors are retried.
      if (!input) throw error
      return
    }
    this.logger.debug(`kube-api mode: cluster ${cluster.id} for ClusterDeployment ${key}`)
    this.link(key, { clusterId: cluster.id, namespace, cd: name, aci: aci.metadata.name, sync: { ok: true } })
  }

  private link(key: string, link: ClusterLink): void {
    this.clusters.set(key, link)
    this.cdOfCluster.set(link.clusterId, key)
    this.enqueueAci(key)
    // InfraEnvs waiting for this cluster, and unbound Agents that name it.
    for (const ie of this.informer('InfraEnv').objects()) {
      const ref = (ie.spec as InfraEnvSpec | undefined)?.clusterRef
      if (ref?.name === link.cd && (ref.namespace ?? ie.metadata.namespace) === link.namespace)
        this.enqueueInfraEnv(ie.metadata.namespace!, ie.metadata.name)
    }
  }

  private removeCluster(key: string, link: ClusterLink): void {
    this.clusters.delete(key)
    this.cdOfCluster.delete(link.clusterId)
    const cluster = this.sim.store.clusters.get(link.clusterId)
    if (!cluster) return
    try {
      deregisterCluster(this.sim, cluster)
      this.logger.debug(`kube-api mode: cluster ${cluster.id} deleted with ClusterDeployment ${key}`)
    } catch (error) {
      this.logger.warning(`kube-api mode: cannot delete cluster of ${key}: ${errorMessage(error)}`)
    }
  }

  private async reconcileAciStatus(cdKey: string): Promise<void> {
    const link = this.clusters.get(cdKey)
    if (!link) return
    const aci = this.informer('AgentClusterInstall').get(link.namespace, link.aci)
    const cluster = this.sim.store.clusters.get(link.clusterId)
    if (!aci || !cluster) return
    const spec = aciSpec(aci)
    const required = requiredAgents(aci)
    const hosts = [...cluster.hosts.values()]
    // The Agent of each host (looked up by name, not by scanning every Agent: this runs on every host change).
    const agents = this.informer('Agent')
    const approvedIds = new Set(
      hosts
        .filter(h => {
          const cr = this.infraEnvCrs.get(h.infraEnvId)
          return cr && (agents.get(cr.namespace, h.id)?.spec as AgentSpec | undefined)?.approved === true
        })
        .map(h => h.id)
    )
    const counts = {
      registered: hosts.length,
      approved: hosts.filter(h => approvedIds.has(h.id)).length,
      unsynced: 0,
      required: required.masters + required.workers + required.arbiters
    }
    const hold = spec.holdInstallation === true || this.paused(link)
    if (this.maybeInstall(link, cluster, hosts, approvedIds, counts.required, required, hold)) return
    const roleOf = (h: HostRecord): HostRole => h.effectiveRole()
    const installing = ['installing', 'finalizing', 'installed'].includes(cluster.status)
    await this.writeStatus('AgentClusterInstall', aci, {
      conditions: clusterInstallConditions(cluster, link.sync, counts, hold),
      debugInfo: {
        eventsURL: clusterEventsUrl(this.sim, cluster.id),
        logsURL: '',
        state: cluster.status,
        stateInfo: cluster.statusInfo
      },
      progress: { totalPercentage: this.totalPercentage(cluster, hosts) },
      controlPlaneAgentsDiscovered: hosts.filter(h => roleOf(h) === 'master').length,
      controlPlaneAgentsReady: hosts.filter(h => roleOf(h) === 'master' && h.status === 'known').length,
      workerAgentsDiscovered: hosts.filter(h => roleOf(h) === 'worker').length,
      workerAgentsReady: hosts.filter(h => roleOf(h) === 'worker' && h.status === 'known').length,
      userManagedNetworking: cluster.userManagedNetworking,
      platformType: cluster.platformType === 'none' ? 'None' : 'BareMetal',
      ...(cluster.apiVips.length
        ? { apiVIPs: cluster.apiVips.map(v => v.ip), apiVIP: cluster.apiVips[0]!.ip }
        : {}),
      ...(cluster.ingressVips.length
        ? { ingressVIPs: cluster.ingressVips.map(v => v.ip), ingressVIP: cluster.ingressVips[0]!.ip }
        : {}),
      ...(cluster.machineNetworks[0] ? { machineNetwork: cluster.machineNetworks } : {})
    })
    if (installing) await this.writeClusterMetadata(link, aci, cluster)
  }

  private paused(link: ClusterLink): boolean {
    const cd = this.informer('ClusterDeployment').get(link.namespace, link.cd)
    return cd?.metadata.annotations?.[PAUSE_ANNOTATION] === 'true'
  }

  private totalPercentage(cluster: ClusterRecord, hosts: HostRecord[]): number {
    if (cluster.status === 'installed') return 100
    if (!['installing', 'finalizing'].includes(cluster.status) || !hosts.length) return 0
    const mean = hosts.reduce((n, h) => n + (h.progress?.installationPercentage ?? 0), 0) / hosts.length
    return Math.min(cluster.status === 'finalizing' ? 90 : 80, Math.round(mean * 0.8))
  }

  /**
   * §4.6: the installation starts by itself when the cluster is ready, not on hold, and the known and
   * approved hosts (and the known hosts, and the role counts) equal the provision requirements.
   */
  private maybeInstall(
    link: ClusterLink,
    cluster: ClusterRecord,
    hosts: HostRecord[],
    approved: Set<string>,
    total: number,
    required: { masters: number; workers: number; arbiters: number },
    hold: boolean
  ): boolean {
    if (cluster.status !== 'ready' || hold || total === 0) return false
    const known = hosts.filter(h => h.status === 'known')
    if (known.length !== total || known.filter(h => approved.has(h.id)).length !== total) return false
    const roles = { master: 0, worker: 0, arbiter: 0 } as Record<string, number>
    for (const h of hosts) {
      const role = h.effectiveRole()
      roles[role] = (roles[role] ?? 0) + 1
    }
    const autoAssigned = roles['auto-assign'] ?? 0
    if (
      autoAssigned === 0 &&
      (roles.master !== required.masters ||
        roles.worker !== required.workers ||
        roles.arbiter !== required.arbiters)
    )
      return false
    try {
      installCluster(this.sim, cluster)
      this.counters.installsStarted++
      this.logger.debug(`kube-api mode: installation of ${link.namespace}/${link.cd} started`)
    } catch (error) {
      this.logger.debug(
        `kube-api mode: ${link.namespace}/${link.cd} not installable yet: ${errorMessage(error)}`
      )
      return false
    }
    // The status change re-queues this ACI through the cluster hook.
    return true
  }

  /** `spec.clusterMetadata` and the admin Secrets, as the service writes them once the cluster installs. */
  private async writeClusterMetadata(
    link: ClusterLink,
    aci: KubeObject,
    cluster: ClusterRecord
  ): Promise<void> {
    const existing = (aci.spec as { clusterMetadata?: { adminPasswordSecretRef?: unknown } }).clusterMetadata
    const installed = cluster.status === 'installed'
    if (existing && (!installed || existing.adminPasswordSecretRef)) return
    const labels = { 'agent-install.openshift.io/clusterdeployment-namespace': link.namespace }
    const kubeconfigName = `${link.cd}-admin-kubeconfig`
    const passwordName = `${link.cd}-admin-password`
    const server = `https://api.${cluster.name}.${cluster.baseDnsDomain}:6443`
    if (!existing) {
      await this.ensureSecret(link.namespace, kubeconfigName, labels, {
        kubeconfig: `apiVersion: v1\nkind: Config\nclusters:\n- name: ${cluster.name}\n  cluster:\n    server: ${server}\n`
      })
    }
    if (installed)
      await this.ensureSecret(link.namespace, passwordName, labels, {
        username: 'kubeadmin',
        password: cluster.id
      })
    this.counters.writes++
    await this.client.mergePatch(KINDS.AgentClusterInstall, link.aci, link.namespace, {
      spec: {
        clusterMetadata: {
          clusterID: cluster.openshiftClusterId || cluster.id,
          infraID: cluster.id,
          adminKubeconfigSecretRef: { name: kubeconfigName },
          ...(installed ? { adminPasswordSecretRef: { name: passwordName } } : {})
        }
      }
    })
  }

  private async ensureSecret(
    namespace: string,
    name: string,
    labels: Record<string, string>,
    data: Record<string, string>
  ): Promise<void> {
    this.counters.writes++
    await this.client.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace, labels },
      type: 'Opaque',
      data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]))
    })
  }

  // ---- InfraEnv ------------------------------------------------------------------------------------------

  private async reconcileInfraEnv(namespace: string, name: string): Promise<void> {
    const key = nsKey(namespace, name)
    const ie = this.informer('InfraEnv').get(namespace, name)
    const id = this.infraEnvIds.get(key)
    if (!ie) {
      if (id) this.removeInfraEnv(key, id)
      return
    }
    const spec = (ie.spec ?? {}) as InfraEnvSpec
    let clusterId: string | undefined
    if (spec.clusterRef?.name) {
      const cdKey = nsKey(spec.clusterRef.namespace ?? namespace, spec.clusterRef.name)
      const link = this.clusters.get(cdKey)
      if (!link) {
        const cd = this.informer('ClusterDeployment').get(
          spec.clusterRef.namespace ?? namespace,
          spec.clusterRef.name
        )
        if (!cd)
          await this.writeStatus(
            'InfraEnv',
            ie,
            infraEnvProblemStatus('MissingClusterDeployment', `ClusterDeployment ${cdKey} not found`)
          )
        // Re-queued when the cluster is created.
        return
      }
      clusterId = link.clusterId
    }
    const staticNetwork = this.staticNetworkConfig(namespace, spec)
    let record = id ? this.sim.store.infraEnvs.get(id) : undefined
    if (!record) {
      const adopted = idFromEventsUrl(ie.status, 'infra_env_id')
      record = adopted ? this.sim.store.infraEnvs.get(adopted) : undefined
    }
    try {
      if (!record) {
        const pullSecret = await this.pullSecret(namespace, spec.pullSecretRef?.name)
        record = registerInfraEnv(this.sim, {
          name,
          pull_secret: pullSecret,
          ...(clusterId ? { cluster_id: clusterId } : {}),
          cpu_architecture: spec.cpuArchitecture ?? 'x86_64',
          image_type: spec.imageType ?? 'minimal-iso',
          ...(spec.sshAuthorizedKey ? { ssh_authorized_key: spec.sshAuthorizedKey } : {}),
          ...(spec.additionalNTPSources?.length
            ? { additional_ntp_sources: spec.additionalNTPSources.join(',') }
            : {}),
          ...(spec.proxy
            ? {
                proxy: {
                  ...(spec.proxy.httpProxy ? { http_proxy: spec.proxy.httpProxy } : {}),
                  ...(spec.proxy.httpsProxy ? { https_proxy: spec.proxy.httpsProxy } : {}),
                  ...(spec.proxy.noProxy ? { no_proxy: spec.proxy.noProxy } : {})
                }
              }
            : {}),
          ...(staticNetwork.length ? { static_network_config: staticNetwork } : {})
        })
      } else if (
        (record.staticNetworkConfig || '') !== (staticNetwork.length ? JSON.stringify(staticNetwork) : '')
      ) {
        updateInfraEnv(this.sim, record.id, { static_network_config: staticNetwork })
      }
    } catch (error) {
      if (error instanceof SpecInputError || (error as { status?: number }).status === 400) {
        await this.writeStatus(
          'InfraEnv',
          ie,
          infraEnvProblemStatus('ImageCreationError', errorMessage(error))
        )
        return
      }
      throw error
    }
    this.infraEnvIds.set(key, record.id)
    this.infraEnvCrs.set(record.id, { namespace, name })
    await this.writeStatus('InfraEnv', ie, infraEnvStatus(this.sim, record, name))
  }

  /** The NMStateConfigs the InfraEnv selects, as the infra-env's static network config. */
  private staticNetworkConfig(namespace: string, spec: InfraEnvSpec): unknown[] {
    const selector = spec.nmStateConfigLabelSelector?.matchLabels
    if (!selector || !Object.keys(selector).length) return []
    return this.informer('NMStateConfig')
      .objects()
      .filter(
        o =>
          o.metadata.namespace === namespace &&
          Object.entries(selector).every(([k, v]) => o.metadata.labels?.[k] === v)
      )
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
      .map(o => {
        const s = (o.spec ?? {}) as {
          config?: unknown
          interfaces?: { name?: string; macAddress?: string }[]
        }
        return {
          network_yaml: YAML.stringify(s.config ?? {}),
          mac_interface_map: (s.interfaces ?? []).map(i => ({
            mac_address: i.macAddress,
            logical_nic_name: i.name
          }))
        }
      })
  }

  private removeInfraEnv(key: string, id: string): void {
    this.infraEnvIds.delete(key)
    this.infraEnvCrs.delete(id)
    const record = this.sim.store.infraEnvs.get(id)
    if (!record) return
    try {
      for (const host of [...record.hosts.values()]) deregisterHost(this.sim, host)
      deregisterInfraEnv(this.sim, id)
    } catch (error) {
      this.logger.warning(`kube-api mode: cannot delete infra-env of InfraEnv ${key}: ${errorMessage(error)}`)
    }
  }

  // ---- Agent ---------------------------------------------------------------------------------------------

  /** §4.3: the Agent of a host that registered into a kube InfraEnv. */
  private async createAgent(host: HostRecord, cr: { namespace: string; name: string }): Promise<void> {
    if (this.informer('Agent').get(cr.namespace, host.id)) {
      this.enqueueAgent(cr.namespace, host.id)
      return
    }
    const ie = this.informer('InfraEnv').get(cr.namespace, cr.name)
    if (!ie) return
    const spec = (ie.spec ?? {}) as InfraEnvSpec
    const ref = spec.clusterRef?.name
      ? { name: spec.clusterRef.name, namespace: spec.clusterRef.namespace ?? cr.namespace }
      : undefined
    const agent: KubeObject = {
      apiVersion: KINDS.Agent.apiVersion,
      kind: 'Agent',
      metadata: {
        name: host.id,
        namespace: cr.namespace,
        labels: {
          ...(spec.agentLabels ?? {}),
          [INFRAENV_LABEL]: cr.name,
          ...(ref ? { [CD_NAMESPACE_LABEL]: ref.namespace } : {})
        },
        ownerReferences: [
          { apiVersion: KINDS.InfraEnv.apiVersion, kind: 'InfraEnv', name: cr.name, uid: ie.metadata.uid }
        ]
      },
      spec: { approved: false, role: '', ...(ref ? { clusterDeploymentName: ref } : {}) }
    }
    this.counters.writes++
    const created = await this.client.create(agent)
    if (created) this.counters.agentsCreated++
    // autoApprove: the Agent controller approves right after creation (§10 point 3).
    if (created && spec.agentApproval?.autoApprove === true) {
      this.counters.writes++
      await this.client.mergePatch(KINDS.Agent, host.id, cr.namespace, { spec: { approved: true } })
    }
    this.enqueueAgent(cr.namespace, host.id)
  }

  private hostOfAgent(agent: KubeObject): HostRecord | undefined {
    const ieName = agent.metadata.labels?.[INFRAENV_LABEL]
    if (!ieName) return undefined
    const id = this.infraEnvIds.get(nsKey(agent.metadata.namespace, ieName))
    return id ? this.sim.store.host(id, agent.metadata.name) : undefined
  }

  private async agentDeleted(agent: KubeObject): Promise<void> {
    this.written.delete(`Agent|${nsKey(agent.metadata.namespace, agent.metadata.name)}`)
    const host = this.hostOfAgent(agent)
    if (!host) return
    const cdKey = host.clusterId ? this.cdOfCluster.get(host.clusterId) : undefined
    deregisterHost(this.sim, host)
    if (cdKey) this.enqueueAci(cdKey)
  }

  private async reconcileAgent(namespace: string, name: string): Promise<void> {
    const agent = this.informer('Agent').get(namespace, name)
    if (!agent) return
    const host = this.hostOfAgent(agent)
    if (!host) return
    const spec = (agent.spec ?? {}) as AgentSpec
    this.applyAgentSpec(agent, spec, host)
    const cluster = this.sim.store.clusterOf(host)
    const cdKey = cluster ? this.cdOfCluster.get(cluster.id) : undefined
    if (cdKey) this.enqueueAci(cdKey)
    await this.writeStatus(
      'Agent',
      agent,
      agentStatus({
        host,
        cluster,
        approved: spec.approved === true,
        eventsUrl: hostEventsUrl(this.sim, host.infraEnvId, host.id)
      })
    )
  }

  /** Role, hostname and the cluster reference from the Agent's spec reach the host (§10 point 2). */
  private applyAgentSpec(agent: KubeObject, spec: AgentSpec, host: HostRecord): void {
    const where = `Agent ${nsKey(agent.metadata.namespace, agent.metadata.name)}`
    const update: HostUpdate = {}
    if (spec.hostname && spec.hostname !== host.requestedHostname) update.host_name = spec.hostname
    if (
      host.clusterId &&
      spec.role &&
      ['master', 'worker', 'arbiter', 'auto-assign'].includes(spec.role) &&
      spec.role !== host.role
    )
      update.host_role = spec.role
    if (Object.keys(update).length) {
      try {
        updateHost(this.sim, host, update)
      } catch (error) {
        this.logger.debug(`kube-api mode: ${where}: ${errorMessage(error)}`)
      }
    }
    const ieName = agent.metadata.labels?.[INFRAENV_LABEL]
    const ie = ieName ? this.informer('InfraEnv').get(agent.metadata.namespace, ieName) : undefined
    if (!ie || (ie.spec as InfraEnvSpec | undefined)?.clusterRef?.name) return
    // Late binding: the InfraEnv is unbound, the Agent's clusterDeploymentName decides.
    const ref = spec.clusterDeploymentName
    const wanted = ref?.name
      ? this.clusters.get(nsKey(ref.namespace ?? agent.metadata.namespace, ref.name))
      : undefined
    try {
      if (host.clusterId && (!ref?.name || (wanted && wanted.clusterId !== host.clusterId)))
        unbindHost(this.sim, host)
      else if (!host.clusterId && wanted && host.status === 'known-unbound')
        bindHost(this.sim, host, wanted.clusterId)
    } catch (error) {
      this.logger.debug(`kube-api mode: ${where}: ${errorMessage(error)}`)
    }
  }
}

/** Creates the API client of the kube-api mode (its own field manager). */
export function kubeModeClient(kubeconfig: string, context?: string): Promise<KubeClient> {
  return KubeClient.create({
    kubeconfig,
    ...(context ? { context } : {}),
    fieldManager: SIM_FIELD_MANAGER,
    maxSockets: 16
  })
}
