import { createHash } from 'node:crypto'
import { ConfigurationError } from '../util/errors.js'
import { parseDuration } from '../util/duration.js'
import { seededRandom, shuffled } from '../util/random.js'
import { SWARM_NAMESPACE, uuidV5 } from '../util/uuid.js'
import { blockSize, cidrsOverlap, formatCidr, formatIpv4, parseCidr, type Ipv4Cidr } from './ipv4.js'
import type {
  Plan,
  PlanCluster,
  PlanDisk,
  PlanHardware,
  PlanHost,
  PlanNic,
  PlanTiming,
  TestPlan
} from './types.js'

type Group = TestPlan['clusters'][number]
type Hardware = NonNullable<NonNullable<TestPlan['hardware']>['master']>

const GIB = 1024 ** 3
const GB = 1000 ** 3
/** Addresses kept free at the start of each machine network: .1 gateway, .2 API VIP, .3 ingress VIP. */
const FIRST_HOST_OFFSET = 10
/** MACs carry a 24-bit host index. */
const MAX_HOSTS = 2 ** 24

const DEFAULT_HARDWARE: Record<
  'master' | 'worker' | 'sno',
  Required<Omit<Hardware, 'manufacturer' | 'product_name'>>
> = {
  sno: { cores: 8, memory_gib: 32, disks: [{ size_gb: 120, type: 'SSD' }], nics: 1 },
  master: { cores: 8, memory_gib: 32, disks: [{ size_gb: 120, type: 'SSD' }], nics: 1 },
  worker: { cores: 4, memory_gib: 16, disks: [{ size_gb: 120, type: 'SSD' }], nics: 1 }
}

export interface ExpandOptions {
  /** Every id, MAC and address derives from it, so shards and re-runs of one run agree. */
  runId: string
  /** `{index: i, count: N}` keeps clusters whose index ≡ i (mod N). */
  shard?: { index: number; count: number }
  notes?: string[]
}

/** Parses `--shard i/N` (0 ≤ i < N). */
export function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim())
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || count < 1 || index >= count) {
    throw new ConfigurationError(
      `--shard: expected i/N with 0 <= i < N (e.g. 0/4), got ${JSON.stringify(text)}`
    )
  }
  return { index, count }
}

