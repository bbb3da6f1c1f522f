import { jest } from '@jest/globals'
import type { FastifyInstance } from 'fastify'
import { API_BASE } from '../../../src/api/swagger.js'
import { headersFor, parse, type Api } from './api.js'

// fastify.inject() loads light-my-request, which require()s the ESM-only `cookie` 2.x; Jest's CommonJS loader
// cannot do that on Node 20 (plain Node can). Only `stringifySetCookie` is used, for response cookies, which the
// simulator never sets, so a minimal stand-in is enough. Mocked, and why: a Jest/Node 20 module-format gap.
jest.mock('cookie', () => ({
  stringifySetCookie: (cookie: { name: string; value: string }) => `${cookie.name}=${cookie.value}`
}))

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
