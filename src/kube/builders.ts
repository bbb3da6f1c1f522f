/**
 * Builds the custom resources of every cluster of a plan, as assisted-service's kube-api mode expects
 * them (../shared/docs/service-behavior.md §4): Namespace, pull-secret Secret, ClusterImageSet,
 * ClusterDeployment, AgentClusterInstall, InfraEnv, NMStateConfigs for `with_nmstate` groups and,
 * optionally, BareMetalHosts. Pure functions: nothing here talks to a server.
 */
import { ConfigurationError } from '../util/errors.js'
import { KINDS, type KindInfo } from './kinds.js'
import {
  CLUSTER_LABEL,
  INFRAENV_LABEL,
  MANAGED_BY,
  MANAGED_BY_LABEL,
  NMSTATE_LABEL,
  RUN_ID_LABEL,
  dns1123LabelProblems,
  labelKeyProblems,
  labelValueProblems,
  type KubeObject
} from './objects.js'
import type { KubePlan, KubePlanCluster, KubePlanHost } from './plan-view.js'

export interface BuildOptions {
  /** The pull secret (the `.dockerconfigjson` content). It only ever goes into the Secret's data. */
  pullSecret: string
  /** Also create one BareMetalHost per host, labelled for its InfraEnv. */
  bareMetalHosts?: boolean
  /** Set `spec.agentApproval.autoApprove` on InfraEnvs: the service approves Agents itself. */
  autoApprove?: boolean
}

export interface ClusterObjects {
  cluster: KubePlanCluster
  namespace: string
  objects: KubeObject[]
}

export interface RunObjects {
  /** Objects shared by the clusters of the run (ClusterImageSet; the Namespace and Secret with target.namespace). */
  shared: KubeObject[]
  clusters: ClusterObjects[]
}

export const PULL_SECRET_NAME = 'pull-secret'

/**
 * A syntactically valid pull secret for targets that do not pull anything (the embedded simulator, a bare
 * API server). Its registry names no real host.
 */
export const PLACEHOLDER_PULL_SECRET = JSON.stringify({
  auths: { 'registry.invalid': { auth: Buffer.from('assisted-swarm:placeholder').toString('base64') } }
})

/** Checks that a pull secret is a docker config JSON; the message never contains the secret. */
export function checkPullSecret(text: string, source: string): void {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new ConfigurationError(`${source}: the pull secret is not valid JSON (expected {"auths": {...}})`)
  }
  const auths = (parsed as { auths?: unknown } | null)?.auths
  if (typeof auths !== 'object' || auths === null || Array.isArray(auths)) {
    throw new ConfigurationError(
      `${source}: the pull secret has no "auths" object (expected {"auths": {...}})`
    )
  }
}

/** The namespace a cluster's objects go to: the plan's target.namespace, or `<run id>-<cluster name>`. */
export function clusterNamespace(
  plan: Pick<KubePlan, 'runId' | 'target'>,
  cluster: Pick<KubePlanCluster, 'name'>
): string {
  return plan.target.namespace ?? `${plan.runId}-${cluster.name}`
}

export function clusterImageSetName(plan: Pick<KubePlan, 'runId' | 'openshiftVersion'>): string {
  return `${plan.runId}-ocp-${plan.openshiftVersion}`.toLowerCase()
}

/** The release image the ClusterImageSet names: the plan's, or the public one for the version and arch. */
export function releaseImageOf(
  plan: Pick<KubePlan, 'releaseImage' | 'openshiftVersion' | 'cpuArchitecture'>
): string {
  if (plan.releaseImage) return plan.releaseImage
  const version = /^\d+\.\d+$/.test(plan.openshiftVersion)
    ? `${plan.openshiftVersion}.0`
    : plan.openshiftVersion
  const arch = plan.cpuArchitecture === 'arm64' ? 'aarch64' : plan.cpuArchitecture
  return `quay.io/openshift-release-dev/ocp-release:${version}-${arch}`
}

function meta(info: KindInfo, name: string, namespace: string | undefined, labels: Record<string, string>) {
  return {
    apiVersion: info.apiVersion,
    kind: info.kind,
    metadata: { name, ...(info.namespaced && namespace ? { namespace } : {}), labels }
  }
}

/** Every object of the run, shared ones first, in plan order. */
export function buildRunObjects(plan: KubePlan, options: BuildOptions): RunObjects {
  checkPlanNames(plan)
  const runLabels = { [RUN_ID_LABEL]: plan.runId, [MANAGED_BY_LABEL]: MANAGED_BY }
  const shared: KubeObject[] = [
    {
      ...meta(KINDS.ClusterImageSet, clusterImageSetName(plan), undefined, runLabels),
      spec: { releaseImage: releaseImageOf(plan) }
    }
  ]
  if (plan.target.namespace) {
    shared.push(
      namespaceObject(plan.target.namespace, runLabels),
      pullSecretObject(plan.target.namespace, runLabels, options)
    )
  }
  const clusters = plan.clusters.map(cluster => buildClusterObjects(plan, cluster, options))
  return { shared, clusters }
}

