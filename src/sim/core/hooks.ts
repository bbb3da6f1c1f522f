import type { ClusterRecord, HostRecord } from '../model/types.js'

/**
 * The simulator's extension point: listeners told, synchronously, of what changed. Listeners must be cheap
 * (they run inside request handlers and monitor passes) and must not throw; the kube-api mode (src/sim/kube)
 * queues work from them.
 */
export interface SimHooks {
  /** A host registered (new, or registering again), after the registration took effect. */
  hostRegistered?(host: HostRecord): void
  /** A host's status or status info changed. */
  hostChanged?(host: HostRecord): void
  /** A cluster's status or status info changed. */
  clusterChanged?(cluster: ClusterRecord): void
}
