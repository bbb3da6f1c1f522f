/**
 * Events per cluster (and per infra-env for hosts without a cluster), as `GET /v2/events` lists them. Each
 * scope keeps its newest `perScope` events; ids are shared string references, so an event costs little more
 * than its message.
 */
import { sinceEpoch, TIME_EPOCH } from './model/types.js'

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
  /** The template's second and third arguments (statuses, a validation id: a few dozen values in all). */
  b: string
  c: string
}

/** (name, severity, template, b, c) tuples; events keep the index, so the five cost one small integer. */
const KINDS: EventKind[] = []
const KIND_INDEX = new Map<string, number>()

function kindOf(name: string, severity: Severity, text: EventText, b: string, c: string): number {
  const key = `${name}|${severity}|${text}|${b}|${c}`
  let index = KIND_INDEX.get(key)
  if (index === undefined) {
    index = KINDS.length
    KINDS.push({ name, severity, text, b, c })
    KIND_INDEX.set(key, index)
  }
  return index
}

export class SimEvent {
  /** Milliseconds since TIME_EPOCH (a small integer: no boxed number per event). */
  private readonly t: number
  /** Index into KINDS. */
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
    b = '',
    c = '',
    d = ''
  ) {
    this.t = sinceEpoch(time)
    this.k = kindOf(name, severity, text, b, c)
    this.d = text === EVENT_TEXT.raw ? (props ?? '') : d
  }

  /** The event kept in a scope's columns, as EventLog stores it. */
  static columns(e: SimEvent): [t: number, k: number, a: string, d: string] {
    return [e.t, e.k, e.a, e.d]
  }

  /** An event back from a scope's columns. */
  static fromColumns(
    t: number,
    k: number,
    a: string,
    d: string,
    clusterId: string | null,
    hostId: string | null,
    infraEnvId: string | null
  ): SimEvent {
    const e = Object.create(SimEvent.prototype) as { -readonly [K in keyof SimEvent]: SimEvent[K] } & {
      t: number
      k: number
      a: string
      d: string
    }
    e.t = t
    e.k = k
    e.a = a
    e.d = d
    e.clusterId = clusterId
    e.hostId = hostId
    e.infraEnvId = infraEnvId
    return e as unknown as SimEvent
  }

  get time(): number {
    return this.t + TIME_EPOCH
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
    const { text, b, c } = KINDS[this.k]!
    switch (text) {
      case EVENT_TEXT.hostStatus:
        return `Host ${this.a}: updated status from ${b} to ${c} (${this.d})`
      case EVENT_TEXT.validationFixed:
        return `Host ${this.a}: validation '${b}' is now fixed`
      case EVENT_TEXT.validationFailed:
        return `Host ${this.a}: validation '${b}' that used to succeed is now failing`
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

/**
 * One scope's events (a cluster's, or an infra-env's hosts without a cluster) in columns: one array slot per
 * field instead of one object per event, which halves what the simulator keeps per event. The cluster id is the
 * scope's own.
 */
class Scope {
  readonly times: number[] = []
  readonly kinds: number[] = []
  readonly firsts: string[] = []
  readonly details: string[] = []
  readonly hostIds: (string | null)[] = []
  readonly infraEnvIds: (string | null)[] = []

  constructor(readonly clusterId: string | null) {}

  get length(): number {
    return this.times.length
  }

  push(event: SimEvent): void {
    const [t, k, a, d] = SimEvent.columns(event)
    this.times.push(t)
    this.kinds.push(k)
    this.firsts.push(a)
    this.details.push(d)
    this.hostIds.push(event.hostId)
    this.infraEnvIds.push(event.infraEnvId)
  }

  dropOldest(count: number): void {
    this.times.splice(0, count)
    this.kinds.splice(0, count)
    this.firsts.splice(0, count)
    this.details.splice(0, count)
    this.hostIds.splice(0, count)
    this.infraEnvIds.splice(0, count)
  }

  at(i: number): SimEvent {
    return SimEvent.fromColumns(
      this.times[i]!,
      this.kinds[i]!,
      this.firsts[i]!,
      this.details[i]!,
      this.clusterId,
      this.hostIds[i]!,
      this.infraEnvIds[i]!
    )
  }

  events(): SimEvent[] {
    const out: SimEvent[] = new Array<SimEvent>(this.length)
    for (let i = 0; i < out.length; i++) out[i] = this.at(i)
    return out
  }
}

export class EventLog {
  private readonly scopes = new Map<string, Scope>()
  total = 0

  constructor(private readonly perScope: number) {}

  add(event: SimEvent): void {
    const key = event.clusterId ?? `ie:${event.infraEnvId ?? ''}`
    let scope = this.scopes.get(key)
    if (!scope) {
      scope = new Scope(event.clusterId)
      this.scopes.set(key, scope)
    }
    scope.push(event)
    this.total++
    if (scope.length > this.perScope + Math.max(16, this.perScope >> 3)) {
      const drop = scope.length - this.perScope
      scope.dropOldest(drop)
      this.total -= drop
    }
  }

  /** Drops a cluster's events (cluster deregistered). */
  dropScope(clusterId: string): void {
    const scope = this.scopes.get(clusterId)
    if (scope) this.total -= scope.length
    this.scopes.delete(clusterId)
  }

  query(q: EventQuery): { events: SimEvent[]; total: number } {
    let source: SimEvent[]
    if (q.clusterId) source = this.scopes.get(q.clusterId)?.events() ?? []
    else if (q.infraEnvId) {
      source = this.scopes.get(`ie:${q.infraEnvId}`)?.events() ?? []
      for (const [key, scope] of this.scopes) {
        if (key.startsWith('ie:')) continue
        for (let i = 0; i < scope.length; i++)
          if (scope.infraEnvIds[i] === q.infraEnvId && scope.hostIds[i]) source.push(scope.at(i))
      }
      source.sort((a, b) => a.time - b.time)
    } else source = this.snapshot().sort((a, b) => a.time - b.time)
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
    return [...this.scopes.values()].flatMap(scope => scope.events())
  }

  restore(events: SimEvent[]): void {
    for (const e of events.sort((a, b) => a.time - b.time)) this.add(e)
  }
}
