import { randomUUID } from 'node:crypto'
import { gunzipSync } from 'node:zlib'
import type { IncomingHttpHeaders } from 'node:http'
import { Pool } from 'undici'
import type { HttpMetrics } from '../timeline/http-metrics.js'
import { API_BASE, swaggerOperation } from './swagger.js'
import { noRetry, type RetryPolicy } from './transport-retry.js'

/**
 * The one HTTP layer of the host side (agents, installers, controllers) and of the swarm's user API calls.
 *
 * - `pooled` (default): one undici keep-alive pool for every host of the process.
 * - `faithful`: a new connection per request (`Connection: close`), as the real agent's per-poll session does.
 * - A global bound on requests in flight: the rest wait in a FIFO queue, and the wait counts in the recorded
 *   latency, so an overloaded runner shows up as latency instead of dropped hosts.
 * - Every attempt is recorded per endpoint (the swagger operationId) with its status (0 = network error or
 *   timeout) and duration.
 * - TLS with an extra CA (PEM) and an `insecure` switch, as the agent's `--cacert` / `--insecure`.
 * - `Accept-Encoding: gzip` with transparent decoding, as Go's HTTP client does.
 *
 * Idle hosts cost the transport nothing: it keeps no per-host state.
 */
export interface TransportOptions {
  /** Service base URL, e.g. `http://127.0.0.1:8090` (the API base path `/api/assisted-install` is appended). */
  baseUrl: string
  mode?: 'pooled' | 'faithful'
  /** Requests in flight at most, over every caller (default 256). */
  maxConcurrentRequests?: number
  /** Keep-alive connections at most (default: maxConcurrentRequests). */
  connections?: number
  /** Extra CA to trust (PEM), besides the system's. */
  caCertPem?: string
  /** Skips TLS verification. */
  insecure?: boolean
  /** Per attempt, for the response headers and for the body (default 60 s). */
  timeoutMs?: number
  /** Where every attempt is recorded. */
  metrics?: Pick<HttpMetrics, 'record'>
  /** Path prefix under the base URL (default `/api/assisted-install`). */
  apiBase?: string
  /** For retry jitter; tests pass a seeded one. */
  random?: () => number
}

export interface TransportRequest {
  /** Swagger operationId: names the endpoint in metrics and, without `path`, gives the method and path. */
  endpoint: string
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Path under the API base; default: the operation's path with `params` filled in. */
  path?: string
  params?: Record<string, string>
  query?: Record<string, string | number | boolean | undefined>
  headers?: Record<string, string>
  /** JSON body (sets Content-Type: application/json). */
  json?: unknown
  /** Raw body with its content type (multipart uploads). */
  body?: Buffer | string
  contentType?: string
  /** Accept header (default application/json). */
  accept?: string
  /** X-Request-ID; a fresh UUID when absent. */
  requestId?: string
  /** X-Secret-Key (agent auth); never logged. */
  secretKey?: string
  /** The `discovery_agent_version` header; only the discovery agent sends it. */
  agentVersion?: string
  retry?: RetryPolicy
  timeoutMs?: number
}

export interface TransportResponse {
  /** HTTP status, or 0 for a network error, a timeout or a closed transport. */
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
  /** Network error, timeout or `TransportClosedError` when status is 0. */
  error?: Error
  /** Attempts made (1 + retries). */
  attempts: number
  text(): string
  /** Parses the body as JSON; throws on invalid JSON. */
  json<T = unknown>(): T
}

export class TransportClosedError extends Error {
  constructor() {
    super('transport closed')
    this.name = 'TransportClosedError'
  }
}

export interface TransportStats {
  inFlight: number
  queued: number
  /** Attempts completed since the transport was made. */
  completed: number
  maxQueued: number
}

const EMPTY = Buffer.alloc(0)

/** One prototype for every response: no closures per request. */
class Response implements TransportResponse {
  constructor(
    readonly status: number,
    readonly headers: IncomingHttpHeaders,
    readonly body: Buffer,
    readonly attempts: number,
    readonly error?: Error
  ) {}

  text(): string {
    return this.body.toString('utf8')
  }

  json<T = unknown>(): T {
    return JSON.parse(this.body.toString('utf8')) as T
  }
}

