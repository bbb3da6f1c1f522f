/**
 * Events per cluster (and per infra-env for hosts without a cluster), as `GET /v2/events` lists them. Each
 * scope keeps its newest `perScope` events; ids are shared string references, so an event costs little more
 * than its message.
 */
export type Severity = 'info' | 'warning' | 'error' | 'critical'

export class SimEvent {
  constructor(
    readonly time: number,
    readonly severity: Severity,
    readonly name: string,
    readonly message: string,
    readonly clusterId: string | null,
    readonly hostId: string | null,
    readonly infraEnvId: string | null,
    readonly props: string | null = null
  ) {}
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
