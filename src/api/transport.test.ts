import { afterEach, describe, expect, it } from '@jest/globals'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { generateCertificate } from '../agent/x509.js'
import { HttpMetrics } from '../timeline/http-metrics.js'
import { createTransport, operationPath, type Transport } from './transport.js'
import { multipartFile } from './transport-multipart.js'
import { agentRetryPolicy, installerRetryPolicy } from './transport-retry.js'

// A plain HTTP server on 127.0.0.1 stands in for the service: these tests are about the client's wire behaviour
// (headers, connections, queueing, retries, TLS), not about the API.
type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void

interface TestServer {
  url: string
  requests: {
    method: string
    url: string
    headers: IncomingMessage['headers']
    body: Buffer
    socket: number
  }[]
  sockets: number
  maxActive: number
  close(): Promise<void>
}

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

async function listen(server: Server, scheme: 'http' | 'https', state: TestServer): Promise<TestServer> {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  state.url = `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`
  state.close = () =>
    new Promise<void>(resolve => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  cleanups.push(() => state.close())
  return state
}

function attach(server: Server, handler: Handler): TestServer {
  const state: TestServer = { url: '', requests: [], sockets: 0, maxActive: 0, close: async () => {} }
  let active = 0
  const socketIds = new WeakMap<object, number>()
  server.on('connection', socket => socketIds.set(socket, ++state.sockets))
  server.on('secureConnection', socket => socketIds.set(socket, ++state.sockets))
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    active++
    state.maxActive = Math.max(state.maxActive, active)
    res.on('finish', () => active--)
    res.on('close', () => active--)
    const chunks: Buffer[] = []
    req.on('data', c => chunks.push(c as Buffer))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      state.requests.push({
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body,
        socket: socketIds.get(req.socket) ?? 0
      })
      handler(req, res, body)
    })
  })
  return state
}

async function startServer(handler: Handler): Promise<TestServer> {
  const server = createServer()
  const state = attach(server, handler)
  return listen(server, 'http', state)
}

function track(transport: Transport): Transport {
  cleanups.push(() => transport.close())
  return transport
}

const IE = '11111111-1111-4111-8111-111111111111'
const HOST = '22222222-2222-4222-8222-222222222222'

const json = (res: ServerResponse, status: number, value: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(value))
}

