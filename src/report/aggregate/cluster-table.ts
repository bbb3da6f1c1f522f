/** What is kept per cluster while timelines stream by (first times of each milestone; NaN: not reached). */
export interface ClusterState {
  name: string
  number: number
  id?: string
  sno?: boolean
  /** Hosts planned for it (cluster planned record), or undefined. */
  plannedHosts?: number
  planned: number
  created: number
  /** First status ready. */
  ready: number
  /** Installation requested (REST) or approved (kube-api). */
  installRequested: number
  /** First status installing. */
  installing: number
  finalizing: number
  installed: number
  /** When it failed (done with a failure status, error/cancelled status) or was given up. */
  ended: number
  /** First time anything showed that installation started (request, preparing, installing, ...). */
  installStarted: number
  status?: string
  info?: string
  statusT: number
  failed: boolean
  gaveUp: boolean
  /** Interned chart state for "clusters by status over time", -1 none. */
  chartState: number
}

export class ClusterTable {
  private readonly byName = new Map<string, ClusterState>()
  readonly all: ClusterState[] = []

  of(name: string): ClusterState {
    let cluster = this.byName.get(name)
    if (!cluster) {
      cluster = {
        name,
        number: this.all.length,
        planned: NaN,
        created: NaN,
        ready: NaN,
        installRequested: NaN,
        installing: NaN,
        finalizing: NaN,
        installed: NaN,
        ended: NaN,
        installStarted: NaN,
        statusT: NaN,
        failed: false,
        gaveUp: false,
        chartState: -1
      }
      this.byName.set(name, cluster)
      this.all.push(cluster)
    }
    return cluster
  }

  get size(): number {
    return this.all.length
  }

  has(name: string): boolean {
    return this.byName.has(name)
  }
}

/** Keeps the earliest time. */
export function earliest(current: number, t: number): number {
  if (Number.isNaN(t)) return current
  return current <= t ? current : t
}

/**
 * Adds clusters of another thread's table (plain objects) to `table`: earliest milestones, latest status, failure
 * flags combined. `string` translates interned chart states.
 */
export function mergeClusterTable(
  table: ClusterTable,
  states: ClusterState[],
  string: (id: number) => number
): void {
  for (const other of states) {
    const existed = table.has(other.name)
    const c = table.of(other.name)
    c.id ??= other.id
    c.sno ??= other.sno
    c.plannedHosts ??= other.plannedHosts
    for (const key of [
      'planned',
      'created',
      'ready',
      'installRequested',
      'installing',
      'finalizing',
      'installed',
      'ended',
      'installStarted'
    ] as const) {
      c[key] = earliest(c[key], other[key])
    }
    if (!Number.isNaN(other.statusT) && !(c.statusT > other.statusT)) {
      c.statusT = other.statusT
      c.status = other.status
      c.info = other.info
    } else if (c.info === undefined && other.info !== undefined && !c.status) c.info = other.info
    c.failed ||= other.failed
    c.gaveUp ||= other.gaveUp
    if (!existed || c.chartState === -1) c.chartState = other.chartState < 0 ? -1 : string(other.chartState)
  }
}
