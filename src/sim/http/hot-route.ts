import type { ValidateFunction } from 'ajv'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { swaggerOperation } from '../../api/swagger.js'
import { errorBody, SIM_ERROR_HEADER, SIM_ERRORS, SimError } from '../errors.js'
import type { RouteDeps } from '../routes/deps.js'
import { authorized } from './auth.js'
import { fastifyUrl, operationSchema, type RouteConfig } from './route.js'
import { compileValidator } from './validation.js'

/** Route config of a hot route (the error handler records its metrics, having no onResponse hook). */
export interface HotRouteConfig extends RouteConfig {
  hot: true
}

/** What a hot handler sees: the request's parts, already validated against the swagger operation. */
export interface HotInput {
  params: Record<string, string>
  query: Record<string, unknown>
  body: unknown
  headers: IncomingHttpHeaders
}

export interface HotOutput {
  status: number
  body: string
  contentType?: string
  /** The `SIM_ERR_*` code of an error answer. */
  errorCode?: string
}

export type HotHandler = (input: HotInput) => HotOutput

type Part = 'params' | 'querystring' | 'body'

const JSON_TYPE = 'application/json; charset=utf-8'

function errorOutput(status: number, code: string, message: string): HotOutput {
  return { status, body: JSON.stringify(errorBody(status, message)), contentType: JSON_TYPE, errorCode: code }
}

/**
 * A route on the agents' hot path (GET and POST instructions: one each per host per poll). The same swagger
 * operation, validators, auth, fault injection, metrics and error bodies as every other route, but run as one
 * function over the request's parts, so it can be served two ways with one behaviour:
 * - as a fastify route (what `inject()` and any unusual request use), and
 * - straight from the node:http server for well-formed requests (`fastPath`), skipping fastify's per-request
 *   objects, hooks and reply plumbing, which cost more than the work itself (bench/sim.ts).
 * test/sim/hot-routes.test.ts checks both give identical answers.
 */
export class HotRoute {
  readonly operationId: string
  readonly url: string
  readonly method: 'GET' | 'POST'
  private readonly checks: [Part, ValidateFunction][] = []
  private readonly security: string[]
  private readonly record: (status: number, seconds: number) => void

  constructor(
    operationId: string,
    private readonly handler: HotHandler,
    private readonly deps: RouteDeps
  ) {
    const op = swaggerOperation(operationId)
    this.operationId = operationId
    this.url = fastifyUrl(op.path)
    this.method = op.method.toUpperCase() as 'GET' | 'POST'
    const schema = operationSchema(op)
    for (const part of ['params', 'querystring', 'body'] as const) {
      if (schema[part]) this.checks.push([part, compileValidator(schema[part], part)])
    }
    this.security = op.security ? op.security.flatMap(s => Object.keys(s)) : ['userAuth']
    this.record = deps.metrics.recorder(this.url, this.method)
  }

  /** Auth, validation (coercing query and path values like fastify), then the handler. */
  run(input: HotInput): HotOutput {
    const keys = this.deps.sim.opts
    if ((keys.agentKey || keys.userToken) && !authorized(input, this.security, keys)) {
      return errorOutput(401, SIM_ERRORS.UNAUTHORIZED.code, SIM_ERRORS.UNAUTHORIZED.message)
    }
    for (const [part, validate] of this.checks) {
      const data = part === 'params' ? input.params : part === 'querystring' ? input.query : input.body
      if (!validate(data)) {
        // The same text as fastify's schema errors: `<part><path> <message>`.
        const text = (validate.errors ?? [])
          .map(e => `${part}${e.instancePath} ${e.message ?? 'is invalid'}`)
          .join(', ')
        return errorOutput(
          400,
          SIM_ERRORS.BAD_REQUEST.code,
          SIM_ERRORS.BAD_REQUEST.message.replace('%s', text)
        )
      }
    }
    try {
      return this.handler(input)
    } catch (error) {
      if (error instanceof SimError) return errorOutput(error.status, error.code, error.message)
      this.deps.sim.opts.logger.error(
        `simulator: ${this.operationId} failed: ${(error as Error).stack ?? String(error)}`
      )
      return errorOutput(
        500,
        SIM_ERRORS.INTERNAL.code,
        SIM_ERRORS.INTERNAL.message.replace('%s', (error as Error).message)
      )
    }
  }

