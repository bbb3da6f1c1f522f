// GENERATED from schemas/test-plan.schema.json by `npm run types`. Do not edit.
/* eslint-disable */

/**
 * A duration like `250ms`, `60s`, `1m30s`, `2h`; a bare number is seconds.
 *
 * This interface was referenced by `TestPlan`'s JSON-Schema
 * via the `definition` "duration".
 */
export type Duration = string | number
/**
 * This interface was referenced by `TestPlan`'s JSON-Schema
 * via the `definition` "cidr".
 */
export type Cidr = string

/**
 * An assisted-swarm load test: which clusters and hosts to fake, against which target, how fast, and which thresholds decide pass or fail.
 */
export interface TestPlan {
  /**
   * Run name: lower-case letters, digits and dashes; it prefixes every cluster name.
   */
  name: string
  description?: string
  target?: Target
  /**
   * OpenShift version of every cluster (x.y or x.y.z); must be one the service offers.
   */
  openshift_version?: string
  cpu_architecture?: 'x86_64' | 'aarch64' | 'arm64' | 'ppc64le' | 's390x'
  /**
   * Base DNS domain of every cluster. Hosts answer DNS questions for it from the plan; nothing is resolved for real.
   */
  base_domain?: string
  /**
   * Release image for ClusterImageSets (kube-api targets).
   */
  release_image?: string
  /**
   * Optional SSH public key set on clusters and infra-envs.
   */
  ssh_public_key?: string
  /**
   * Path of a file holding the pull secret (never logged). The CLI's --pull-secret-file and the action's pull-secret input take precedence.
   */
  pull_secret_file?: string
  network?: Network
  hardware?: HardwareByRole
  /**
   * Cluster groups; each group expands into `amount` identical clusters.
   *
   * @minItems 1
   */
  clusters: [ClusterGroup, ...ClusterGroup[]]
  ramp?: Ramp
  timing?: Timing
  agent?: Agent
  /**
   * k6-style expressions over report metrics, e.g. `p95(host.discovery_to_known) < 60s`. Any failing threshold fails the run (exit code 1).
   */
  thresholds?: string[]
  /**
   * Seed for shuffles and jitter, so a plan replays the same way.
   */
  seed?: number
  /**
   * Launch clusters in a seeded random order instead of plan order.
   */
  shuffle?: boolean
  /**
   * A duration like `250ms`, `60s`, `1m30s`, `2h`; a bare number is seconds.
   */
  deadline?: string | number
}
/**
 * Where the swarm's hosts go. Defaults to the embedded simulator.
 *
 * This interface was referenced by `TestPlan`'s JSON-Schema
 * via the `definition` "target".
 */
export interface Target {
  kind?: 'simulator' | 'rest' | 'kube-api'
  /**
   * assisted-service base URL (rest, kube-api agents).
   */
  url?: string
  /**
   * Kubeconfig path of the hub (kube-api).
   */
  kubeconfig?: string
  /**
   * Namespace prefix for CRs (kube-api); one namespace per cluster.
   */
  namespace?: string
  /**
   * Simulator timings: `fast` (monitors every 1s, for tests and demos) or `real` (8s/10s as the real service).
   */
  profile?: 'fast' | 'real'
}
/**
 * This interface was referenced by `TestPlan`'s JSON-Schema
 * via the `definition` "network".
 */
export interface Network {
  /**
   * Private range that cluster machine networks (one per cluster, see machine_network_prefix) are carved from. These addresses are data that hosts report; nothing is ever sent to them.
   */
  machine_base_cidr?: string
  /**
   * Prefix length of each cluster's machine network (a /24 by default; /26 or /27 fit more single-node clusters into the range). Clusters with more hosts than fit get a larger network.
   */
  machine_network_prefix?: number
  cluster_network_cidr?: string
  cluster_network_host_prefix?: number
  service_network_cidr?: string
}
/**
 * Default hardware profile per role; groups may override it.
 */
export interface HardwareByRole {
  master?: Hardware
  worker?: Hardware
  sno?: Hardware
}
/**
 * What a host reports in its inventory.
 *
 * This interface was referenced by `TestPlan`'s JSON-Schema
 * via the `definition` "hardware".
 */
export interface Hardware {
  cores?: number
  memory_gib?: number
  /**
   * @minItems 1
   */
  disks?: [Disk, ...Disk[]]
  /**
   * Physical NICs; the first one is on the machine network.
   */
  nics?: number
  manufacturer?: string
  product_name?: string
}
/**
 * This interface was referenced by `TestPlan`'s JSON-Schema
 * via the `definition` "disk".
 */
