import { timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorBody, SIM_ERROR_HEADER, SIM_ERRORS } from '../errors.js'
import type { RouteConfig } from './route.js'

export interface AuthKeys {
  agentKey: string | undefined
  userToken: string | undefined
}

function same(a: string | undefined, b: string): boolean {
  if (a === undefined) return false
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * Whether a request satisfies one of the operation's security schemes. A scheme whose key is not configured is
 * open (auth "none" for that side); agentAuth is `X-Secret-Key`, userAuth `Authorization: Bearer <token>`, urlAuth
 * the `api_key` query parameter (either key).
 */
/** The request parts auth reads (a fastify request, or the hot path's plain input). */
export interface AuthInput {
  headers: IncomingHttpHeaders
  query?: unknown
}

export function authorized(request: AuthInput, security: string[], keys: AuthKeys): boolean {
  for (const scheme of security) {
    switch (scheme) {
      case 'agentAuth':
        if (!keys.agentKey) return true
        if (same(headerValue(request, 'x-secret-key'), keys.agentKey)) return true
        break
      case 'userAuth': {
        if (!keys.userToken) return true
        const header = headerValue(request, 'authorization')
        if (header && same(header.replace(/^Bearer\s+/i, ''), keys.userToken)) return true
        break
      }
      case 'urlAuth': {
        const key = (request.query as Record<string, unknown> | undefined)?.api_key
        if (
          typeof key === 'string' &&
          ((keys.agentKey && same(key, keys.agentKey)) || (keys.userToken && same(key, keys.userToken)))
        )
          return true
        break
      }
      default:
        break
    }
  }
  return false
}

function headerValue(request: AuthInput, name: string): string | undefined {
  const value = request.headers[name]
  return typeof value === 'string' ? value : undefined
}

/** The onRequest hook that answers 401 with the `infra_error` body. */
export function authHook(keys: AuthKeys) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const config = request.routeOptions.config as Partial<RouteConfig> | undefined
    if (!config?.security) return
    if (authorized(request, config.security, keys)) return
    reply
      .code(401)
      .header(SIM_ERROR_HEADER, SIM_ERRORS.UNAUTHORIZED.code)
      .send(errorBody(401, SIM_ERRORS.UNAUTHORIZED.message))
  }
}
