import type { RoleRequirements } from '../config/hw-requirements.js'
import type { SimContext } from '../core/context.js'
import type { ClusterRecord, HostRecord } from '../model/types.js'

const EDGE_WORKER_PRODUCTS = new Set(['BlueField SoC'])

/** The OpenShift version the host's requirements come from: its cluster's, else its infra-env's. */
export function hostVersion(sim: SimContext, host: HostRecord, cluster: ClusterRecord | undefined): string {
  return cluster?.openshiftVersion || sim.store.infraEnvs.get(host.infraEnvId)?.openshiftVersion || ''
}

/**
 * Requirements for the host's role (service-behavior §2.3): an SNO host is checked against `sno`, an
 * auto-assign host against its suggested role or `worker`, an aarch64 BlueField worker against `edge-worker`.
 */
export function roleRequirements(
  sim: SimContext,
  host: HostRecord,
  cluster: ClusterRecord | undefined
): RoleRequirements {
  const reqs = sim.opts.hw.forVersion(hostVersion(sim, host, cluster))
  if (cluster?.isSingleNode()) return reqs.sno
  const role = host.bootstrap ? 'master' : host.effectiveRole()
  if (role === 'master' || role === 'bootstrap') return reqs.master
  if (role === 'arbiter') return reqs.arbiter
  const arch = host.inv?.architecture
  if ((arch === 'aarch64' || arch === 'arm64') && EDGE_WORKER_PRODUCTS.has(host.inv?.productName ?? ''))
    return reqs['edge-worker']
  return reqs.worker
}

/** Minimums any role needs: the looser of master (or SNO) and worker; disks the smallest of master, worker, arbiter. */
export function minimumRequirements(
  sim: SimContext,
  host: HostRecord,
  cluster: ClusterRecord | undefined
): RoleRequirements {
  const reqs = sim.opts.hw.forVersion(hostVersion(sim, host, cluster))
  const control = cluster?.isSingleNode() ? reqs.sno : reqs.master
  return {
    cpu_cores: Math.min(control.cpu_cores, reqs.worker.cpu_cores),
    ram_mib: Math.min(control.ram_mib, reqs.worker.ram_mib),
    disk_size_gb: cluster?.isSingleNode()
      ? Math.min(reqs.sno.disk_size_gb, reqs.worker.disk_size_gb)
      : Math.min(reqs.master.disk_size_gb, reqs.worker.disk_size_gb, reqs.arbiter.disk_size_gb),
    installation_disk_speed_threshold_ms: control.installation_disk_speed_threshold_ms
  }
}

/** Memory check with the service's tolerance: 100 MiB, plus 2 % of the requirement when measured from meminfo. */
export function memoryEnough(physicalBytes: number, method: string, ramMib: number): boolean {
  const required = ramMib * 1024 * 1024
  const tolerance = 100 * 1024 * 1024 + (method === 'meminfo' ? required * 0.02 : 0)
  return physicalBytes >= required - tolerance
}
