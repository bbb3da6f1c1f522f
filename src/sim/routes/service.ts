import type { FastifyInstance } from 'fastify'
import { errorBody, SIM_ERROR_HEADER, SIM_ERRORS } from '../errors.js'
import { checkFaults, type FaultSettings } from '../http/faults.js'
import type { RouteConfig } from '../http/route.js'
import type { RouteDeps } from './deps.js'

const ADMIN: { config: RouteConfig } = {
  config: { operationId: 'simAdmin', security: ['userAuth'], noFaults: true }
}

/**
 * Service endpoints outside the API: `/health`, `/ready`, `/metrics`, a placeholder image service at
 * `/images/{id}`, and the admin endpoints (fault injection, save state, run the monitors now).
 */
export async function serviceRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const { sim, monitors, faults, metrics } = deps
  app.get('/health', (_request, reply) => reply.send({ status: 'ok' }))
  app.get('/ready', (_request, reply) => reply.send({ status: 'ready' }))
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics())
  })
  app.get<{ Params: { id: string } }>('/images/:id', (request, reply) => {
    if (!sim.store.infraEnvs.has(request.params.id)) {
      return reply
        .code(404)
        .header(SIM_ERROR_HEADER, SIM_ERRORS.INFRA_ENV_NOT_FOUND.code)
        .send(errorBody(404, `infra-env ${request.params.id} not found`))
    }
    return reply
      .header('content-type', 'application/octet-stream')
      .send(Buffer.from(`simulated discovery image for infra-env ${request.params.id}\n`))
  })
  if (!sim.opts.enableAdmin) return

  app.get('/admin/faults', ADMIN, (_request, reply) => reply.send(faults.current))
  app.put('/admin/faults', ADMIN, (request, reply) => {
    const problems = checkFaults(request.body)
    if (problems.length) {
      return reply
        .code(400)
        .header(SIM_ERROR_HEADER, SIM_ERRORS.BAD_REQUEST.code)
        .send(errorBody(400, problems.join('; ')))
    }
    faults.set(request.body as FaultSettings)
    return reply.send(faults.current)
  })
  app.delete('/admin/faults', ADMIN, (_request, reply) => {
    faults.set({})
    reply.code(204).send()
  })
  app.post('/admin/persist', ADMIN, async (_request, reply) => {
    if (!deps.persist) {
      return reply
        .code(409)
        .header(SIM_ERROR_HEADER, SIM_ERRORS.BAD_REQUEST.code)
        .send(errorBody(409, 'the simulator runs without a state file'))
    }
    return reply.send({ path: await deps.persist() })
  })
  app.post('/admin/monitors', ADMIN, async (_request, reply) => {
    const hosts = await monitors.runHostPass()
    const clusters = await monitors.runClusterPass()
    reply.send({ hosts, clusters })
  })
  app.get('/admin/stats', ADMIN, (_request, reply) => {
    reply.send({
      hosts: sim.store.hostCount,
      clusters: sim.store.clusters.size,
      infraEnvs: sim.store.infraEnvs.size,
      events: sim.events.total,
      hostsByStatus: Object.fromEntries([...sim.store.hostStatusCounts].filter(([, n]) => n > 0)),
      clustersByStatus: Object.fromEntries([...sim.store.clusterStatusCounts].filter(([, n]) => n > 0)),
      refreshes: sim.counters,
      faults: faults.counts
    })
  })
}
