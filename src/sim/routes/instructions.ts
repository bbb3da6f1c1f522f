import { HotRoute } from '../http/hot-route.js'
import { checkIn, getHost } from '../service/host-service.js'
import { applyStepReply, type StepReply } from '../service/step-replies.js'
import { nextStepsJson } from '../steps/next-steps.js'
import type { RouteDeps } from './deps.js'

function agentVersion(headers: Record<string, unknown>): string | undefined {
  const value = headers['discovery_agent_version']
  return typeof value === 'string' && value ? value : undefined
}

/**
 * The agents' poll loop: GET instructions (check-in and next steps) and POST instructions (step replies), the
 * two hot routes of the service (see http/hot-route.ts for how they are served).
 */
export function instructionRoutes(deps: RouteDeps): { get: HotRoute; post: HotRoute } {
  const { sim } = deps
  const get = new HotRoute(
    'v2GetNextSteps',
    ({ params, query, headers }) => {
      const host = getHost(sim, params.infra_env_id!, params.host_id!)
      checkIn(sim, host, query.timestamp as number | undefined, agentVersion(headers))
      return { status: 200, body: nextStepsJson(sim, host), contentType: 'application/json; charset=utf-8' }
    },
    deps
  )
  const post = new HotRoute(
    'v2PostStepReply',
    ({ params, body, headers }) => {
      const host = getHost(sim, params.infra_env_id!, params.host_id!)
      const version = agentVersion(headers)
      if (version && version !== host.agentVersion) {
        host.agentVersion = version === sim.opts.agentImage ? sim.opts.agentImage : version
        sim.markHostDirty(host)
      }
      applyStepReply(sim, host, (body as StepReply | undefined) ?? {})
      return { status: 204, body: '' }
    },
    deps
  )
  return { get, post }
}
