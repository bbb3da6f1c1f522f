import Fastify, { type FastifyInstance } from 'fastify'
import type { RouteDeps } from '../routes/deps.js'
import { agentRoutes } from '../routes/agents.js'
import { clusterRoutes } from '../routes/clusters.js'
import { eventRoutes } from '../routes/events.js'
import { infraEnvRoutes } from '../routes/infra-envs.js'
import { serviceRoutes } from '../routes/service.js'
import { versionRoutes } from '../routes/versions.js'
import { authHook } from './auth.js'
import { installErrorHandling } from './error-handler.js'
import { compileValidator } from './validation.js'

/**
 * The simulator as a fastify app. Hook order per request:
 *   onRequest: fault injection (latency, drop, injected error) → auth (401)
 *   preValidation: params/querystring/body against the swagger operation (400)
 *   handler → onResponse: request metrics
 * Each API area is a plugin in src/sim/routes/.
 */
export function buildApp(deps: RouteDeps): FastifyInstance {
  const { sim } = deps
  const app = Fastify({
    logger: false,
    bodyLimit: sim.opts.bodyLimitBytes,
    return503OnClosing: true,
    forceCloseConnections: true
  })
  app.setValidatorCompiler(({ schema, httpPart }) => compileValidator(schema, httpPart ?? 'body'))
  // The contract consumes JSON only (and multipart for log uploads); text bodies get 415 like go-swagger.
  app.removeContentTypeParser('text/plain')
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_request, payload, done) =>
    done(null, payload)
  )
  app.addHook('onRequest', deps.faults.hook)
  if (sim.opts.agentKey || sim.opts.userToken) {
    app.addHook('onRequest', authHook({ agentKey: sim.opts.agentKey, userToken: sim.opts.userToken }))
  }
  app.addHook('onResponse', deps.metrics.onResponse)
  installErrorHandling(app, sim.opts.logger, sim.opts.bodyLimitBytes)
  for (const plugin of [
    agentRoutes,
    clusterRoutes,
    infraEnvRoutes,
    eventRoutes,
    versionRoutes,
    serviceRoutes
  ]) {
    void app.register(plugin, deps)
  }
  return app
}
