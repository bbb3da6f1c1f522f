import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { API_BASE, swaggerOperation, toJsonSchema, type SwaggerOperation } from '../../api/swagger.js'

type Schema = Record<string, unknown>

/** What every simulator route carries in its fastify `config`. */
export interface RouteConfig {
  operationId: string
  /** Security schemes of the operation (any one suffices); the swagger default is userAuth. */
  security: string[]
  /** Admin and service routes are never delayed, failed or dropped by fault injection. */
  noFaults?: boolean
}

function rewriteRefs(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema).replace(/"#\/definitions\//g, '"swagger#/definitions/'))
}

function paramSchema(p: Schema): Schema {
  const out: Schema = {}
  for (const key of ['type', 'format', 'enum', 'minimum', 'maximum', 'pattern', 'default'])
    if (p[key] !== undefined) out[key] = p[key]
  if (p.type === 'array') out.items = paramSchema((p.items as Schema | undefined) ?? { type: 'string' })
  if (p.type === 'file') return {}
  return out
}

/**
 * The fastify schema of a swagger operation: params, querystring and body come straight from the contract, so
 * routes are data and a contract change reaches the simulator through `npm run contracts`.
 */
export function operationSchema(op: SwaggerOperation): Schema {
  const schema: Schema = {}
  const path = op.parameters.filter(p => p.in === 'path')
  const query = op.parameters.filter(p => p.in === 'query')
  const body = op.parameters.find(p => p.in === 'body')
  if (path.length) {
    schema.params = {
      type: 'object',
      properties: Object.fromEntries(path.map(p => [p.name as string, paramSchema(p)])),
      required: path.map(p => p.name as string)
    }
  }
  if (query.length) {
    schema.querystring = {
      type: 'object',
      properties: Object.fromEntries(query.map(p => [p.name as string, paramSchema(p)])),
      ...(query.some(p => p.required)
        ? { required: query.filter(p => p.required).map(p => p.name as string) }
        : {})
    }
  }
  if (body?.schema) {
    schema.body = rewriteRefs(toJsonSchema(body.schema, { rejectUnknownFields: true }))
  }
  return schema
}

/** The fastify URL of a swagger path: base path prepended, `{param}` → `:param`. */
export function fastifyUrl(path: string): string {
  return API_BASE + path.replace(/\{([^}]+)\}/g, ':$1')
}

const DEFAULT_SECURITY = ['userAuth']

export type Handler = (request: FastifyRequest, reply: FastifyReply) => unknown

/** Registers the swagger operation `operationId` with `handler`. */
export function route(
  app: FastifyInstance,
  operationId: string,
  handler: Handler,
  options: { bodyLimit?: number } = {}
): void {
  const op = swaggerOperation(operationId)
  const config: RouteConfig = {
    operationId,
    security: op.security ? op.security.flatMap(s => Object.keys(s)) : DEFAULT_SECURITY
  }
  app.route({
    method: op.method.toUpperCase() as 'GET',
    url: fastifyUrl(op.path),
    schema: operationSchema(op),
    config,
    handler: handler as never,
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {})
  })
}

/** Typed accessors for a request's validated parts. */
export function params(request: FastifyRequest): Record<string, string> {
  return request.params as Record<string, string>
}

export function query<T = Record<string, unknown>>(request: FastifyRequest): T {
  return (request.query ?? {}) as T
}

export function body<T>(request: FastifyRequest): T {
  return request.body as T
}

/** The agent version header (`discovery_agent_version`, with underscores). */
export function agentVersionHeader(request: FastifyRequest): string | undefined {
  const value = request.headers['discovery_agent_version']
  return typeof value === 'string' && value ? value : undefined
}

/** §9: downloads answer 400 unless the request accepts application/octet-stream. */
export function acceptsOctetStream(request: FastifyRequest): boolean {
  const accept = request.headers.accept
  return typeof accept === 'string' && accept.includes('application/octet-stream')
}

/** Swagger 2.0 collectionFormat csv: `a,b` and repeated keys both become a list. */
export function listParam(value: unknown): string[] | undefined {
  if (value === undefined) return undefined
  const items = Array.isArray(value) ? value : [value]
  return items.flatMap(v => String(v).split(',')).filter(Boolean)
}
