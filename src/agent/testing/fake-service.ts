import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Host, MonitoredOperator, Steps } from '../../api/generated/models.js'
import { API_BASE, swaggerOperations } from '../../api/swagger.js'

/**
 * A scripted stand-in for assisted-service on 127.0.0.1, for unit tests that must provoke what the simulator
 * does not do on demand (401/403/404/409/410/5xx answers, exact next-step lists) or must observe every call.
 * It matches paths against the swagger operations, records each call with its operationId, and keeps only the
 * state the host side reads back: host stages, cluster status, monitored operators. It is not a simulator: no
 * validations, no state machine beyond "all hosts Done → finalizing → installed".
 */
export interface FakeCall {
  operation: string
  method: string
  path: string
  query: Record<string, string>
  headers: IncomingMessage['headers']
  body: Buffer
  json?: unknown
  at: number
}

export interface FakeAnswer {
  status: number
  json?: unknown
  body?: string | Buffer
  headers?: Record<string, string>
}

export interface FakeHost {
  id: string
  infraEnvId: string
  role: string
  bootstrap?: boolean
  hostname?: string
  stage?: string
  info?: string
  status?: string
}

interface Route {
  operation: string
  method: string
  regex: RegExp
  names: string[]
}

let routes: Route[] | undefined
function allRoutes(): Route[] {
  routes ??= [...swaggerOperations().values()].map(op => {
    const names: string[] = []
    const pattern = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
      names.push(name)
      return '([^/]+)'
    })
    return {
      operation: op.operationId,
      method: op.method.toUpperCase(),
      regex: new RegExp(`^${pattern}$`),
      names
    }
  })
  return routes
}

export const SERVICE_AGENT_IMAGE = 'quay.io/edge-infrastructure/assisted-installer-agent:latest'

