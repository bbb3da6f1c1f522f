import type { FastifyInstance } from 'fastify'
import { SimEvent, type Severity } from '../events.js'
import { body, listParam, query, route } from '../http/route.js'
import { eventView } from '../views.js'
import type { RouteDeps } from './deps.js'

interface EventsQuery {
  cluster_id?: string
  host_id?: string
  host_ids?: unknown
  infra_env_id?: string
  limit?: number
  offset?: number
  order?: string
  severities?: unknown
  message?: string
  cluster_level?: boolean
}

/** `GET /v2/events` (with the `Total-Count` headers the real service sets) and `POST /v2/events`. */
export async function eventRoutes(app: FastifyInstance, { sim }: RouteDeps): Promise<void> {
  route(app, 'v2ListEvents', (request, reply) => {
    const q = query<EventsQuery>(request)
    const severities = listParam(q.severities)
    const hostIds = listParam(q.host_ids)
    const { events, total } = sim.events.query({
      ...(q.cluster_id ? { clusterId: q.cluster_id } : {}),
      ...(q.host_id ? { hostId: q.host_id } : {}),
      ...(hostIds ? { hostIds } : {}),
      ...(q.infra_env_id ? { infraEnvId: q.infra_env_id } : {}),
      ...(severities ? { severities } : {}),
      ...(q.message ? { message: q.message } : {}),
      ...(q.cluster_level ? { clusterLevel: true } : {}),
      ...(q.limit !== undefined ? { limit: q.limit } : {}),
      ...(q.offset !== undefined ? { offset: q.offset } : {}),
      order: q.order === 'descending' ? 'descending' : 'ascending'
    })
    const counts: Record<string, number> = { info: 0, warning: 0, error: 0, critical: 0 }
    for (const e of events) counts[e.severity] = (counts[e.severity] ?? 0) + 1
    reply
      .header('total-count', String(total))
      .header('severity-count-info', String(counts.info))
      .header('severity-count-warning', String(counts.warning))
      .header('severity-count-error', String(counts.error))
      .header('severity-count-critical', String(counts.critical))
      .send(events.map(eventView))
  })

  route(app, 'v2TriggerEvent', (request, reply) => {
    const b = body<{
      severity: Severity
      message: string
      event_time?: string
      name?: string
      cluster_id?: string | null
      host_id?: string | null
      infra_env_id?: string | null
      props?: string
    }>(request)
    const time = b.event_time ? Date.parse(b.event_time) || sim.now() : sim.now()
    sim.events.add(
      new SimEvent(
        time,
        b.severity,
        b.name ?? 'agent_event',
        b.message,
        b.cluster_id ?? null,
        b.host_id ?? null,
        b.infra_env_id ?? null,
        b.props ?? null
      )
    )
    reply.code(201).send()
  })
}
