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
  private readonly index = new Map<string, number>()
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
    let i = this.index.get(name)
    if (i === undefined) {
      i = this.names.length
      if (i === this.capacity) this.grow()
      this.names.push(name)
      this.index.set(name, i)
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

  has(column: TimeColumn, i: number): boolean {
    return !Number.isNaN(this[column][i]!)
  }

  id(column: IdColumn, i: number): number {
    return this[column][i]!
  }
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