function makeResponse(
  status: number,
  headers: IncomingHttpHeaders,
  body: Buffer,
  attempts: number,
  error?: Error
): TransportResponse {
  return new Response(status, headers, body, attempts, error)
}

interface CompiledPath {
  parts: string[]
  names: string[]
}

const compiledPaths = new Map<string, CompiledPath>()

function compilePath(endpoint: string): CompiledPath {
  let compiled = compiledPaths.get(endpoint)
  if (!compiled) {
    const template = swaggerOperation(endpoint).path
    const parts: string[] = []
    const names: string[] = []
    let last = 0
    for (const match of template.matchAll(/\{([^}]+)\}/g)) {
      parts.push(template.slice(last, match.index))
      names.push(match[1]!)
      last = match.index + match[0].length
    }
    parts.push(template.slice(last))
    compiled = { parts, names }
    compiledPaths.set(endpoint, compiled)
  }
  return compiled
}

/** The operation's path with its parameters filled in, e.g. `/v2/infra-envs/<id>/hosts`. */
export function operationPath(endpoint: string, params: Record<string, string> = {}): string {
  const { parts, names } = compilePath(endpoint)
  let out = parts[0]!
  for (let i = 0; i < names.length; i++) {
    const value = params[names[i]!]
    if (value === undefined) throw new Error(`${endpoint}: missing path parameter ${names[i]}`)
    out += encodeURIComponent(value) + parts[i + 1]!
  }
  return out
}

const methods = new Map<string, TransportRequest['method']>()
function operationMethod(endpoint: string): NonNullable<TransportRequest['method']> {
  let method = methods.get(endpoint)
  if (!method) {
    method = swaggerOperation(endpoint).method.toUpperCase() as NonNullable<TransportRequest['method']>
    methods.set(endpoint, method)
  }
  return method!
}

function queryString(query: TransportRequest['query']): string {
  if (!query) return ''
  let out = ''
  for (const key in query) {
    const value = query[key]
    if (value === undefined) continue
    out += (out ? '&' : '?') + encodeURIComponent(key) + '=' + encodeURIComponent(String(value))
  }
  return out
}

export class Transport {
  readonly mode: 'pooled' | 'faithful'
  private readonly pool: Pool
  private readonly apiBase: string
  private readonly hostHeader: string
  private readonly maxInFlight: number
  private readonly timeoutMs: number
  private readonly metrics: Pick<HttpMetrics, 'record'> | undefined
  private readonly random: () => number
  private inFlight = 0
  private waiting: (((ok: boolean) => void) | undefined)[] = []
  private waitingHead = 0
  private sleepers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>()
  private closedFlag = false
  private completed = 0
  private maxQueued = 0

  constructor(options: TransportOptions) {
    const url = new URL(options.baseUrl)
    this.mode = options.mode ?? 'pooled'
    this.maxInFlight = Math.max(1, options.maxConcurrentRequests ?? 256)
    this.timeoutMs = options.timeoutMs ?? 60_000
    this.metrics = options.metrics
    this.random = options.random ?? Math.random
    this.apiBase = url.pathname.replace(/\/$/, '') + (options.apiBase ?? API_BASE)
    this.hostHeader = url.host
    this.pool = new Pool(url.origin, {
      connections: options.connections ?? this.maxInFlight,
      pipelining: 1,
      keepAliveTimeout: 30_000,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      connect: {
        ...(options.caCertPem ? { ca: options.caCertPem } : {}),
        rejectUnauthorized: !options.insecure
      }
    })
  }

  get closed(): boolean {
    return this.closedFlag
  }

  stats(): TransportStats {
    return {
      inFlight: this.inFlight,
      queued: this.waiting.length - this.waitingHead,
      completed: this.completed,
      maxQueued: this.maxQueued
    }
  }

