/**
 * A small Kubernetes client on top of @kubernetes/client-node: the kubeconfig, authentication, request
 * machinery and watch stream are client-node's; this adds what load generation needs — one keep-alive
 * connection pool (client-node makes a new TLS agent per request), paths built from src/kube/kinds.ts
 * (no discovery round trips), raw status codes (201 created vs 200), and errors classified for retries.
 */
import https from 'node:https'
import {
  HttpMethod,
  KubeConfig,
  KubernetesObjectApi,
  ServerConfiguration,
  Watch,
  createConfiguration,
  type RequestContext,
  type ResponseContext,
  type SecurityAuthentication
} from '@kubernetes/client-node'
import { ConfigurationError, TargetUnreachableError } from '../util/errors.js'
import { collectionPath, objectPath, type KindInfo, kindInfo } from './kinds.js'
import { FIELD_MANAGER, describeObject, type KubeObject } from './objects.js'

export interface KubeClientOptions {
  /** Path to a kubeconfig; default: $KUBECONFIG, then ~/.kube/config, then in-cluster. */
  kubeconfig?: string
  context?: string
  /** Upper bound of parallel connections to the API server. */
  maxSockets?: number
  /** Per-request timeout (not for watches). */
  requestTimeoutMs?: number
  /** Field manager of applies and patches (default `assisted-swarm`; the simulator's kube-api mode has its own). */
  fieldManager?: string
}

/** An API server answer that is not 2xx, with the Status object's reason and message. */
export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    /** Seconds from a Retry-After header (429, 503). */
    readonly retryAfterSeconds?: number
  ) {
    super(message)
    this.name = 'KubeApiError'
  }
}

/** Failures worth another try: conflicts, throttling, server errors, and the connection itself. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof KubeApiError)
    return error.status === 409 || error.status === 429 || error.status >= 500
  if (error instanceof ConfigurationError) return false
  const code =
    (error as { code?: string; cause?: { code?: string } })?.code ??
    (error as { cause?: { code?: string } })?.cause?.code
  if (
    code &&
    /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EAI_AGAIN|ENOTFOUND|ECONNABORTED|UND_ERR_.*)$/.test(code)
  )
    return true
  const name = (error as { name?: string })?.name
  if (name === 'AbortError' || name === 'TimeoutError' || name === 'FetchError') return true
  const message = error instanceof Error ? error.message : ''
  return /socket hang up|ECONNREFUSED|ECONNRESET|network timeout|request to .* failed/i.test(message)
}

interface RawResponse {
  status: number
  body: unknown
  headers: Record<string, string>
}

/** client-node's generic object API, kept for its request pipeline; the response is returned raw. */
class RawObjectApi extends KubernetesObjectApi {
  async request(
    method: HttpMethod,
    path: string,
    options: {
      query?: Record<string, string>
      contentType?: string
      body?: unknown
      signal?: AbortSignal
    } = {}
  ): Promise<RawResponse> {
    const context = this.configuration.baseServer.makeRequestContext(path, method)
    context.setHeaderParam('Accept', 'application/json')
    for (const [name, value] of Object.entries(options.query ?? {})) context.setQueryParam(name, value)
    if (options.body !== undefined) {
      context.setHeaderParam('Content-Type', options.contentType ?? 'application/json')
      context.setBody(JSON.stringify(options.body))
    }
    if (options.signal) context.setSignal(options.signal)
    return (await this.requestPromise(context)) as unknown as RawResponse
  }

  protected override async processResponse<T>(response: ResponseContext): Promise<T> {
    const text = await response.body.text()
    let body: unknown = text
    if ((response.headers['content-type'] ?? '').includes('json') && text) {
      try {
        body = JSON.parse(text)
      } catch {
        body = text
      }
    }
    return { status: response.httpStatusCode, body, headers: response.headers } as T
  }
}

export interface ListOptions {
  namespace?: string
  labelSelector?: string
  fieldSelector?: string
  limit?: number
  continueToken?: string
  signal?: AbortSignal
}

export interface ObjectList {
  items: KubeObject[]
  resourceVersion: string
  continueToken?: string
}

