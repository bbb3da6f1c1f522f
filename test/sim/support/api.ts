import { jest } from '@jest/globals'
import type { FastifyInstance } from 'fastify'
import { API_BASE } from '../../../src/api/swagger.js'

// fastify.inject() loads light-my-request, which require()s the ESM-only `cookie` 2.x; Jest's CommonJS loader
// cannot do that on Node 20 (plain Node can). Only `stringifySetCookie` is used, for response cookies, which the
// simulator never sets, so a minimal stand-in is enough. Mocked, and why: a Jest/Node 20 module-format gap.
jest.mock('cookie', () => ({
  stringifySetCookie: (cookie: { name: string; value: string }) => `${cookie.name}=${cookie.value}`
}))

/** A response, the same for in-process `inject()` and real HTTP. */
export interface ApiResponse {
  status: number
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any
  text: string
  headers: Record<string, string>
}

export interface CallOptions {
  body?: unknown
  /** Sent verbatim (for malformed JSON tests). */
  raw?: string
  headers?: Record<string, string>
  /** A path outside the API base (e.g. `/metrics`). */
  absolute?: boolean
}

/** A plain HTTP client for the simulator: no project code, just method + path + JSON. */
export interface Api {
  call(method: string, path: string, options?: CallOptions): Promise<ApiResponse>
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined
  } catch {
    return text
  }
}

function headersFor(options: CallOptions): Record<string, string> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) }
  if (
    (options.body !== undefined || options.raw !== undefined) &&
    !Object.keys(headers).some(h => h.toLowerCase() === 'content-type')
  ) {
    headers['content-type'] = 'application/json'
  }
  return headers
}

/** In-process client over `fastify.inject()` (no socket). */
export function injectApi(app: FastifyInstance): Api {
  return {
    async call(method, path, options = {}) {
      const response = await app.inject({
        method: method as 'GET',
        url: options.absolute ? path : API_BASE + path,
        headers: headersFor(options),
        ...(options.raw !== undefined
          ? { payload: options.raw }
          : options.body !== undefined
            ? { payload: JSON.stringify(options.body) }
            : {})
      })
      const headers: Record<string, string> = {}
      for (const [k, v] of Object.entries(response.headers)) headers[k] = String(v)
      return { status: response.statusCode, body: parse(response.body), text: response.body, headers }
    }
  }
}

/** Real HTTP over fetch (undici) against a listening simulator. */
export function fetchApi(baseUrl: string): Api {
  return {
    async call(method, path, options = {}) {
      const response = await fetch((options.absolute ? baseUrl : baseUrl + API_BASE) + path, {
        method,
        headers: headersFor(options),
        ...(options.raw !== undefined
          ? { body: options.raw }
          : options.body !== undefined
            ? { body: JSON.stringify(options.body) }
            : {})
      })
      const text = await response.text()
      const headers: Record<string, string> = {}
      response.headers.forEach((v, k) => (headers[k] = v))
      return { status: response.status, body: parse(text), text, headers }
    }
  }
}

/** Fails with the response text when the status is not the expected one. */
export function expectStatus(response: ApiResponse, status: number, what = ''): ApiResponse {
  if (response.status !== status) {
    throw new Error(
      `${what || 'request'}: expected HTTP ${status}, got ${response.status}: ${response.text.slice(0, 500)}`
    )
  }
  return response
}

export const PULL_SECRET = JSON.stringify({
  auths: {
    'cloud.openshift.com': { auth: Buffer.from('user:password').toString('base64'), email: 'r@example.com' }
  }
})
