/** A small hand-written KubePlan for unit tests of src/kube (no dependency on the plan expander). */
import type { KubePlan, KubePlanCluster, KubePlanHost } from '../plan-view.js'

const hex = (n: number): string => (n & 255).toString(16).padStart(2, '0')

function hosts(clusterIndex: number, masters: number, workers: number, cidrBase: string): KubePlanHost[] {
  return Array.from({ length: masters + workers }, (_, i) => ({
    index: clusterIndex * 10 + i,
    id: `00000000-0000-4000-8000-${String(clusterIndex * 100 + i).padStart(12, '0')}`,
    hostname: `c${clusterIndex}-host-${i}`,
    role: i < masters ? ('master' as const) : ('worker' as const),
    nics: [
      {
        name: 'eth0',
        mac: `02:00:00:${hex(clusterIndex >> 8)}:${hex(clusterIndex)}:${hex(i)}`,
        ipv4: `${cidrBase}.${10 + i}/24`
      }
    ],
    ipv4: `${cidrBase}.${10 + i}`
  }))
}

export function clusterFixture(
  index: number,
  kind: 'sno' | 'ha' | 'ie' | 'late',
  extra: Partial<KubePlanCluster> = {}
): KubePlanCluster {
  const masters = kind === 'ha' || kind === 'late' ? 3 : 1
  const workers = kind === 'ha' ? 2 : 0
  const base = `10.${(index >> 8) & 255}.${index & 255}`
  const name = `fx-${kind}-${index}`
  const umn = kind !== 'ha'
  return {
    index,
    name,
    singleNode: kind === 'sno' || kind === 'ie',
    masters,
    workers,
    withNmstate: false,
    justInfraEnv: kind === 'ie',
    lateBinding: kind === 'late',
    userManagedNetworking: umn,
    infraEnvName: `${name}-infraenv`,
    infraEnvLabels: { 'example.com/group': kind },
    machineCidr: `${base}.0/24`,
    gateway: `${base}.1`,
    ...(umn ? {} : { apiVip: `${base}.2`, ingressVip: `${base}.3` }),
    hosts: hosts(index, masters, workers, base),
    ...extra
  }
}

export function planFixture(clusters: KubePlanCluster[], extra: Partial<KubePlan> = {}): KubePlan {
  return {
    runId: 'fixture-run',
    openshiftVersion: '4.18',
    cpuArchitecture: 'x86_64',
    baseDomain: 'swarm.example.com',
    sshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFixtureKeyOnly swarm@example',
    target: {},
    network: {
      clusterNetworkCidr: '10.128.0.0/14',
      clusterNetworkHostPrefix: 23,
      serviceNetworkCidr: '172.30.0.0/16'
    },
    clusters,
    ...extra
  }
}

/** Generates `count` clusters cycling through the kinds, for bulk tests and benchmarks. */
export function bulkPlan(count: number, runId = 'bulk-run'): KubePlan {
  const kinds = ['sno', 'ha', 'late', 'ie'] as const
  return planFixture(
    Array.from({ length: count }, (_, i) =>
      clusterFixture(i, kinds[i % kinds.length]!, {
        name: `bulk-${i}`,
        infraEnvName: `bulk-${i}-infraenv`,
        withNmstate: i % 8 === 1
      })
    ),
    { runId }
  )
}