export interface Disk {
  size_gb: number
  type?: 'SSD' | 'HDD' | 'NVMe' | 'Multipath' | 'iSCSI' | 'FC' | 'RAID'
  count?: number
}
/**
 * This interface was referenced by `TestPlan`'s JSON-Schema
 * via the `definition` "clusterGroup".
 */
export interface ClusterGroup {
  /**
   * Group label used in cluster names (default `sno`, `compact` or `multi`).
   */
  name?: string
  /**
   * How many clusters of this shape.
   */
  amount: number
  /**
   * Single-node OpenShift: one host, no workers.
   */
  single_node?: boolean
  /**
   * Control-plane hosts (multi-node).
   */
  masters?: 3 | 4 | 5
  /**
   * Worker hosts (multi-node).
   */
  workers?: number
  /**
   * Give each host a static network config (NMStateConfig).
   */
  with_nmstate?: boolean
  /**
   * Only create the infra-env (no cluster): hosts register unbound and stay known-unbound, for late-binding tests.
   */
  just_infraenv?: boolean
  /**
   * Create the cluster and an unbound infra-env; hosts register unbound and the swarm binds them to the cluster.
   */
  late_binding?: boolean
  /**
   * User-managed networking (no VIPs). Always true for single-node.
   */
  user_managed_networking?: boolean
  /**
   * Labels on the infra-env (kube-api) so launch-swarm can find it.
   */
  infraenv_labels?: {
    [k: string]: string
  }
  hardware?: HardwareByRole1
  failures?: Failure[]
}
/**
 * This interface was referenced by `TestPlan`'s JSON-Schema
 * via the `definition` "hardwareByRole".
 */
export interface HardwareByRole1 {
  master?: Hardware
  worker?: Hardware
  sno?: Hardware
}
/**
 * Make chosen hosts fail a chosen check, to load-test the unhappy paths.
 *
 * This interface was referenced by `TestPlan`'s JSON-Schema
 * via the `definition` "failure".
 */
export interface Failure {
  kind:
    | 'small-disk'
    | 'low-memory'
    | 'few-cores'
    | 'missing-connectivity'
    | 'clock-skew'
    | 'ntp-unsynced'
    | 'dns-wildcard'
    | 'no-default-route'
    | 'image-unavailable'
    | 'install-fails'
  /**
   * Host indexes within each cluster (masters first, then workers), or `all`.
   */
  hosts?: 'all' | [number, ...number[]]
  /**
   * Cluster indexes within the group (default: every cluster of the group).
   *
   * @minItems 1
   */
  clusters?: [number, ...number[]]
  /**
   * For install-fails: the installer stage that fails.
   */
  stage?: string
}
/**
 * This interface was referenced by `TestPlan`'s JSON-Schema
 * via the `definition` "ramp".
 */
export interface Ramp {
  /**
   * Hosts launched per second at most.
   */
  hosts_per_second?: number
  /**
   * At most this many clusters partially launched or installing at once (the original swarm's gating).
   */
  max_clusters_in_flight?: number
}
/**
 * How long the emulated installer and controller take (protocol realism knobs, not shortcuts).
 *
 * This interface was referenced by `TestPlan`'s JSON-Schema
 * via the `definition` "timing".
 */
export interface Timing {
  /**
   * Duration of each installer stage by its exact name (`Writing image to disk`: 30s, ...).
   */
  stages?: {
    [k: string]: Duration
  }
  /**
   * A duration like `250ms`, `60s`, `1m30s`, `2h`; a bare number is seconds.
   */
  default_stage?: string | number
  /**
   * A duration like `250ms`, `60s`, `1m30s`, `2h`; a bare number is seconds.
   */
  controller_ready?: string | number
  /**
   * A duration like `250ms`, `60s`, `1m30s`, `2h`; a bare number is seconds.
   */
  node_ready?: string | number
  /**
   * A duration like `250ms`, `60s`, `1m30s`, `2h`; a bare number is seconds.
   */
  operators_available?: string | number
  /**
   * A duration like `250ms`, `60s`, `1m30s`, `2h`; a bare number is seconds.
   */
  controller_poll?: string | number
  /**
   * Relative random jitter applied to every duration (0.2 = ±20%).
   */
  jitter?: number
}
/**
 * This interface was referenced by `TestPlan`'s JSON-Schema
 * via the `definition` "agent".
 */
export interface Agent {
  /**
   * discovery_agent_version the hosts register with (the real agent reports its image).
   */
  version?: string
  /**
   * `pooled`: shared keep-alive connections; `faithful`: a new connection per request, as the real agent.
   */
  connection?: 'pooled' | 'faithful'
  max_concurrent_requests?: number
  /**
   * Skip TLS verification (SKIP_CERT_VERIFICATION).
   */
  insecure?: boolean
  /**
   * Extra CA (PEM) to trust, as the agent's --cacert.
   */
  ca_file?: string
}