/** Expands a validated test plan into the deterministic list of clusters and hosts. */
export function expandPlan(testPlan: TestPlan, options: ExpandOptions): Plan {
  const shard = options.shard ?? { index: 0, count: 1 }
  const network = resolveNetwork(testPlan)
  const runByte = createHash('sha1').update(options.runId).digest()[0]!
  const groupLabels = labelGroups(testPlan.clusters)

  const all: PlanCluster[] = []
  let hostIndex = 0
  let cursor = network.machineBase.base
  const machineEnd = network.machineBase.base + blockSize(network.machineBase.prefix)
  const maxHostsPerCluster = 2 ** (network.hostPrefix - network.clusterNetwork.prefix)
  const plannedHosts = testPlan.clusters.reduce(
    (sum, g) => sum + g.amount * (g.single_node ? 1 : (g.masters ?? 3) + (g.workers ?? 0)),
    0
  )
  if (plannedHosts > MAX_HOSTS) {
    throw new ConfigurationError(
      `clusters: the plan has ${plannedHosts} hosts; assisted-swarm derives MACs for at most ${MAX_HOSTS}`
    )
  }

  testPlan.clusters.forEach((group, groupNumber) => {
    const masters = group.single_node ? 1 : (group.masters ?? 3)
    const workers = group.single_node ? 0 : (group.workers ?? 0)
    const size = masters + workers
    if (size > maxHostsPerCluster) {
      throw new ConfigurationError(
        `clusters[${groupNumber}]: ${size} hosts per cluster exceed what cluster network ${formatCidr(network.clusterNetwork)} ` +
          `with host prefix /${network.hostPrefix} can address (${maxHostsPerCluster}); the service would reject the cluster ` +
          `(network-prefix-valid). Use a larger network.cluster_network_cidr or a longer cluster_network_host_prefix.`
      )
    }
    let prefix = network.machinePrefix
    while (blockSize(prefix) < size + FIRST_HOST_OFFSET + 1) prefix--
    for (let groupIndex = 0; groupIndex < group.amount; groupIndex++) {
      const block = blockSize(prefix)
      cursor = Math.ceil(cursor / block) * block
      if (cursor + block > machineEnd) {
        throw new ConfigurationError(
          `network.machine_base_cidr: ${formatCidr(network.machineBase)} is too small for the plan's machine networks ` +
            `(one /${network.machinePrefix} or larger per cluster); use a larger range or a longer network.machine_network_prefix`
        )
      }
      const machine: Ipv4Cidr = { base: cursor, prefix }
      cursor += block
      const index = all.length
      const name = `${testPlan.name}-${groupLabels[groupNumber]}-${groupIndex}`
      const userManaged = group.single_node ? true : (group.user_managed_networking ?? false)
      const cluster: PlanCluster = {
        index,
        group: groupLabels[groupNumber]!,
        groupIndex,
        name,
        singleNode: Boolean(group.single_node),
        masters,
        workers,
        withNmstate: Boolean(group.with_nmstate),
        justInfraEnv: Boolean(group.just_infraenv),
        lateBinding: Boolean(group.late_binding),
        userManagedNetworking: userManaged,
        infraEnvName: `${name}-infraenv`,
        infraEnvLabels: { ...(group.infraenv_labels ?? {}) },
        machineCidr: formatCidr(machine),
        gateway: formatIpv4(machine.base + 1),
        ...(userManaged
          ? {}
          : { apiVip: formatIpv4(machine.base + 2), ingressVip: formatIpv4(machine.base + 3) }),
        hosts: []
      }
      for (let h = 0; h < size; h++) {
        cluster.hosts.push(
          makeHost(testPlan, group, groupIndex, cluster, h, hostIndex++, {
            runId: options.runId,
            runByte,
            masters
          })
        )
      }
      all.push(cluster)
    }
  })

  const ordered = testPlan.shuffle ? shuffled(all, seededRandom(testPlan.seed ?? 1)) : all
  const clusters = ordered.filter(c => c.index % shard.count === shard.index)
  const target = testPlan.target ?? {}

  return {
    name: testPlan.name,
    runId: options.runId,
    seed: testPlan.seed ?? 1,
    target: {
      kind: target.kind ?? 'simulator',
      ...(target.url ? { url: target.url } : {}),
      ...(target.kubeconfig ? { kubeconfig: target.kubeconfig } : {}),
      ...(target.namespace ? { namespace: target.namespace } : {}),
      profile: target.profile ?? 'fast'
    },
    openshiftVersion: testPlan.openshift_version ?? '4.18',
    cpuArchitecture: testPlan.cpu_architecture ?? 'x86_64',
    baseDomain: testPlan.base_domain ?? 'swarm.example.com',
    ...(testPlan.release_image ? { releaseImage: testPlan.release_image } : {}),
    ...(testPlan.ssh_public_key ? { sshPublicKey: testPlan.ssh_public_key } : {}),
    ...(testPlan.pull_secret_file ? { pullSecretFile: testPlan.pull_secret_file } : {}),
    network: {
      machineBaseCidr: formatCidr(network.machineBase),
      machineNetworkPrefix: network.machinePrefix,
      clusterNetworkCidr: formatCidr(network.clusterNetwork),
      clusterNetworkHostPrefix: network.hostPrefix,
      serviceNetworkCidr: formatCidr(network.serviceNetwork)
    },
    ramp: {
      hostsPerSecond: testPlan.ramp?.hosts_per_second ?? 20,
      maxClustersInFlight: testPlan.ramp?.max_clusters_in_flight ?? 50
    },
    timing: resolveTiming(testPlan.timing),
    agent: {
      version: testPlan.agent?.version ?? 'quay.io/edge-infrastructure/assisted-installer-agent:latest',
      connection: testPlan.agent?.connection ?? 'pooled',
      maxConcurrentRequests: testPlan.agent?.max_concurrent_requests ?? 256,
      insecure: testPlan.agent?.insecure ?? false,
      ...(testPlan.agent?.ca_file ? { caFile: testPlan.agent.ca_file } : {})
    },
    thresholds: testPlan.thresholds ?? [],
    deadlineMs: durationOf(testPlan.deadline, '2h', 'deadline'),
    shuffle: Boolean(testPlan.shuffle),
    shard,
    clusters,
    totals: { clusters: all.length, hosts: hostIndex },
    notes: options.notes ?? []
  }
}

