/**
 * The part of an expanded Plan (src/plan) that the CR builders read. Declared here, structurally, so
 * src/kube depends on no more of the plan than it uses: a `Plan` is assignable to `KubePlan`.
 */

export interface KubePlanNic {
  name: string
  mac: string
  /** CIDR form, e.g. `10.0.3.10/24`. */
  ipv4?: string
}

export interface KubePlanHost {
  index: number
  id: string
  hostname: string
  role: 'master' | 'worker'
  nics: KubePlanNic[]
  ipv4: string
}

export interface KubePlanCluster {
  index: number
  name: string
  singleNode: boolean
  masters: number
  workers: number
  withNmstate: boolean
  /** Only an InfraEnv (a pool of unbound hosts): no ClusterDeployment nor AgentClusterInstall. */
  justInfraEnv: boolean
  /** The InfraEnv has no clusterRef; Agents are bound to the cluster later. */
  lateBinding: boolean
  userManagedNetworking: boolean
  infraEnvName: string
  infraEnvLabels: Record<string, string>
  machineCidr: string
  gateway: string
  apiVip?: string
  ingressVip?: string
  hosts: KubePlanHost[]
}

export interface KubePlan {
  runId: string
  openshiftVersion: string
  cpuArchitecture: string
  baseDomain: string
  releaseImage?: string
  sshPublicKey?: string
  target: { namespace?: string }
  network: {
    clusterNetworkCidr: string
    clusterNetworkHostPrefix: number
    serviceNetworkCidr: string
  }
  clusters: KubePlanCluster[]
}
