import type { ValidateFunction } from 'ajv'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { swaggerOperation } from '../../api/swagger.js'
import { errorBody, SIM_ERROR_HEADER, SIM_ERRORS } from '../errors.js'
import type { RouteDeps } from '../routes/deps.js'
import { authorized } from './auth.js'
import { fastifyUrl, operationSchema, type Handler, type RouteConfig } from './route.js'
import { compileValidator } from './validation.js'

/** Route config of a hot route (the error handler records its metrics, having no onResponse hook). */
export interface HotRouteConfig extends RouteConfig {
  hot: true
}

type Part = 'params' | 'querystring' | 'body'

/**
 * A route on the agents' hot path (GET and POST instructions: one each per host per poll). It is the same
 * swagger operation with the same validators, auth, fault injection and metrics as every other route, but they
 * run inline in the handler instead of as fastify hooks and schema plumbing, which cost more than the request
 * itself (see bench/sim.ts). Behaviour and error bodies are identical; test/sim/hot-routes.test.ts checks that.
 */
export function hotRoute(app: FastifyInstance, operationId: string, handler: Handler, deps: RouteDeps): void {
  const op = swaggerOperation(operationId)
  const schema = operationSchema(op)
  const checks: [Part, ValidateFunction][] = []
  for (const part of ['params', 'querystring', 'body'] as const)
    if (schema[part]) checks.push([part, compileValidator(schema[part], part)])
  const security = op.security ? op.security.flatMap(s => Object.keys(s)) : ['userAuth']
  const config: HotRouteConfig = { operationId, security, hot: true }
  const keys = { agentKey: deps.sim.opts.agentKey, userToken: deps.sim.opts.userToken }
  const checkAuth = Boolean(keys.agentKey || keys.userToken)
  const { faults, metrics } = deps
  const url = fastifyUrl(op.path)
  const method = op.method.toUpperCase()
  const record = metrics.recorder(url, method)

  const proceed = (request: FastifyRequest, reply: FastifyReply): void => {
    if (checkAuth && !authorized(request, security, keys)) {
      reply
        .code(401)
        .header(SIM_ERROR_HEADER, SIM_ERRORS.UNAUTHORIZED.code)
        .send(errorBody(401, SIM_ERRORS.UNAUTHORIZED.message))
      record(reply)
      return
    }
    for (const [part, validate] of checks) {
      const data = part === 'params' ? request.params : part === 'querystring' ? request.query : request.body
      if (!validate(data)) {
        // Same text as fastify's schema errors: `<part><path> <message>`.
        const text = (validate.errors ?? [])
          .map(e => `${part}${e.instancePath} ${e.message ?? 'is invalid'}`)
          .join(', ')
        reply
          .code(400)
          .header(SIM_ERROR_HEADER, SIM_ERRORS.BAD_REQUEST.code)
          .send(errorBody(400, SIM_ERRORS.BAD_REQUEST.message.replace('%s', text)))
        record(reply)
        return
      }
    }
    try {
      handler(request, reply)
    } catch (error) {
      // Through the error handler (which records the metrics of hot routes), also when called from a timer.
      reply.send(error as Error)
      return
    }
    record(reply)
  }

  app.route({
    method: method as 'GET',
    url,
    config,
    handler: (request: FastifyRequest, reply: FastifyReply) => {
      if (faults.active) {
        faults.apply(
          request,
          reply,
          operationId,
          () => proceed(request, reply),
          () => record(reply)
        )
      } else proceed(request, reply)
    }
  })
}

export function isHotRoute(request: FastifyRequest): boolean {
  return (request.routeOptions.config as Partial<HotRouteConfig> | undefined)?.hot === true
}