function labelGroups(groups: Group[]): string[] {
  const used = new Set<string>()
  return groups.map((group, i) => {
    const base =
      group.name ??
      (group.just_infraenv ? 'ie' : group.single_node ? 'sno' : group.workers ? 'multi' : 'compact')
    const label = used.has(base) ? `${base}${i}` : base
    used.add(label)
    return label
  })
}

function resolveNetwork(plan: TestPlan): {
  machineBase: Ipv4Cidr
  clusterNetwork: Ipv4Cidr
  hostPrefix: number
  serviceNetwork: Ipv4Cidr
  machinePrefix: number
} {
  const n = plan.network ?? {}
  const machineBase = parseCidr(n.machine_base_cidr ?? '10.0.0.0/9')!
  const clusterNetwork = parseCidr(n.cluster_network_cidr ?? '10.128.0.0/14')!
  const serviceNetwork = parseCidr(n.service_network_cidr ?? '172.30.0.0/16')!
  const hostPrefix = n.cluster_network_host_prefix ?? 23
  const problems: string[] = []
  if (cidrsOverlap(machineBase, clusterNetwork)) {
    problems.push(
      `network.machine_base_cidr: ${formatCidr(machineBase)} overlaps the cluster network ${formatCidr(clusterNetwork)}; the service would reject the clusters (no-cidrs-overlapping)`
    )
  }
  if (cidrsOverlap(machineBase, serviceNetwork)) {
    problems.push(
      `network.machine_base_cidr: ${formatCidr(machineBase)} overlaps the service network ${formatCidr(serviceNetwork)}`
    )
  }
  if (hostPrefix < clusterNetwork.prefix) {
    problems.push(
      `network.cluster_network_host_prefix: /${hostPrefix} must not be shorter than the cluster network's /${clusterNetwork.prefix}`
    )
  }
  if (problems.length) throw new ConfigurationError(problems)
  return {
    machineBase,
    clusterNetwork,
    hostPrefix,
    serviceNetwork,
    machinePrefix: n.machine_network_prefix ?? 24
  }
}

function resolveTiming(timing: TestPlan['timing']): PlanTiming {
  const t = timing ?? {}
  const stagesMs: Record<string, number> = {}
  for (const [stage, value] of Object.entries(t.stages ?? {}))
    stagesMs[stage] = durationOf(value, '0s', `timing.stages.${stage}`)
  return {
    stagesMs,
    defaultStageMs: durationOf(t.default_stage, '2s', 'timing.default_stage'),
    controllerReadyMs: durationOf(t.controller_ready, '2s', 'timing.controller_ready'),
    nodeReadyMs: durationOf(t.node_ready, '3s', 'timing.node_ready'),
    operatorsAvailableMs: durationOf(t.operators_available, '3s', 'timing.operators_available'),
    controllerPollMs: durationOf(t.controller_poll, '2s', 'timing.controller_poll'),
    jitter: t.jitter ?? 0.2
  }
}

