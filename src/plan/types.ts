import type { TestPlan } from './generated/test-plan.js'

export type { TestPlan } from './generated/test-plan.js'

export type TargetKind = 'simulator' | 'rest' | 'kube-api'
export type HostRole = 'master' | 'worker'
export type FailureKind = NonNullable<NonNullable<TestPlan['clusters'][number]['failures']>[number]['kind']>

/** A disk as the host will report it. */
export interface PlanDisk {
  name: string
  /** `/dev/disk/by-id/...`: what the real agent sends as `id`. */
  byId: string
  sizeBytes: number
  driveType: string
}

export interface PlanNic {
  name: string
  mac: string
  /** CIDR form, e.g. `10.0.3.10/24`; only the first NIC carries an address. */
  ipv4?: string
}

export interface PlanHardware {
  cores: number
  memoryBytes: number
  disks: PlanDisk[]
  manufacturer: string
  productName: string
}

/** One fake host: everything about it is derived from (run id, cluster index, host index). */
export interface PlanHost {
  /** Index across the whole plan (not the shard), stable across shards and re-runs. */
  index: number
  clusterIndex: number
  /** Masters first, then workers. */
  indexInCluster: number
  id: string
  hostname: string
  role: HostRole
  nics: PlanNic[]
  /** The first NIC's address without prefix, e.g. `10.0.3.10`. */
  ipv4: string
  hardware: PlanHardware
  failures: FailureKind[]
  /** For `install-fails`: the stage at which the installer reports Failed. */
  failStage?: string
}

export interface PlanCluster {
  /** Index across the whole plan; `--shard i/N` keeps index ≡ i (mod N). */
  index: number
  /** Group label (`sno`, `multi`, or the group's `name`) and the cluster's index inside the group. */
  group: string
  groupIndex: number
  name: string
  singleNode: boolean
  masters: number
  workers: number
  withNmstate: boolean
  justInfraEnv: boolean
  lateBinding: boolean
  userManagedNetworking: boolean
  infraEnvName: string
  infraEnvLabels: Record<string, string>
  /** Machine network, e.g. `10.0.3.0/24`. */
  machineCidr: string
  gateway: string
  /** Multi-node clusters with cluster-managed networking only. */
  apiVip?: string
  ingressVip?: string
  hosts: PlanHost[]
}

export interface PlanTiming {
  stagesMs: Record<string, number>
  defaultStageMs: number
  controllerReadyMs: number
  nodeReadyMs: number
  operatorsAvailableMs: number
  controllerPollMs: number
  jitter: number
}

export interface PlanAgent {
  version: string
  connection: 'pooled' | 'faithful'
  maxConcurrentRequests: number
  insecure: boolean
  caFile?: string
}

/** The expanded, deterministic plan: what every stage works from. */
export interface Plan {
  name: string
  runId: string
  seed: number
  target: {
    kind: TargetKind
    url?: string
    kubeconfig?: string
    namespace?: string
    profile: 'fast' | 'real'
  }
  openshiftVersion: string
  cpuArchitecture: string
  baseDomain: string
  releaseImage?: string
  sshPublicKey?: string
  pullSecretFile?: string
  network: {
    machineBaseCidr: string
    machineNetworkPrefix: number
    clusterNetworkCidr: string
    clusterNetworkHostPrefix: number
    serviceNetworkCidr: string
  }
  ramp: { hostsPerSecond: number; maxClustersInFlight: number }
  timing: PlanTiming
  agent: PlanAgent
  thresholds: string[]
  deadlineMs: number
  shuffle: boolean
  /** Which part of the plan this is; `{index: 0, count: 1}` for the whole plan. */
  shard: { index: number; count: number }
  /** Clusters of this shard, in launch order (plan order, or a seeded shuffle). */
  clusters: PlanCluster[]
  /** Counts over the whole plan (every shard). */
  totals: { clusters: number; hosts: number }
  /** Notes for the user, e.g. that a legacy plan was converted. */
  notes: string[]
}