export interface ApplyResult {
  object: KubeObject
  /** True when the server created the object (201), false when it already existed. */
  created: boolean
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR'

export class KubeClient {
  readonly kubeConfig: KubeConfig
  readonly server: string
  private readonly api: RawObjectApi
  private readonly requestTimeoutMs: number
  private readonly agent?: https.Agent
  private readonly fieldManager: string
  /** Requests sent (every verb, retries included) and watch streams opened: what benchmarks count. */
  readonly counters = { requests: 0, watches: 0 }

  private constructor(
    kubeConfig: KubeConfig,
    agent: https.Agent | undefined,
    requestTimeoutMs: number,
    fieldManager = FIELD_MANAGER
  ) {
    this.kubeConfig = kubeConfig
    this.fieldManager = fieldManager
    const cluster = kubeConfig.getCurrentCluster()
    if (!cluster) throw new ConfigurationError('kubeconfig: the current context names no cluster')
    this.server = cluster.server.replace(/\/+$/, '')
    this.agent = agent
    this.requestTimeoutMs = requestTimeoutMs
    const auth: SecurityAuthentication = {
      getName: () => 'kubeconfig',
      applySecurityAuthentication: async (context: RequestContext) => {
        await kubeConfig.applySecurityAuthentication(context)
        if (agent) context.setAgent(agent)
      }
    }
    this.api = new RawObjectApi(
      createConfiguration({
        baseServer: new ServerConfiguration(this.server, {}),
        authMethods: { default: auth }
      })
    )
  }

  /** Loads a kubeconfig (never printing credentials) and prepares one keep-alive connection pool. */
  static async create(options: KubeClientOptions = {}): Promise<KubeClient> {
    const kc = new KubeConfig()
    try {
      if (options.kubeconfig) kc.loadFromFile(options.kubeconfig)
      else kc.loadFromDefault()
    } catch (error) {
      throw new ConfigurationError(
        `kubeconfig: cannot load ${options.kubeconfig ?? '$KUBECONFIG / ~/.kube/config'}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`
      )
    }
    if (options.context) {
      if (!kc.getContextObject(options.context)) {
        throw new ConfigurationError(
          `kube context: ${JSON.stringify(options.context)} is not in the kubeconfig (has: ${kc
            .getContexts()
            .map(c => c.name)
            .join(', ')})`
        )
      }
      kc.setCurrentContext(options.context)
    }
    const cluster = kc.getCurrentCluster()
    if (!cluster) throw new ConfigurationError('kubeconfig: no current context with a cluster')
    let agent: https.Agent | undefined
    if (cluster.server.startsWith('https:') && !cluster.proxyUrl) {
      const tls: https.RequestOptions = {}
      await kc.applyToHTTPSOptions(tls)
      agent = new https.Agent({
        keepAlive: true,
        maxSockets: options.maxSockets ?? 32,
        ca: tls.ca,
        cert: tls.cert,
        key: tls.key,
        pfx: tls.pfx,
        passphrase: tls.passphrase,
        rejectUnauthorized: tls.rejectUnauthorized,
        servername: tls.servername
      })
    }
    return new KubeClient(kc, agent, options.requestTimeoutMs ?? 30_000, options.fieldManager)
  }

