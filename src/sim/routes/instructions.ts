import type { FastifyInstance } from 'fastify'
import { hotRoute } from '../http/hot-route.js'
import { agentVersionHeader, body, params, query } from '../http/route.js'
import { checkIn, getHost } from '../service/host-service.js'
import { applyStepReply, type StepReply } from '../service/step-replies.js'
import { nextStepsJson } from '../steps/next-steps.js'
import type { RouteDeps } from './deps.js'

/**
 * The agents' poll loop: GET instructions (check-in and next steps) and POST instructions (step replies). The
 * two hot routes of the service, registered without fastify hooks (see http/hot-route.ts).
 */
export async function instructionRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const { sim } = deps
  hotRoute(
    app,
    'v2GetNextSteps',
    (request, reply) => {
      const p = params(request)
      const host = getHost(sim, p.infra_env_id!, p.host_id!)
      checkIn(sim, host, query<{ timestamp?: number }>(request).timestamp, agentVersionHeader(request))
      reply.header('content-type', 'application/json; charset=utf-8').send(nextStepsJson(sim, host))
    },
    deps
  )

  hotRoute(
    app,
    'v2PostStepReply',
    (request, reply) => {
      const p = params(request)
      const host = getHost(sim, p.infra_env_id!, p.host_id!)
      const version = agentVersionHeader(request)
      if (version && version !== host.agentVersion) {
        host.agentVersion = version === sim.opts.agentImage ? sim.opts.agentImage : version
        sim.markHostDirty(host)
      }
      applyStepReply(sim, host, body<StepReply>(request) ?? {})
      reply.code(204).send()
    },
    deps
  )
}
