/**
 * Events per cluster (and per infra-env for hosts without a cluster), as `GET /v2/events` lists them. Each
 * scope keeps its newest `perScope` events; ids are shared string references, so an event costs little more
 * than its message.
 */
export type Severity = 'info' | 'warning' | 'error' | 'critical'

/** Message templates: events keep references to shared strings and render the text when listed. */
export const EVENT_TEXT = {
  raw: 0,
  hostStatus: 1,
  validationFixed: 2,
  validationFailed: 3,
  registered: 4
} as const

export type EventText = (typeof EVENT_TEXT)[keyof typeof EVENT_TEXT]

interface EventKind {
  name: string
  severity: Severity
  text: EventText
}

/** (name, severity, template) triples; events keep the index, so the three cost one small integer. */
const KINDS: EventKind[] = []
const KIND_INDEX = new Map<string, number>()

function kindOf(name: string, severity: Severity, text: EventText): number {
  const key = `${name}|${severity}|${text}`
  let index = KIND_INDEX.get(key)
  if (index === undefined) {
    index = KINDS.length
    KINDS.push({ name, severity, text })
    KIND_INDEX.set(key, index)
  }
  return index
}

/** Times are kept relative to this epoch so they stay small integers (no boxed number per event). */
const EPOCH = Date.now()

export class SimEvent {
  private readonly t: number
  private readonly k: number
  private readonly d: string

  constructor(
    time: number,
    severity: Severity,
    name: string,
    /** The message, or the first argument of the template. */
    private readonly a: string,
    readonly clusterId: string | null,
    readonly hostId: string | null,
    readonly infraEnvId: string | null,
    props: string | null = null,
    text: EventText = EVENT_TEXT.raw,
    private readonly b = '',
    private readonly c = '',
    d = ''
  ) {
    this.t = time - EPOCH
    this.k = kindOf(name, severity, text)
    this.d = text === EVENT_TEXT.raw ? (props ?? '') : d
  }

  get time(): number {
    return this.t + EPOCH
  }

  get severity(): Severity {
    return KINDS[this.k]!.severity
  }

  get name(): string {
    return KINDS[this.k]!.name
  }

  get props(): string | null {
    return KINDS[this.k]!.text === EVENT_TEXT.raw && this.d ? this.d : null
  }

  get message(): string {
    switch (KINDS[this.k]!.text) {
      case EVENT_TEXT.hostStatus:
        return `Host ${this.a}: updated status from ${this.b} to ${this.c} (${this.d})`
      case EVENT_TEXT.validationFixed:
        return `Host ${this.a}: validation '${this.b}' is now fixed`
      case EVENT_TEXT.validationFailed:
        return `Host ${this.a}: validation '${this.b}' that used to succeed is now failing`
      case EVENT_TEXT.registered:
        return `Host ${this.a}: Successfully registered`
      default:
        return this.a
    }
  }
}

export interface EventQuery {
  clusterId?: string
  hostId?: string
  hostIds?: string[]
  infraEnvId?: string
  severities?: string[]
  message?: string
  clusterLevel?: boolean
  limit?: number
  offset?: number
  order?: 'ascending' | 'descending'
}

export class EventLog {
  private readonly scopes = new Map<string, SimEvent[]>()
  total = 0

  constructor(private readonly perScope: number) {}

  add(event: SimEvent): void {
    const key = event.clusterId ?? `ie:${event.infraEnvId ?? ''}`
    let list = this.scopes.get(key)
    if (!list) {
      list = []
      this.scopes.set(key, list)
    }
    list.push(event)
    this.total++
    if (list.length > this.perScope + Math.max(16, this.perScope >> 3)) {
      const drop = list.length - this.perScope
      list.splice(0, drop)
      this.total -= drop
    }
  }

  /** Drops a cluster's events (cluster deregistered). */
  dropScope(clusterId: string): void {
    const list = this.scopes.get(clusterId)
    if (list) this.total -= list.length
    this.scopes.delete(clusterId)
  }

  query(q: EventQuery): { events: SimEvent[]; total: number } {
    let source: SimEvent[]
    if (q.clusterId) source = this.scopes.get(q.clusterId) ?? []
    else if (q.infraEnvId) {
      source = [...(this.scopes.get(`ie:${q.infraEnvId}`) ?? [])]
      for (const [key, list] of this.scopes) {
        if (key.startsWith('ie:')) continue
        for (const e of list) if (e.infraEnvId === q.infraEnvId && e.hostId) source.push(e)
      }
      source.sort((a, b) => a.time - b.time)
    } else source = [...this.scopes.values()].flat().sort((a, b) => a.time - b.time)
    const hostIds = q.hostIds?.length ? new Set(q.hostIds) : q.hostId ? new Set([q.hostId]) : undefined
    const severities = q.severities?.length ? new Set(q.severities) : undefined
    const needle = q.message?.toLowerCase()
    const filtered = source.filter(
      e =>
        (!hostIds || (e.hostId !== null && hostIds.has(e.hostId))) &&
        (!q.clusterLevel || e.hostId === null) &&
        (!q.infraEnvId || !q.clusterId || e.infraEnvId === q.infraEnvId || e.hostId === null) &&
        (!severities || severities.has(e.severity)) &&
        (!needle || e.message.toLowerCase().includes(needle))
    )
    const ordered = q.order === 'descending' ? filtered.slice().reverse() : filtered
    const offset = Math.max(0, q.offset ?? 0)
    const limit = q.limit === undefined || q.limit < 0 ? 5000 : q.limit
    return { events: ordered.slice(offset, offset + limit), total: filtered.length }
  }

  snapshot(): SimEvent[] {
    return [...this.scopes.values()].flat()
  }

  restore(events: SimEvent[]): void {
    for (const e of events.sort((a, b) => a.time - b.time)) this.add(e)
  }
}