  /**
   * Checks the API server answers and accepts our credentials (GET /version, which every authenticated
   * identity may read), retrying connection failures for at most `timeoutMs`, so a wrong address fails
   * in seconds rather than after the minutes of retries an apply allows for a restart.
   */
  async probe(options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<string> {
    const deadline = Date.now() + (options.timeoutMs ?? 10_000)
    for (let delay = 200; ; delay = Math.min(delay * 2, 2000)) {
      try {
        const response = await this.call(
          HttpMethod.GET,
          '/version',
          { signal: options.signal },
          'GET /version'
        )
        return (response.body as { gitVersion?: string }).gitVersion ?? 'unknown'
      } catch (error) {
        if (options.signal?.aborted || !isRetryable(error) || Date.now() + delay > deadline)
          throw toUserError(error, this.server)
        await new Promise(r => setTimeout(r, delay))
      }
    }
  }

  /** Frees the connection pool. */
  close(): void {
    this.agent?.destroy()
  }

  private signal(signal?: AbortSignal): AbortSignal {
    const timeout = AbortSignal.timeout(this.requestTimeoutMs)
    return signal ? AbortSignal.any([signal, timeout]) : timeout
  }

  private async call(
    method: HttpMethod,
    path: string,
    options: Parameters<RawObjectApi['request']>[2],
    what: string
  ): Promise<RawResponse> {
    let response: RawResponse
    this.counters.requests++
    try {
      response = await this.api.request(method, path, { ...options, signal: this.signal(options?.signal) })
    } catch (error) {
      if (options?.signal?.aborted) throw options.signal.reason ?? error
      throw error
    }
    if (response.status >= 200 && response.status < 300) return response
    throw toApiError(response, what)
  }

  /** Server-side apply with the one field manager; `force` takes over fields another manager owns. */
  async apply(
    object: KubeObject,
    options: { force?: boolean; dryRun?: boolean; signal?: AbortSignal } = {}
  ): Promise<ApplyResult> {
    const info = infoOf(object)
    const query: Record<string, string> = { fieldManager: this.fieldManager, fieldValidation: 'Strict' }
    if (options.force ?? true) query.force = 'true'
    if (options.dryRun) query.dryRun = 'All'
    const response = await this.call(
      HttpMethod.PATCH,
      objectPath(info, object.metadata.name, object.metadata.namespace),
      { query, contentType: 'application/apply-patch+yaml', body: object, signal: options.signal },
      describeObject(object)
    )
    return { object: response.body as KubeObject, created: response.status === 201 }
  }

  /**
   * JSON merge patch of one object or of its `status` subresource (how an Agent is approved, and how a
   * controller, such as the simulator's kube-api mode, writes status).
   */
  async mergePatch(
    info: KindInfo,
    name: string,
    namespace: string | undefined,
    patch: Record<string, unknown>,
    options: { subresource?: 'status'; signal?: AbortSignal } = {}
  ): Promise<KubeObject> {
    const path = objectPath(info, name, namespace) + (options.subresource ? `/${options.subresource}` : '')
    const response = await this.call(
      HttpMethod.PATCH,
      path,
      {
        query: { fieldManager: this.fieldManager },
        contentType: 'application/merge-patch+json',
        body: patch,
        signal: options.signal
      },
      `${info.kind} ${namespace ? `${namespace}/` : ''}${name}`
    )
    return response.body as KubeObject
  }

  /** Creates an object (POST); undefined when one of that name exists already (409 AlreadyExists). */
  async create(object: KubeObject, options: { signal?: AbortSignal } = {}): Promise<KubeObject | undefined> {
    const info = infoOf(object)
    try {
      const response = await this.call(
        HttpMethod.POST,
        collectionPath(info, object.metadata.namespace),
        {
          query: { fieldManager: this.fieldManager, fieldValidation: 'Strict' },
          body: object,
          signal: options.signal
        },
        describeObject(object)
      )
      return response.body as KubeObject
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 409 && error.reason === 'AlreadyExists')
        return undefined
      throw error
    }
  }

  async get(
    info: KindInfo,
    name: string,
    namespace?: string,
    signal?: AbortSignal
  ): Promise<KubeObject | undefined> {
    try {
      const response = await this.call(
        HttpMethod.GET,
        objectPath(info, name, namespace),
        { signal },
        `${info.kind} ${namespace ? `${namespace}/` : ''}${name}`
      )
      return response.body as KubeObject
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 404) return undefined
      throw error
    }
  }

  /** One page of a list (all namespaces unless `namespace`). */
  async listPage(info: KindInfo, options: ListOptions = {}): Promise<ObjectList> {
    const query: Record<string, string> = {}
    if (options.labelSelector) query.labelSelector = options.labelSelector
    if (options.fieldSelector) query.fieldSelector = options.fieldSelector
    if (options.limit) query.limit = String(options.limit)
    if (options.continueToken) query.continue = options.continueToken
    const response = await this.call(
      HttpMethod.GET,
      collectionPath(info, options.namespace),
      { query, signal: options.signal },
      `list ${info.plural}`
    )
    const body = response.body as {
      items?: KubeObject[]
      metadata?: { resourceVersion?: string; continue?: string }
    }
    // List items carry no apiVersion/kind: fill them in so callers can describe them.
    const items = (body.items ?? []).map(item => ({ ...item, apiVersion: info.apiVersion, kind: info.kind }))
    return {
      items,
      resourceVersion: body.metadata?.resourceVersion ?? '',
      ...(body.metadata?.continue ? { continueToken: body.metadata.continue } : {})
    }
  }