export function allObjects(run: RunObjects): KubeObject[] {
  return [...run.shared, ...run.clusters.flatMap(c => c.objects)]
}

export function buildClusterObjects(
  plan: KubePlan,
  cluster: KubePlanCluster,
  options: BuildOptions
): ClusterObjects {
  const namespace = clusterNamespace(plan, cluster)
  const labels = { [RUN_ID_LABEL]: plan.runId, [MANAGED_BY_LABEL]: MANAGED_BY, [CLUSTER_LABEL]: cluster.name }
  const objects: KubeObject[] = []
  if (!plan.target.namespace) {
    objects.push(namespaceObject(namespace, labels), pullSecretObject(namespace, labels, options))
  }
  if (!cluster.justInfraEnv) {
    objects.push(
      clusterDeployment(plan, cluster, namespace, labels),
      agentClusterInstall(plan, cluster, namespace, labels)
    )
  }
  if (cluster.withNmstate) {
    for (const host of cluster.hosts) objects.push(nmStateConfig(cluster, host, namespace, labels))
  }
  objects.push(infraEnv(plan, cluster, namespace, labels, options))
  if (options.bareMetalHosts) {
    for (const host of cluster.hosts) objects.push(bareMetalHost(cluster, host, namespace, labels))
  }
  return { cluster, namespace, objects }
}

function namespaceObject(name: string, labels: Record<string, string>): KubeObject {
  return meta(KINDS.Namespace, name, undefined, labels)
}

function pullSecretObject(
  namespace: string,
  labels: Record<string, string>,
  options: BuildOptions
): KubeObject {
  return {
    ...meta(KINDS.Secret, PULL_SECRET_NAME, namespace, labels),
    type: 'kubernetes.io/dockerconfigjson',
    // `data`, not `stringData`: stringData is write-only, so a re-apply would never look unchanged.
    data: { '.dockerconfigjson': Buffer.from(options.pullSecret).toString('base64') }
  }
}

function clusterDeployment(
  plan: KubePlan,
  cluster: KubePlanCluster,
  namespace: string,
  labels: Record<string, string>
): KubeObject {
  return {
    ...meta(KINDS.ClusterDeployment, cluster.name, namespace, labels),
    spec: {
      baseDomain: plan.baseDomain,
      clusterName: cluster.name,
      // The service ignores the selector for binding (§10 point 2); Hive requires the field.
      platform: { agentBareMetal: { agentSelector: { matchLabels: { [CLUSTER_LABEL]: cluster.name } } } },
      pullSecretRef: { name: PULL_SECRET_NAME },
      clusterInstallRef: {
        group: 'extensions.hive.openshift.io',
        version: 'v1beta1',
        kind: 'AgentClusterInstall',
        name: cluster.name
      }
    }
  }
}

function agentClusterInstall(
  plan: KubePlan,
  cluster: KubePlanCluster,
  namespace: string,
  labels: Record<string, string>
): KubeObject {
  const umn = cluster.userManagedNetworking
  const vips = !umn && cluster.apiVip && cluster.ingressVip
  return {
    ...meta(KINDS.AgentClusterInstall, cluster.name, namespace, labels),
    spec: {
      clusterDeploymentRef: { name: cluster.name },
      imageSetRef: { name: clusterImageSetName(plan) },
      networking: {
        clusterNetwork: [
          { cidr: plan.network.clusterNetworkCidr, hostPrefix: plan.network.clusterNetworkHostPrefix }
        ],
        serviceNetwork: [plan.network.serviceNetworkCidr],
        machineNetwork: [{ cidr: cluster.machineCidr }],
        networkType: 'OVNKubernetes',
        userManagedNetworking: umn
      },
      provisionRequirements: { controlPlaneAgents: cluster.masters, workerAgents: cluster.workers },
      platformType: umn ? 'None' : 'BareMetal',
      ...(vips ? { apiVIPs: [cluster.apiVip], ingressVIPs: [cluster.ingressVip] } : {}),
      ...(plan.sshPublicKey ? { sshPublicKey: plan.sshPublicKey } : {})
    }
  }
}