function durationOf(value: string | number | undefined, fallback: string, field: string): number {
  const ms = parseDuration(value ?? fallback)
  if (ms === undefined)
    throw new ConfigurationError(`${field}: must be a duration such as "90s", got ${JSON.stringify(value)}`)
  return ms
}

function makeHost(
  plan: TestPlan,
  group: Group,
  groupIndex: number,
  cluster: PlanCluster,
  indexInCluster: number,
  index: number,
  context: { runId: string; runByte: number; masters: number }
): PlanHost {
  const role = indexInCluster < context.masters ? 'master' : 'worker'
  const profileRole = cluster.singleNode ? 'sno' : role
  const hardware = resolveHardware(plan, group, profileRole, index)
  const machine = parseCidr(cluster.machineCidr)!
  const prefixLength = machine.prefix
  const ipv4 = formatIpv4(machine.base + FIRST_HOST_OFFSET + indexInCluster)
  const nics: PlanNic[] = []
  for (let n = 0; n < hardware.nicCount; n++) {
    nics.push({
      name: `ens${3 + n}`,
      mac: macAddress(context.runByte, n, index),
      ...(n === 0 ? { ipv4: `${ipv4}/${prefixLength}` } : {})
    })
  }
  const roleIndex = role === 'master' ? indexInCluster : indexInCluster - context.masters
  const host: PlanHost = {
    index,
    clusterIndex: cluster.index,
    indexInCluster,
    id: uuidV5(`${context.runId}/${cluster.index}/${indexInCluster}`, SWARM_NAMESPACE),
    hostname: `${cluster.name}-${role}-${roleIndex}`,
    role,
    nics,
    ipv4,
    hardware: hardware.hardware,
    failures: []
  }
  for (const failure of group.failures ?? []) {
    if (failure.clusters && !failure.clusters.includes(groupIndex)) continue
    const hosts = failure.hosts ?? [0]
    if (hosts !== 'all' && !hosts.includes(indexInCluster)) continue
    host.failures.push(failure.kind)
    if (failure.kind === 'install-fails') host.failStage = failure.stage ?? 'Writing image to disk'
  }
  return host
}

function resolveHardware(
  plan: TestPlan,
  group: Group,
  role: 'master' | 'worker' | 'sno',
  hostIndex: number
): { hardware: PlanHardware; nicCount: number } {
  const merged = {
    ...DEFAULT_HARDWARE[role],
    ...(plan.hardware?.[role] ?? {}),
    ...(group.hardware?.[role] ?? {})
  }
  const disks: PlanDisk[] = []
  let sd = 0
  let nvme = 0
  for (const spec of merged.disks) {
    for (let c = 0; c < (spec.count ?? 1); c++) {
      const type = spec.type ?? 'SSD'
      const name = type === 'NVMe' ? `nvme${nvme++}n1` : `sd${String.fromCharCode(97 + sd++)}`
      const wwn = `5000c5${hostIndex.toString(16).padStart(8, '0')}${disks.length.toString(16).padStart(2, '0')}`
      disks.push({
        name,
        byId: `/dev/disk/by-id/wwn-0x${wwn}`,
        sizeBytes: spec.size_gb * GB,
        driveType: type
      })
    }
  }
  return {
    hardware: {
      cores: merged.cores,
      memoryBytes: Math.round(merged.memory_gib * GIB),
      disks,
      manufacturer: merged.manufacturer ?? 'Red Hat',
      productName: merged.product_name ?? 'KVM'
    },
    nicCount: merged.nics
  }
}

/** Locally administered unicast MAC `02:RR:NN:HH:HH:HH`: run byte, NIC number, 24-bit host index. */
function macAddress(runByte: number, nic: number, hostIndex: number): string {
  const bytes = [0x02, runByte, nic, (hostIndex >>> 16) & 255, (hostIndex >>> 8) & 255, hostIndex & 255]
  return bytes.map(b => b.toString(16).padStart(2, '0')).join(':')
}