  /** Every object matching, following continue tokens (pages of 500). */
  async list(info: KindInfo, options: Omit<ListOptions, 'continueToken'> = {}): Promise<ObjectList> {
    const items: KubeObject[] = []
    let continueToken: string | undefined
    let resourceVersion = ''
    do {
      const page = await this.listPage(info, {
        limit: 500,
        ...options,
        ...(continueToken ? { continueToken } : {})
      })
      items.push(...page.items)
      resourceVersion = page.resourceVersion
      continueToken = page.continueToken
    } while (continueToken)
    return { items, resourceVersion }
  }

  /** Deletes one object; false when it was already gone. */
  async delete(
    info: KindInfo,
    name: string,
    namespace?: string,
    options: { signal?: AbortSignal; propagationPolicy?: 'Background' | 'Foreground' | 'Orphan' } = {}
  ): Promise<boolean> {
    try {
      await this.call(
        HttpMethod.DELETE,
        objectPath(info, name, namespace),
        { query: { propagationPolicy: options.propagationPolicy ?? 'Background' }, signal: options.signal },
        `${info.kind} ${namespace ? `${namespace}/` : ''}${name}`
      )
      return true
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 404) return false
      throw error
    }
  }

  /**
   * Opens a watch stream (client-node's Watch). `onEvent` gets every event; `onDone` once when the stream
   * ends, with the error if any. Returns a function that stops it.
   */
  async watch(
    info: KindInfo,
    options: {
      namespace?: string
      labelSelector?: string
      resourceVersion?: string
      timeoutSeconds?: number
    },
    onEvent: (type: WatchEventType, object: KubeObject) => void,
    onDone: (error?: unknown) => void
  ): Promise<() => void> {
    this.counters.watches++
    const watch = new Watch(this.kubeConfig)
    const query: Record<string, string | number | boolean> = { allowWatchBookmarks: true }
    if (options.labelSelector) query.labelSelector = options.labelSelector
    if (options.resourceVersion) query.resourceVersion = options.resourceVersion
    if (options.timeoutSeconds) query.timeoutSeconds = options.timeoutSeconds
    const controller = await watch.watch(
      collectionPath(info, options.namespace),
      query,
      (type: string, object: unknown) => onEvent(type as WatchEventType, object as KubeObject),
      (error: unknown) => onDone(error ?? undefined)
    )
    return () => controller.abort()
  }
}

function infoOf(object: KubeObject): KindInfo {
  const info = kindInfo(object.apiVersion, object.kind)
  if (!info)
    throw new ConfigurationError(
      `${describeObject(object)}: ${object.apiVersion} ${object.kind} is not a kind assisted-swarm knows`
    )
  return info
}

function toApiError(response: RawResponse, what: string): KubeApiError {
  const status = response.body as { reason?: string; message?: string } | string | undefined
  const reason = typeof status === 'object' && status?.reason ? status.reason : `HTTP ${response.status}`
  const message =
    typeof status === 'object' && status?.message
      ? status.message
      : typeof status === 'string'
        ? status.slice(0, 300)
        : ''
  const retryAfter = Number(response.headers['retry-after'])
  return new KubeApiError(
    response.status,
    reason,
    `${what}: ${response.status} ${reason}${message ? `: ${message}` : ''}`,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined
  )
}

/** Maps errors that a user must fix (credentials, permissions, unreachable server) to the CLI's errors. */
export function toUserError(error: unknown, server: string): unknown {
  if (error instanceof KubeApiError) {
    if (error.status === 401)
      return new TargetUnreachableError(
        `${server}: the API server refused our credentials (401): ${error.message}`
      )
    if (error.status === 403)
      return new TargetUnreachableError(
        `${server}: forbidden (403), check the RBAC of this identity (manifests/rbac/): ${error.message}`
      )
    if (error.status === 422 || error.status === 400)
      return new ConfigurationError(`rejected by the API server: ${error.message}`)
    if (
      error.status === 404 &&
      /could not find the requested resource|the server could not find/i.test(error.message)
    ) {
      return new TargetUnreachableError(
        `${server}: a kind is not served (are the assisted-service CRDs installed?): ${error.message}`
      )
    }
    return error
  }
  if (isRetryable(error))
    return new TargetUnreachableError(
      `${server}: cannot reach the API server: ${error instanceof Error ? error.message : String(error)}`
    )
  return error
}