function infraEnv(
  plan: KubePlan,
  cluster: KubePlanCluster,
  namespace: string,
  labels: Record<string, string>,
  options: BuildOptions
): KubeObject {
  const bound = !cluster.justInfraEnv && !cluster.lateBinding
  return {
    ...meta(KINDS.InfraEnv, cluster.infraEnvName, namespace, { ...cluster.infraEnvLabels, ...labels }),
    spec: {
      pullSecretRef: { name: PULL_SECRET_NAME },
      cpuArchitecture: plan.cpuArchitecture,
      // Copied by the service onto every Agent of this InfraEnv: watches select a run's Agents by it.
      agentLabels: { [RUN_ID_LABEL]: plan.runId, [CLUSTER_LABEL]: cluster.name },
      ...(bound ? { clusterRef: { name: cluster.name, namespace } } : {}),
      ...(cluster.withNmstate
        ? { nmStateConfigLabelSelector: { matchLabels: { [NMSTATE_LABEL]: cluster.infraEnvName } } }
        : {}),
      ...(options.autoApprove ? { agentApproval: { autoApprove: true } } : {}),
      ...(plan.sshPublicKey ? { sshAuthorizedKey: plan.sshPublicKey } : {})
    }
  }
}

function prefixLength(cidr: string): number {
  return Number(cidr.split('/')[1] ?? 24)
}

function nmStateConfig(
  cluster: KubePlanCluster,
  host: KubePlanHost,
  namespace: string,
  labels: Record<string, string>
): KubeObject {
  const nic = host.nics[0]
  if (!nic)
    throw new ConfigurationError(
      `clusters[${cluster.index}] host ${host.hostname}: has no NIC for its NMStateConfig`
    )
  return {
    ...meta(KINDS.NMStateConfig, host.hostname, namespace, {
      ...labels,
      [NMSTATE_LABEL]: cluster.infraEnvName
    }),
    spec: {
      interfaces: [{ name: nic.name, macAddress: nic.mac }],
      config: {
        interfaces: [
          {
            name: nic.name,
            type: 'ethernet',
            state: 'up',
            'mac-address': nic.mac,
            ipv4: {
              enabled: true,
              dhcp: false,
              address: [{ ip: host.ipv4, 'prefix-length': prefixLength(cluster.machineCidr) }]
            },
            ipv6: { enabled: false }
          }
        ],
        'dns-resolver': { config: { server: [cluster.gateway] } },
        routes: {
          config: [
            {
              destination: '0.0.0.0/0',
              'next-hop-address': cluster.gateway,
              'next-hop-interface': nic.name,
              'table-id': 254
            }
          ]
        }
      }
    }
  }
}

function bareMetalHost(
  cluster: KubePlanCluster,
  host: KubePlanHost,
  namespace: string,
  labels: Record<string, string>
): KubeObject {
  const object = meta(KINDS.BareMetalHost, host.hostname, namespace, {
    ...labels,
    [INFRAENV_LABEL]: cluster.infraEnvName
  })
  return {
    ...object,
    metadata: {
      ...object.metadata,
      annotations: {
        // No BMC exists: the agent controller must not wait for an inspection.
        'inspect.metal3.io': 'disabled',
        'bmac.agent-install.openshift.io/hostname': host.hostname,
        ...(cluster.singleNode ? {} : { 'bmac.agent-install.openshift.io/role': host.role })
      }
    },
    spec: {
      online: true,
      bootMACAddress: host.nics[0]?.mac,
      automatedCleaningMode: 'disabled'
    }
  }
}

/** Names and labels the server would reject, reported against the plan fields they come from. */
function checkPlanNames(plan: KubePlan): void {
  const problems: string[] = []
  problems.push(
    ...labelValueProblems(plan.runId).map(
      p => `run id ${JSON.stringify(plan.runId)}: ${p} (it is a label value)`
    )
  )
  if (plan.target.namespace) {
    problems.push(
      ...dns1123LabelProblems(plan.target.namespace).map(
        p => `target.namespace ${JSON.stringify(plan.target.namespace)}: ${p}`
      )
    )
  }
  for (const cluster of plan.clusters) {
    const where = `clusters[${cluster.index}] (${cluster.name})`
    if (!plan.target.namespace) {
      const ns = clusterNamespace(plan, cluster)
      problems.push(
        ...dns1123LabelProblems(ns).map(
          p => `${where}: namespace ${JSON.stringify(ns)} (run id + cluster name) ${p}`
        )
      )
    }
    problems.push(
      ...labelValueProblems(cluster.name).map(p => `${where}: cluster name ${p} (it is a label value)`)
    )
    for (const [key, value] of Object.entries(cluster.infraEnvLabels)) {
      problems.push(
        ...labelKeyProblems(key).map(p => `${where}: infraenv_labels key ${JSON.stringify(key)}: ${p}`)
      )
      problems.push(
        ...labelValueProblems(value).map(
          p => `${where}: infraenv_labels[${JSON.stringify(key)}] value ${JSON.stringify(value)}: ${p}`
        )
      )
    }
  }
  if (problems.length)
    throw new ConfigurationError(problems.slice(0, 20), 'The plan cannot be turned into Kubernetes objects:')
}
