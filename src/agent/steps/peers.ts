import type { PlanCluster, PlanHost } from '../../plan/types.js'

const byCluster = new WeakMap<PlanCluster, Map<string, PlanHost>>()

/** The plan host with this service host id in the same cluster (shared lookup table per cluster). */
export function peerById(cluster: PlanCluster, hostId: string | undefined): PlanHost | undefined {
  if (!hostId) return undefined
  let table = byCluster.get(cluster)
  if (!table) {
    table = new Map(cluster.hosts.map(h => [h.id, h]))
    byCluster.set(cluster, table)
  }
  return table.get(hostId)
}
