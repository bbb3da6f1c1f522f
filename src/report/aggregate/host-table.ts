/** Bits of HostTable.flags. */
export const HOST_FROZEN = 1
export const HOST_DIED = 2
export const HOST_EXITED = 4
export const HOST_LAUNCHED = 8

const TIME_COLUMNS = [
  'planned',
  'launch',
  'registered',
  'known',
  'installing',
  'installed',
  'statusT',
  'stageT',
  'endT'
] as const
const ID_COLUMNS = ['cluster', 'status', 'info', 'failInfo', 'stage', 'chartState'] as const

type TimeColumn = (typeof TIME_COLUMNS)[number]
type IdColumn = (typeof ID_COLUMNS)[number]

/** A HostTable as plain data (structured-clone friendly), to merge the work of several threads. */
export type HostTableState = { names: string[]; flags: Uint8Array } & Record<TimeColumn, Float64Array> &
  Record<IdColumn, Int32Array>

/**
 * The small state kept per host while timelines stream by, as columns of typed arrays indexed by host number:
 * first times of each milestone (NaN: not reached), the last status and its info, the current installer stage,
 * and flags. About 100 bytes a host plus its name, however many events it has.
 *
 * Milestone times keep the minimum seen, so records may arrive in any order; `status`/`info` follow the latest
 * status record (by time).
 */
export class HostTable {
  readonly names: string[] = []
  private readonly byName = new Map<string, number>()
  private capacity = 0
  planned = new Float64Array(0)
  launch = new Float64Array(0)
  registered = new Float64Array(0)
  known = new Float64Array(0)
  installing = new Float64Array(0)
  installed = new Float64Array(0)
  /** Time of the status record that set `status`. */
  statusT = new Float64Array(0)
  /** When the current installer stage started. */
  stageT = new Float64Array(0)
  /** When the host froze or died. */
  endT = new Float64Array(0)
  /** Cluster number in the ClusterTable, -1 unknown. */
  cluster = new Int32Array(0)
  /** Interned last status, -1 none. */
  status = new Int32Array(0)
  /** Interned info of the last status, -1 none. */
  info = new Int32Array(0)
  /** Interned info of the frozen/died record. */
  failInfo = new Int32Array(0)
  /** Interned current installer stage, -1 none. */
  stage = new Int32Array(0)
  /** The state the host counts in for "hosts by status over time" (interned), -1 none. */
  chartState = new Int32Array(0)
  /** Bit set of the installer stages seen (stage ids below 31), to ignore repeats and the second reporter. */
  stageMask = new Int32Array(0)
  flags = new Uint8Array(0)

  get size(): number {
    return this.names.length
  }

  /** The number of `name`, added when new. */
  of(name: string): number {
    let i = this.byName.get(name)
    if (i === undefined) {
      i = this.names.length
      if (i === this.capacity) this.grow()
      this.names.push(name)
      this.byName.set(name, i)
    }
    return i
  }

  private grow(): void {
    const capacity = Math.max(1024, this.capacity * 2)
    for (const column of TIME_COLUMNS) this[column] = grown(this[column], capacity, NaN)
    for (const column of ID_COLUMNS) this[column] = grown(this[column], capacity, -1)
    this.stageMask = grown(this.stageMask, capacity, 0)
    this.flags = grown(this.flags, capacity, 0)
    this.capacity = capacity
  }

  /** Keeps the earliest time of a milestone. */
  reach(column: TimeColumn, i: number, t: number): void {
    const current = this[column][i]!
    if (!(current <= t)) this[column][i] = t
  }

  /** The number of a known host (-1 when unknown). */
  index(name: string): number {
    return this.byName.get(name) ?? -1
  }

  has(column: TimeColumn, i: number): boolean {
    return !Number.isNaN(this[column][i]!)
  }

  id(column: IdColumn, i: number): number {
    return this[column][i]!
  }
}

export function exportHostTable(table: HostTable): HostTableState {
  const n = table.size
  const state = { names: table.names.slice(), flags: table.flags.slice(0, n) } as HostTableState
  for (const column of TIME_COLUMNS) state[column] = table[column].slice(0, n)
  for (const column of ID_COLUMNS) state[column] = table[column].slice(0, n)
  return state
}

/**
 * Adds the hosts of `state` (another thread's table) to `table`. Interned ids are translated with `string` and
 * cluster numbers with `cluster`. A host present in both keeps the earliest milestones and the latest status
 * (hosts live in one shard's file, so this only happens when the same host is in files read by two threads).
 * Installer-stage tracking is not carried over: it only matters while records stream.
 */
export function mergeHostTable(
  table: HostTable,
  state: HostTableState,
  string: (id: number) => number,
  cluster: (n: number) => number
): void {
  const remap = (id: number): number => (id < 0 ? -1 : string(id))
  state.names.forEach((name, j) => {
    const existed = table.index(name) >= 0
    const i = table.of(name)
    for (const column of TIME_COLUMNS) {
      if (column === 'statusT' || column === 'stageT') continue
      const t = state[column][j]!
      if (!Number.isNaN(t)) table.reach(column, i, t)
    }
    if (table.cluster[i] === -1 && state.cluster[j]! >= 0) table.cluster[i] = cluster(state.cluster[j]!)
    table.flags[i]! |= state.flags[j]!
    const statusT = state.statusT[j]!
    if (!Number.isNaN(statusT) && !(table.statusT[i]! > statusT)) {
      table.statusT[i] = statusT
      table.status[i] = remap(state.status[j]!)
      table.info[i] = remap(state.info[j]!)
    }
    if (state.failInfo[j]! >= 0) table.failInfo[i] = remap(state.failInfo[j]!)
    if (!existed || table.chartState[i] === -1) table.chartState[i] = remap(state.chartState[j]!)
  })
}

function grown<A extends Float64Array | Int32Array | Uint8Array>(
  array: A,
  capacity: number,
  fill: number
): A {
  const next = new (array.constructor as new (length: number) => A)(capacity)
  next.set(array)
  next.fill(fill, array.length)
  return next
}

/** True when a milestone time was recorded (times are NaN until then). */
export function reached(t: number): boolean {
  return !Number.isNaN(t)
}
