import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { API_BASE, swaggerOperations } from '../../api/swagger.js'
import type { Logger } from '../../util/logging.js'
import { errorBody, SIM_ERROR_HEADER, SIM_ERRORS, SimError, type SimErrorSpec } from '../errors.js'
import { isHotRoute } from './hot-route.js'
import type { SimMetrics } from './metrics.js'

function send(reply: FastifyReply, spec: SimErrorSpec, status: number, message: string): void {
  reply.code(status).header(SIM_ERROR_HEADER, spec.code).send(errorBody(status, message))
}

function fill(template: string, ...args: (string | number)[]): string {
  let i = 0
  return template.replace(/%s/g, () => String(args[i++] ?? ''))
}

/**
 * Turns every failure into the real service's error shape: catalogue errors keep their status; schema
 * violations, bad JSON and wrong media types are 4xx; anything else is a 500 that is logged (a simulator bug).
 */
export function installErrorHandling(
  app: FastifyInstance,
  logger: Logger,
  bodyLimit: number,
  metrics: SimMetrics
): void {
  const handleError = (
    error: FastifyError | SimError,
    request: FastifyRequest,
    reply: FastifyReply
  ): void => {
    if (error instanceof SimError) return send(reply, error.spec, error.status, error.message)
    const e = error as FastifyError
    if (e.validation)
      return send(reply, SIM_ERRORS.BAD_REQUEST, 400, fill(SIM_ERRORS.BAD_REQUEST.message, e.message))
    switch (e.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, SIM_ERRORS.BODY_TOO_LARGE, 413, fill(SIM_ERRORS.BODY_TOO_LARGE.message, bodyLimit))
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(
          reply,
          SIM_ERRORS.UNSUPPORTED_MEDIA_TYPE,
          415,
          fill(SIM_ERRORS.UNSUPPORTED_MEDIA_TYPE.message, String(request.headers['content-type'] ?? '(none)'))
        )
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return send(reply, SIM_ERRORS.INVALID_JSON, 400, fill(SIM_ERRORS.INVALID_JSON.message, e.message))
      default:
        break
    }
    if (e instanceof SyntaxError || (e.statusCode === 400 && /JSON/i.test(e.message))) {
      return send(reply, SIM_ERRORS.INVALID_JSON, 400, fill(SIM_ERRORS.INVALID_JSON.message, e.message))
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return send(
        reply,
        SIM_ERRORS.BAD_REQUEST,
        e.statusCode,
        fill(SIM_ERRORS.BAD_REQUEST.message, e.message)
      )
    }
    logger.error(`simulator: ${request.method} ${request.url} failed: ${e.stack ?? e.message}`)
    return send(reply, SIM_ERRORS.INTERNAL, 500, fill(SIM_ERRORS.INTERNAL.message, e.message))
  }

  app.setErrorHandler((error: FastifyError | SimError, request: FastifyRequest, reply: FastifyReply) => {
    handleError(error, request, reply)
    // Hot routes have no onResponse hook; neither has the 404 handler below.
    if (isHotRoute(request)) metrics.record(request, reply)
  })

  const patterns = [...swaggerOperations().values()].map(op => ({
    method: op.method.toUpperCase(),
    regex: new RegExp(`^${API_BASE}${op.path.replace(/\{[^}]+\}/g, '[^/]+')}/?$`)
  }))
  app.setNotFoundHandler((request, reply) => {
    notFound(request, reply)
    metrics.record(request, reply)
  })

  const notFound = (request: FastifyRequest, reply: FastifyReply): void => {
    const path = request.url.split('?')[0]!
    const known = patterns.filter(p => p.regex.test(path))
    if (known.length && !known.some(p => p.method === request.method)) {
      return send(
        reply,
        SIM_ERRORS.METHOD_NOT_ALLOWED,
        405,
        fill(SIM_ERRORS.METHOD_NOT_ALLOWED.message, request.method, path)
      )
    }
    if (known.length)
      return send(
        reply,
        SIM_ERRORS.NOT_IMPLEMENTED,
        501,
        fill(SIM_ERRORS.NOT_IMPLEMENTED.message, request.method, path)
      )
    return send(
      reply,
      SIM_ERRORS.ROUTE_NOT_FOUND,
      404,
      fill(SIM_ERRORS.ROUTE_NOT_FOUND.message, request.method, path)
    )
  }
}