describe('transport', () => {
  it('fills the operation path and sends the agent headers', async () => {
    const server = await startServer((_req, res) => json(res, 200, { next_instruction_seconds: 60 }))
    const transport = track(createTransport({ baseUrl: server.url }))
    const response = await transport.request({
      endpoint: 'v2GetNextSteps',
      params: { infra_env_id: IE, host_id: HOST },
      query: { timestamp: 1700000000 },
      secretKey: 'token-xyz',
      agentVersion: 'quay.io/edge-infrastructure/assisted-installer-agent:latest',
      requestId: 'req-1'
    })
    expect(response.status).toBe(200)
    expect(response.json()).toEqual({ next_instruction_seconds: 60 })
    const seen = server.requests[0]!
    expect(seen.method).toBe('GET')
    expect(seen.url).toBe(
      `/api/assisted-install/v2/infra-envs/${IE}/hosts/${HOST}/instructions?timestamp=1700000000`
    )
    expect(seen.headers['x-secret-key']).toBe('token-xyz')
    expect(seen.headers['x-request-id']).toBe('req-1')
    expect(seen.headers['discovery_agent_version']).toBe(
      'quay.io/edge-infrastructure/assisted-installer-agent:latest'
    )
    expect(seen.headers['accept-encoding']).toBe('gzip')
  })

  it('builds paths from the swagger operations', () => {
    expect(operationPath('v2DownloadHostIgnition', { infra_env_id: IE, host_id: HOST })).toBe(
      `/v2/infra-env/${IE}/hosts/${HOST}/downloads/ignition`
    )
    expect(() => operationPath('v2RegisterHost')).toThrow(/infra_env_id/)
  })

  it('sends a fresh request id when none is given', async () => {
    const server = await startServer((_req, res) => json(res, 200, {}))
    const transport = track(createTransport({ baseUrl: server.url }))
    await transport.request({ endpoint: 'v2ListClusters' })
    await transport.request({ endpoint: 'v2ListClusters' })
    const ids = server.requests.map(r => r.headers['x-request-id'])
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(ids[0]).not.toBe(ids[1])
    expect(server.requests[0]!.headers['discovery_agent_version']).toBeUndefined()
  })

  it('reuses connections when pooled and opens one per request when faithful', async () => {
    const server = await startServer((_req, res) => json(res, 200, {}))
    const pooled = track(createTransport({ baseUrl: server.url, maxConcurrentRequests: 1 }))
    for (let i = 0; i < 5; i++)
      expect((await pooled.request({ endpoint: 'v2ListClusters' })).status).toBe(200)
    expect(new Set(server.requests.map(r => r.socket)).size).toBe(1)

    server.requests.length = 0
    const faithful = track(
      createTransport({ baseUrl: server.url, mode: 'faithful', maxConcurrentRequests: 1 })
    )
    for (let i = 0; i < 5; i++)
      expect((await faithful.request({ endpoint: 'v2ListClusters' })).status).toBe(200)
    expect(new Set(server.requests.map(r => r.socket)).size).toBe(5)
    expect(server.requests.every(r => r.headers.connection === 'close')).toBe(true)
  })

  it('bounds requests in flight, queues the rest and counts the wait in the latency', async () => {
    const server = await startServer((_req, res) => setTimeout(() => json(res, 200, {}), 40))
    const metrics = new HttpMetrics()
    const transport = track(createTransport({ baseUrl: server.url, maxConcurrentRequests: 3, metrics }))
    const started = Date.now()
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => transport.request({ endpoint: 'v2ListClusters' }))
    )
    expect(responses.every(r => r.status === 200)).toBe(true)
    expect(server.maxActive).toBeLessThanOrEqual(3)
    expect(Date.now() - started).toBeGreaterThanOrEqual(4 * 40 - 10)
    expect(transport.stats().maxQueued).toBe(9)
    const snapshot = metrics.snapshot()!
    expect(snapshot.ep.v2ListClusters!.n).toBe(12)
    expect(snapshot.ep.v2ListClusters!.codes).toEqual({ '200': 12 })
  })

  it('retries 503 and 504 as the agent does and records every attempt', async () => {
    let calls = 0
    const server = await startServer((_req, res) => {
      calls++
      if (calls === 1) json(res, 503, { reason: 'busy' })
      else if (calls === 2) json(res, 504, {})
      else json(res, 201, { id: HOST })
    })
    const metrics = new HttpMetrics()
    const transport = track(createTransport({ baseUrl: server.url, metrics }))
    const response = await transport.request({
      endpoint: 'v2RegisterHost',
      params: { infra_env_id: IE },
      json: { host_id: HOST },
      retry: agentRetryPolicy({ minMs: 5, maxMs: 20 })
    })
    expect(response.status).toBe(201)
    expect(response.attempts).toBe(3)
    expect(metrics.snapshot()!.ep.v2RegisterHost!.codes).toEqual({ '503': 1, '504': 1, '201': 1 })
    expect(JSON.parse(server.requests[0]!.body.toString())).toEqual({ host_id: HOST })
    expect(server.requests[0]!.headers['content-type']).toBe('application/json')
  })

  it('gives up after the policy allows and never retries 409', async () => {
    const server = await startServer((req, res) => json(res, req.url!.includes('progress') ? 409 : 500, {}))
    const transport = track(createTransport({ baseUrl: server.url }))
    const policy = installerRetryPolicy(2, { minMs: 1, maxMs: 2 })
    const failed = await transport.request({
      endpoint: 'v2GetCluster',
      params: { cluster_id: IE },
      retry: policy
    })
    expect(failed.status).toBe(500)
    expect(failed.attempts).toBe(3)
    const conflict = await transport.request({
      endpoint: 'v2UpdateHostInstallProgress',
      params: { infra_env_id: IE, host_id: HOST },
      json: { current_stage: 'Installing' },
      retry: policy
    })
    expect(conflict.status).toBe(409)
    expect(conflict.attempts).toBe(1)
  })

  it('reports network errors and timeouts as status 0', async () => {
    const server = await startServer(() => {
      /* never answers */
    })
    const metrics = new HttpMetrics()
    const transport = track(createTransport({ baseUrl: server.url, timeoutMs: 100, metrics }))
    const response = await transport.request({ endpoint: 'v2ListClusters' })
    expect(response.status).toBe(0)
    expect(response.error).toBeDefined()
    const refused = track(createTransport({ baseUrl: 'http://127.0.0.1:1', metrics }))
    expect((await refused.request({ endpoint: 'v2ListClusters' })).status).toBe(0)
    const snapshot = metrics.snapshot()!
    expect(snapshot.ep.v2ListClusters!.codes).toEqual({ '0': 2 })
    expect(snapshot.ep.v2ListClusters!.err).toBe(2)
  })

  it('decodes gzip answers', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
      res.end(gzipSync(JSON.stringify({ ok: true })))
    })
    const transport = track(createTransport({ baseUrl: server.url }))
    expect((await transport.request({ endpoint: 'v2ListClusters' })).json()).toEqual({ ok: true })
  })

  it('sends multipart uploads with the upfile field', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(204)
      res.end()
    })
    const transport = track(createTransport({ baseUrl: server.url }))
    const upload = multipartFile('upfile', 'logs.tar.gz', Buffer.from('tarball'))
    const response = await transport.request({
      endpoint: 'V2UploadLogs',
      params: { cluster_id: IE },
      query: { logs_type: 'host', host_id: HOST, infra_env_id: IE },
      body: upload.body,
      contentType: upload.contentType
    })
    expect(response.status).toBe(204)
    const seen = server.requests[0]!
    expect(seen.url).toBe(
      `/api/assisted-install/v2/clusters/${IE}/logs?logs_type=host&host_id=${HOST}&infra_env_id=${IE}`
    )
    expect(seen.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(seen.body.toString()).toContain('name="upfile"; filename="logs.tar.gz"')
    expect(seen.body.toString()).toContain('tarball')
  })

  it('trusts a custom CA, rejects an unknown one, and skips verification when insecure', async () => {
    const ca = generateCertificate({ commonName: 'swarm-test-ca', isCa: true })
    const cert = generateCertificate({ commonName: '127.0.0.1', ipAddresses: ['127.0.0.1'], issuer: ca })
    const server = createHttpsServer({ cert: cert.certPem, key: cert.keyPem })
    const state = attach(server, (_req, res) => json(res, 200, { tls: true }))
    await listen(server, 'https', state)
    const trusted = track(createTransport({ baseUrl: state.url, caCertPem: ca.certPem }))
    expect((await trusted.request({ endpoint: 'v2ListClusters' })).status).toBe(200)
    const untrusted = track(createTransport({ baseUrl: state.url }))
    const refused = await untrusted.request({ endpoint: 'v2ListClusters' })
    expect(refused.status).toBe(0)
    expect(String(refused.error)).toMatch(/certificate/i)
    const insecure = track(createTransport({ baseUrl: state.url, insecure: true }))
    expect((await insecure.request({ endpoint: 'v2ListClusters' })).status).toBe(200)
  })

  it('fails queued requests and retry waits when closed', async () => {
    const server = await startServer((req, res) => {
      if (req.url!.includes('clusters/')) json(res, 503, {})
      else setTimeout(() => json(res, 200, {}), 200)
    })
    const transport = createTransport({ baseUrl: server.url, maxConcurrentRequests: 1 })
    const first = transport.request({ endpoint: 'v2ListClusters' })
    const queued = transport.request({ endpoint: 'v2ListClusters' })
    const retrying = transport.request({
      endpoint: 'v2GetCluster',
      params: { cluster_id: IE },
      retry: agentRetryPolicy()
    })
    await new Promise(r => setTimeout(r, 20))
    await transport.close()
    const results = await Promise.all([first, queued, retrying])
    expect(results.map(r => r.status)).toEqual([0, 0, 0])
    expect(results[1]!.error?.name).toBe('TransportClosedError')
    expect(transport.closed).toBe(true)
  })
})
