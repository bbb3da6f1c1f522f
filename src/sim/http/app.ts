import Fastify, { type FastifyInstance } from 'fastify'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { RouteDeps } from '../routes/deps.js'
import { agentRoutes } from '../routes/agents.js'
import { clusterRoutes } from '../routes/clusters.js'
import { eventRoutes } from '../routes/events.js'
import { infraEnvRoutes } from '../routes/infra-envs.js'
import { instructionRoutes } from '../routes/instructions.js'
import { serviceRoutes } from '../routes/service.js'
import { versionRoutes } from '../routes/versions.js'
import { authHook } from './auth.js'
import { hotFastPath } from './hot-route.js'
import { installErrorHandling } from './error-handler.js'
import { compileValidator } from './validation.js'

/**
 * The simulator as a fastify app. Hook order per request (every route but the two hot ones):
 *   onRequest: fault injection (latency, drop, injected error) → auth (401)
 *   preValidation: params/querystring/body against the swagger operation (400)
 *   handler → onResponse: request metrics
 * GET/POST instructions run the same steps inline and are served straight from node:http when the request is
 * well formed (http/hot-route.ts). Each API area is a plugin in
 * src/sim/routes/; the hooks live in an encapsulated context around the non-hot plugins.
 */
export function buildApp(deps: RouteDeps): FastifyInstance {
  const { sim } = deps
  const hot = instructionRoutes(deps)
  const front: { fastPath?: (req: IncomingMessage, res: ServerResponse) => boolean } = {}
  let closing = false
  const app = Fastify({
    logger: false,
    bodyLimit: sim.opts.bodyLimitBytes,
    return503OnClosing: true,
    forceCloseConnections: true,
    // The same HTTP server fastify would make, with the hot routes' fast path in front (http/hot-route.ts).
    serverFactory: (handler, options) => {
      const o = options as { keepAliveTimeout?: number; requestTimeout?: number; connectionTimeout?: number }
      const server = createServer((req, res) => {
        if (!front.fastPath?.(req, res)) handler(req, res)
      })
      server.keepAliveTimeout = o.keepAliveTimeout ?? 72_000
      server.requestTimeout = o.requestTimeout ?? 0
      server.setTimeout(o.connectionTimeout ?? 0)
      return server
    }
  })
  app.addHook('preClose', done => {
    closing = true
    done()
  })
  app.setValidatorCompiler(({ schema, httpPart }) => compileValidator(schema, httpPart ?? 'body'))
  // The contract consumes JSON only (and multipart for log uploads); text bodies get 415 like go-swagger.
  app.removeContentTypeParser('text/plain')
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_request, payload, done) =>
    done(null, payload)
  )
  installErrorHandling(app, sim.opts.logger, sim.opts.bodyLimitBytes, deps.metrics)
  const parseJson = app.getDefaultJsonParser('error', 'error') as unknown as Parameters<typeof hotFastPath>[3]
  front.fastPath = hotFastPath(hot.get, hot.post, deps, parseJson, () => closing)
  void app.register(async instructions => {
    hot.get.register(instructions)
    hot.post.register(instructions)
  })
  void app.register(async scoped => {
    scoped.addHook('onRequest', deps.faults.hook)
    if (sim.opts.agentKey || sim.opts.userToken) {
      scoped.addHook('onRequest', authHook({ agentKey: sim.opts.agentKey, userToken: sim.opts.userToken }))
    }
    scoped.addHook('onResponse', deps.metrics.onResponse)
    for (const plugin of [
      agentRoutes,
      clusterRoutes,
      infraEnvRoutes,
      eventRoutes,
      versionRoutes,
      serviceRoutes
    ]) {
      await scoped.register(plugin, deps)
    }
  })
  return app
}