export class FakeService {
  url = ''
  readonly calls: FakeCall[] = []
  readonly hosts = new Map<string, FakeHost>()
  clusterId = '9b6a1d8e-5c1e-4f5e-9a57-2a1a4c3b2d10'
  clusterStatus = 'installing'
  operators: MonitoredOperator[] = [{ name: 'console', operator_type: 'builtin' }]
  ingressCert: string | undefined
  /** Answers tried before the defaults; return undefined to fall through. */
  override: ((call: FakeCall) => FakeAnswer | Promise<FakeAnswer | undefined> | undefined) | undefined
  /** The next-steps answer (default: nothing to do, poll again in 60 s). */
  nextSteps: (call: FakeCall, hostId: string) => Steps = () => ({
    next_instruction_seconds: 60,
    post_step_action: 'continue',
    instructions: []
  })
  private server: Server | undefined

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res))
    await new Promise<void>(resolve => this.server!.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this
  }

  async close(): Promise<void> {
    if (!this.server) return
    this.server.closeAllConnections()
    await new Promise<void>(resolve => this.server!.close(() => resolve()))
  }

  callsOf(operation: string): FakeCall[] {
    return this.calls.filter(c => c.operation === operation)
  }

  /** Resolves once `predicate` holds (checked every 10 ms), or rejects after `timeoutMs`. */
  async waitFor(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
      await new Promise(r => setTimeout(r, 10))
    }
  }

  private hostView(h: FakeHost): Host {
    return {
      id: h.id,
      infra_env_id: h.infraEnvId,
      cluster_id: this.clusterId,
      role: h.role as Host['role'],
      bootstrap: Boolean(h.bootstrap),
      status: (h.status ?? 'installing-in-progress') as Host['status'],
      status_info: '',
      kind: 'Host',
      href: '',
      ...(h.hostname ? { requested_hostname: h.hostname } : {}),
      ...(h.stage ? { progress: { current_stage: h.stage as never, progress_info: h.info ?? '' } } : {})
    } as Host
  }

  private defaults(call: FakeCall, params: Record<string, string>): FakeAnswer {
    const body = call.json as Record<string, unknown> | undefined
    switch (call.operation) {
      case 'v2RegisterHost': {
        const hostId = String(body?.host_id)
        return {
          status: 201,
          json: {
            id: hostId,
            infra_env_id: params.infra_env_id,
            status: 'discovering',
            kind: 'Host',
            href: '',
            next_step_runner_command: {
              command: '',
              args: [
                JSON.stringify({
                  infra_env_id: params.infra_env_id,
                  host_id: hostId,
                  agent_version: SERVICE_AGENT_IMAGE
                })
              ]
            }
          }
        }
      }
      case 'v2GetNextSteps':
        return { status: 200, json: this.nextSteps(call, params.host_id!) }
      case 'v2PostStepReply':
      case 'v2UpdateHostLogsProgress':
      case 'v2UpdateClusterLogsProgress':
      case 'V2UploadLogs':
        return { status: 204 }
      case 'v2UpdateHostInstallProgress': {
        const host = this.hosts.get(params.host_id!)
        const stage = String(body?.current_stage)
        if (host) {
          host.stage = stage
          host.info = String(body?.progress_info ?? '')
          if (stage === 'Done') host.status = 'installed'
          if (stage === 'Failed') host.status = 'error'
          if (
            [...this.hosts.values()].every(h => h.status === 'installed') &&
            this.clusterStatus === 'installing'
          ) {
            this.clusterStatus = 'finalizing'
          }
        }
        return { status: 200, json: {} }
      }
      case 'V2DownloadClusterFiles':
      case 'v2DownloadHostIgnition':
      case 'V2DownloadClusterCredentials':
        if (call.headers.accept !== 'application/octet-stream')
          return { status: 400, json: { reason: 'expected octet-stream' } }
        return {
          status: 200,
          body: '{"ignition":{"version":"3.2.0"}}',
          headers: { 'content-type': 'application/octet-stream' }
        }
      case 'v2GetCluster':
        return {
          status: 200,
          json: {
            id: this.clusterId,
            status: this.clusterStatus,
            kind: 'Cluster',
            href: '',
            ...(call.query['exclude-hosts'] === 'true'
              ? {}
              : { hosts: [...this.hosts.values()].map(h => this.hostView(h)) })
          }
        }
      case 'ListClusterHosts':
        return {
          status: 200,
          json: [...this.hosts.values()]
            .filter(h => !call.query.role || h.role === call.query.role)
            .map(h => this.hostView(h))
        }
      case 'V2ListOfClusterOperators':
        return { status: 200, json: this.operators }
      case 'v2ReportMonitoredOperatorStatus': {
        const op = this.operators.find(o => o.name === body?.name)
        if (op) op.status = body?.status as MonitoredOperator['status']
        this.maybeInstalled()
        return { status: 200, json: {} }
      }
      case 'v2UpdateClusterFinalizingProgress':
        return { status: 200, json: {} }
      case 'v2UploadClusterIngressCert':
        this.ingressCert = call.json as string
        this.maybeInstalled()
        return { status: 201, json: {} }
      case 'v2CompleteInstallation':
        return { status: 202, json: {} }
      default:
        return { status: 404, json: { reason: `fake service: no route for ${call.operation}` } }
    }
  }

  private maybeInstalled(): void {
    if (
      this.clusterStatus === 'finalizing' &&
      this.ingressCert &&
      this.operators.every(o => o.status === 'available')
    ) {
      this.clusterStatus = 'installed'
    }
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = []
    req.on('data', c => chunks.push(c as Buffer))
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x')
      const path = url.pathname.startsWith(API_BASE) ? url.pathname.slice(API_BASE.length) : url.pathname
      let operation = 'unknown'
      const params: Record<string, string> = {}
      for (const route of allRoutes()) {
        if (route.method !== req.method) continue
        const m = route.regex.exec(path)
        if (!m) continue
        operation = route.operation
        route.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1]!)))
        break
      }
      const body = Buffer.concat(chunks)
      let json: unknown
      if ((req.headers['content-type'] ?? '').startsWith('application/json') && body.length) {
        try {
          json = JSON.parse(body.toString())
        } catch {
          json = undefined
        }
      }
      const call: FakeCall = {
        operation,
        method: req.method!,
        path,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
        ...(json !== undefined ? { json } : {}),
        at: Date.now()
      }
      this.calls.push(call)
      void Promise.resolve(this.override?.(call)).then(answer =>
        this.respond(res, answer ?? this.defaults(call, params))
      )
    })
  }

  private respond(res: ServerResponse, answer: FakeAnswer): void {
    {
      const headers: Record<string, string> = { ...answer.headers }
      let payload: string | Buffer = ''
      if (answer.json !== undefined) {
        payload = JSON.stringify(answer.json)
        headers['content-type'] ??= 'application/json'
      } else if (answer.body !== undefined) {
        payload = answer.body
      }
      res.writeHead(answer.status, headers)
      res.end(payload)
    }
  }
}
