import { API_BASE } from '../../../src/api/swagger.js'

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

export function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined
  } catch {
    return text
  }
}

export function headersFor(options: CallOptions): Record<string, string> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) }
  if (
    (options.body !== undefined || options.raw !== undefined) &&
    !Object.keys(headers).some(h => h.toLowerCase() === 'content-type')
  ) {
    headers['content-type'] = 'application/json'
  }
  return headers
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