  /** Registers the fastify side of the route. */
  register(app: FastifyInstance): void {
    const config: HotRouteConfig = { operationId: this.operationId, security: this.security, hot: true }
    const send = (request: FastifyRequest, reply: FastifyReply): void => {
      const out = this.run({
        params: request.params as Record<string, string>,
        query: (request.query ?? {}) as Record<string, unknown>,
        body: request.body,
        headers: request.headers
      })
      if (out.contentType) reply.header('content-type', out.contentType)
      if (out.errorCode) reply.header(SIM_ERROR_HEADER, out.errorCode)
      reply.code(out.status).send(out.status === 204 ? undefined : out.body)
      this.record(out.status, reply.elapsedTime / 1000)
    }
    app.route({
      method: this.method,
      url: this.url,
      config,
      handler: (request: FastifyRequest, reply: FastifyReply) => {
        const { faults } = this.deps
        if (!faults.active) return send(request, reply)
        faults.apply(
          request,
          reply,
          this.operationId,
          () => send(request, reply),
          () => this.record(reply.statusCode, reply.elapsedTime / 1000)
        )
      }
    })
  }

  /** Answers straight on node:http (the caller checked the request is one this route takes). */
  serve(
    params: Record<string, string>,
    query: Record<string, unknown>,
    body: unknown,
    req: IncomingMessage,
    res: ServerResponse,
    started: number
  ): void {
    const out = this.run({ params, query, body, headers: req.headers })
    const headers: Record<string, string | number> = {}
    if (out.contentType) headers['content-type'] = out.contentType
    if (out.errorCode) headers[SIM_ERROR_HEADER] = out.errorCode
    if (out.status === 204) res.writeHead(204, headers).end()
    else {
      headers['content-length'] = Buffer.byteLength(out.body)
      res.writeHead(out.status, headers).end(out.body)
    }
    this.record(out.status, (performance.now() - started) / 1000)
  }
}

export function isHotRoute(request: FastifyRequest): boolean {
  return (request.routeOptions.config as Partial<HotRouteConfig> | undefined)?.hot === true
}

const INSTRUCTIONS =
  /^\/api\/assisted-install\/v2\/infra-envs\/([^/?#]+)\/hosts\/([^/?#]+)\/instructions(?:\?([^#]*))?$/

/** Query string → object as fastify's parser gives it (repeated keys become lists). */
function parseQuery(text: string | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (!text) return out
  for (const [k, v] of new URLSearchParams(text)) {
    const prev = out[k]
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v]
  }
  return out
}

/**
 * The node:http front of the two hot routes. It takes only what needs no fastify machinery — no fault injection
 * active, not closing, GET without a body, or POST with `Content-Type: application/json` and a Content-Length
 * within the body limit — and hands everything else (and every other path) to fastify. JSON bodies are parsed
 * with fastify's own default parser, so prototype-poisoning checks and error answers are the same.
 */
export function hotFastPath(
  get: HotRoute,
  post: HotRoute,
  deps: RouteDeps,
  jsonParser: (
    req: IncomingMessage,
    body: string,
    done: (error: Error | null, value?: unknown) => void
  ) => void,
  isClosing: () => boolean
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const limit = deps.sim.opts.bodyLimitBytes
  return (req, res) => {
    const method = req.method
    if ((method !== 'GET' && method !== 'POST') || deps.faults.active || isClosing()) return false
    const url = req.url ?? ''
    if (!url.startsWith('/api/assisted-install/v2/infra-envs/')) return false
    const match = INSTRUCTIONS.exec(url)
    if (!match) return false
    const started = performance.now()
    deps.sim.counters.fastPathRequests++
    const params = { infra_env_id: decodeURIComponent(match[1]!), host_id: decodeURIComponent(match[2]!) }
    const query = parseQuery(match[3])
    if (method === 'GET') {
      if (req.headers['content-length'] && req.headers['content-length'] !== '0') return false
      if (req.headers['transfer-encoding']) return false
      get.serve(params, query, undefined, req, res, started)
      return true
    }
    const type = req.headers['content-type'] ?? ''
    const length = Number(req.headers['content-length'])
    if (
      !/^application\/json\s*(;|$)/i.test(type) ||
      !(length > 0) ||
      length > limit ||
      req.headers['transfer-encoding']
    )
      return false
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')
      jsonParser(req, text, (error, body) => {
        if (error) {
          const out = errorOutput(
            400,
            SIM_ERRORS.INVALID_JSON.code,
            SIM_ERRORS.INVALID_JSON.message.replace('%s', error.message)
          )
          res
            .writeHead(400, {
              'content-type': out.contentType!,
              [SIM_ERROR_HEADER]: out.errorCode!,
              'content-length': Buffer.byteLength(out.body)
            })
            .end(out.body)
          return
        }
        post.serve(params, query, body, req, res, started)
      })
    })
    return true
  }
}
