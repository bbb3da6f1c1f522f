import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { API_BASE, swaggerOperations } from '../../../src/api/swagger.js'

/**
 * A counting reverse proxy between the hosts and the simulator, on 127.0.0.1: the simulator hands agents the
 * tap's URL (serviceBaseUrl), so every request of an agent, installer or controller passes here and is counted
 * by swagger operationId and by the host it concerns (the host id in the path, the `host_id` query, or the
 * registration body), or by cluster for cluster-wide calls. The swarm's own user-API calls go to the simulator
 * directly and are not counted. Nothing is changed on the way: it is the same for the native and the real hosts.
 */
export interface TappedRequest {
  /** When the answer was sent (epoch ms). */
  t: number
  operationId: string
  status: number
  hostId?: string
  clusterId?: string
  /** What the call was about, when the operation alone does not say: step types, file names, log types. */
  detail?: string[]
}

/** Operations whose body (request or answer) names what they carry. */
const READ_REQUEST = new Set([
  'v2RegisterHost',
  'v2PostStepReply',
  'v2UpdateHostInstallProgress',
  'v2UpdateClusterFinalizingProgress',
  'v2ReportMonitoredOperatorStatus',
  'v2UpdateHostLogsProgress',
  'v2UpdateClusterLogsProgress',
  'v2TriggerEvent'
])
const READ_ANSWER = new Set(['v2GetNextSteps'])

export interface RequestTap {
  url: string
  /** Where requests go; set once the simulator listens. */
  upstream: string
  readonly requests: TappedRequest[]
  close(): Promise<void>
}

interface Matcher {
  method: string
  pattern: RegExp
  names: string[]
  operationId: string
}

let matchers: Matcher[] | undefined

function operationMatchers(): Matcher[] {
  if (matchers) return matchers
  matchers = [...swaggerOperations().values()].map(op => {
    const names: string[] = []
    const source = op.path
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\\?\{([^}]+)\\?\}/g, (_m, name: string) => {
        names.push(name)
        return '([^/]+)'
      })
    return {
      method: op.method.toUpperCase(),
      pattern: new RegExp(`^${API_BASE}${source}$`),
      names,
      operationId: op.operationId
    }
  })
  // literal segments beat parameters: longer templates first
  matchers.sort((a, b) => b.pattern.source.length - a.pattern.source.length)
  return matchers
}

export function matchOperation(
  method: string,
  path: string
): { operationId: string; params: Record<string, string> } | undefined {
  for (const m of operationMatchers()) {
    if (m.method !== method) continue
    const match = m.pattern.exec(path)
    if (!match) continue
    const params: Record<string, string> = {}
    m.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1]!)))
    return { operationId: m.operationId, params }
  }
  return undefined
}

export async function startRequestTap(): Promise<RequestTap> {
  const requests: TappedRequest[] = []
  const tap = { upstream: '', requests } as { upstream: string; requests: TappedRequest[] }
  const server: Server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://tap')
    const matched = matchOperation(req.method ?? 'GET', url.pathname)
    const entry: TappedRequest = {
      t: 0,
      operationId: matched?.operationId ?? `${req.method} ${url.pathname}`,
      status: 0
    }
    const hostId = matched?.params.host_id ?? url.searchParams.get('host_id') ?? undefined
    if (hostId) entry.hostId = hostId
    const clusterId = matched?.params.cluster_id
    if (clusterId) entry.clusterId = clusterId
    const chunks: Buffer[] = []
    const operationId = entry.operationId
    const query = ['file_name', 'logs_type', 'role', 'exclude-hosts'].flatMap(k =>
      url.searchParams.get(k) ? [`${k}=${url.searchParams.get(k)}`] : []
    )
    if (query.length) entry.detail = query
    const upstream = new URL(tap.upstream)
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host }
      },
      answer => {
        entry.status = answer.statusCode ?? 0
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        if (READ_ANSWER.has(operationId)) {
          const body: Buffer[] = []
          answer.on('data', (chunk: Buffer) => body.push(chunk))
          answer.on('end', () => {
            try {
              const steps = JSON.parse(Buffer.concat(body).toString()) as {
                instructions?: { step_type: string }[] | null
              }
              entry.detail = (steps.instructions ?? []).map(i => `step:${i.step_type}`)
            } catch {
              // not JSON
            }
          })
        }
        answer.pipe(res)
      }
    )
    forward.on('error', () => {
      entry.status = 0
      res.destroy()
    })
    req.on('data', (chunk: Buffer) => {
      if (READ_REQUEST.has(operationId)) chunks.push(chunk)
      forward.write(chunk)
    })
    req.on('end', () => {
      if (READ_REQUEST.has(operationId)) {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>
          if (operationId === 'v2RegisterHost' && typeof body.host_id === 'string')
            entry.hostId = body.host_id
          // an event is the controller's (cluster-wide), whatever host it is about
          if (operationId === 'v2TriggerEvent' && typeof body.cluster_id === 'string')
            entry.clusterId = body.cluster_id
          const what =
            body.step_type ?? body.current_stage ?? body.finalizing_stage ?? body.logs_state ?? body.name
          const status =
            body.status ?? (operationId === 'v2PostStepReply' ? `exit ${body.exit_code ?? 0}` : undefined)
          if (typeof what === 'string') entry.detail = [[what, status].filter(Boolean).join(' ')]
        } catch {
          // not JSON: counted without a host
        }
      }
      forward.end()
    })
    res.on('finish', () => {
      entry.t = Date.now()
      requests.push(entry)
    })
  })
  server.keepAliveTimeout = 120_000
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()))
  const port = (server.address() as AddressInfo).port
  return Object.assign(tap, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  })
}

export interface RequestMix {
  /** host id → operationId → count */
  hosts: Map<string, Record<string, number>>
  /** cluster id → operationId → count (calls without a host) */
  clusters: Map<string, Record<string, number>>
  /** The same keys → `operationId detail` → count: step types sent and replied, stages, file names, ... */
  details: Map<string, Record<string, number>>
}

/** Counts per host id and per cluster id (cluster-wide calls without a host). */
export function requestMix(requests: readonly TappedRequest[]): RequestMix {
  const hosts = new Map<string, Record<string, number>>()
  const clusters = new Map<string, Record<string, number>>()
  const details = new Map<string, Record<string, number>>()
  const add = (map: Map<string, Record<string, number>>, key: string, name: string): void => {
    let counts = map.get(key)
    if (!counts) map.set(key, (counts = {}))
    counts[name] = (counts[name] ?? 0) + 1
  }
  for (const r of requests) {
    const [map, key] = r.hostId ? [hosts, r.hostId] : r.clusterId ? [clusters, r.clusterId] : [clusters, '-']
    add(map, key, r.operationId)
    for (const d of r.detail ?? []) add(details, key, `${r.operationId} ${d}`)
  }
  return { hosts, clusters, details }
}