  /** Sends a request with its retries; never throws for HTTP or network outcomes (status 0 carries the error). */
  async request(req: TransportRequest): Promise<TransportResponse> {
    const policy = req.retry ?? noRetry
    const path = this.apiBase + (req.path ?? operationPath(req.endpoint, req.params)) + queryString(req.query)
    const method = req.method ?? operationMethod(req.endpoint)
    const headers: Record<string, string> = {
      host: this.hostHeader,
      accept: req.accept ?? 'application/json',
      'accept-encoding': 'gzip',
      'x-request-id': req.requestId ?? randomUUID(),
      ...req.headers
    }
    if (req.secretKey !== undefined) headers['x-secret-key'] = req.secretKey
    if (req.agentVersion !== undefined) headers['discovery_agent_version'] = req.agentVersion
    let body: Buffer | string | undefined
    if (req.json !== undefined) {
      body = JSON.stringify(req.json)
      headers['content-type'] = 'application/json'
    } else if (req.body !== undefined) {
      body = req.body
      headers['content-type'] = req.contentType ?? 'application/octet-stream'
    }
    let attempts = 0
    for (;;) {
      attempts++
      const response = await this.attempt(req.endpoint, method, path, headers, body, req.timeoutMs, attempts)
      if (this.closedFlag) return response
      const allowed = policy.retriesFor(response.status)
      if (attempts > allowed || (response.status >= 200 && response.status < 300)) return response
      await this.sleep(policy.delayMs(attempts, this.random))
      if (this.closedFlag) return makeResponse(0, {}, EMPTY, attempts, new TransportClosedError())
    }
  }

  private async attempt(
    endpoint: string,
    method: string,
    path: string,
    headers: Record<string, string>,
    body: Buffer | string | undefined,
    timeoutMs: number | undefined,
    attempts: number
  ): Promise<TransportResponse> {
    const started = performance.now()
    if (!(await this.acquire())) return makeResponse(0, {}, EMPTY, attempts, new TransportClosedError())
    let status = 0
    try {
      const res = await this.pool.request({
        path,
        method: method as 'GET',
        headers,
        ...(body !== undefined ? { body } : {}),
        ...(this.mode === 'faithful' ? { reset: true } : {}),
        ...(timeoutMs ? { headersTimeout: timeoutMs, bodyTimeout: timeoutMs } : {})
      })
      let data = Buffer.from(await res.body.arrayBuffer())
      if (res.headers['content-encoding'] === 'gzip' && data.length) data = gunzipSync(data)
      status = res.statusCode
      return makeResponse(status, res.headers, data, attempts)
    } catch (error) {
      const err = this.closedFlag ? new TransportClosedError() : (error as Error)
      return makeResponse(0, {}, EMPTY, attempts, err)
    } finally {
      this.release()
      this.completed++
      this.metrics?.record(endpoint, status, performance.now() - started)
    }
  }

  private acquire(): Promise<boolean> | boolean {
    if (this.closedFlag) return false
    if (this.inFlight < this.maxInFlight) {
      this.inFlight++
      return true
    }
    return new Promise<boolean>(resolve => {
      this.waiting.push(resolve)
      const queued = this.waiting.length - this.waitingHead
      if (queued > this.maxQueued) this.maxQueued = queued
    })
  }

  private release(): void {
    while (this.waitingHead < this.waiting.length) {
      const next = this.waiting[this.waitingHead]
      this.waiting[this.waitingHead++] = undefined
      if (this.waitingHead > 1024 && this.waitingHead * 2 > this.waiting.length) {
        this.waiting = this.waiting.slice(this.waitingHead)
        this.waitingHead = 0
      }
      if (next) {
        // The slot passes straight to the next waiter: inFlight stays the same.
        next(true)
        return
      }
    }
    this.inFlight--
  }

  private sleep(ms: number): Promise<void> {
    return new Promise(resolve => {
      const sleeper = {
        timer: setTimeout(() => {
          this.sleepers.delete(sleeper)
          resolve()
        }, ms),
        resolve
      }
      this.sleepers.add(sleeper)
    })
  }

  /** Fails queued requests and retry waits, aborts requests in flight and closes every connection. */
  async close(): Promise<void> {
    if (this.closedFlag) return
    this.closedFlag = true
    for (let i = this.waitingHead; i < this.waiting.length; i++) this.waiting[i]?.(false)
    this.waiting = []
    this.waitingHead = 0
    for (const sleeper of this.sleepers) {
      clearTimeout(sleeper.timer)
      sleeper.resolve()
    }
    this.sleepers.clear()
    await this.pool.destroy().catch(() => {})
  }
}

export function createTransport(options: TransportOptions): Transport {
  return new Transport(options)
}
