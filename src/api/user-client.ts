import type {
  Cluster,
  ClusterCreateParams,
  Host,
  InfraEnv,
  InfraEnvCreateParams,
  V2ClusterUpdateParams
} from './generated/models.js'
import type { Transport, TransportRequest, TransportResponse } from './transport.js'
import { ConfigurationError, SwarmError, TargetUnreachableError } from '../util/errors.js'
import { ExitCode } from '../util/exit-codes.js'

/** An answer of the service that was not what the call needed; carries the service's own reason. */
export class ServiceError extends SwarmError {
  constructor(
    readonly endpoint: string,
    readonly status: number,
    readonly reason: string
  ) {
    super(`${endpoint}: the service answered ${status}: ${reason}`, ExitCode.TargetUnreachable)
  }
}

/**
 * The user-facing calls a load test needs (creating clusters and infra-envs, watching hosts, starting the
 * installation), over the same transport as the hosts so their latency is recorded too. Every failure says
 * which call failed and what the service answered; secrets (pull secret, token) never appear in messages.
 */
export class UserApi {
  constructor(
    private readonly transport: Transport,
    private readonly options: { serviceUrl: string; token?: string } = { serviceUrl: '' }
  ) {}

  private async call(request: TransportRequest, expected: number[]): Promise<TransportResponse> {
    const headers = { ...(request.headers ?? {}) }
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`
    const response = await this.transport.request({ ...request, headers })
    if (expected.includes(response.status)) return response
    if (response.status === 0) {
      throw new TargetUnreachableError(
        `cannot reach assisted-service at ${this.options.serviceUrl} (${request.endpoint}): ${response.error?.message ?? 'no answer'}`
      )
    }
    const reason = serviceReason(response)
    if (response.status === 401 || response.status === 403) {
      throw new TargetUnreachableError(
        `assisted-service at ${this.options.serviceUrl} refused ${request.endpoint} (${response.status}: ${reason}); check the service token`
      )
    }
    throw new ServiceError(request.endpoint, response.status, reason)
  }

  async registerCluster(params: ClusterCreateParams): Promise<Cluster> {
    return (await this.call({ endpoint: 'v2RegisterCluster', json: params }, [201])).json<Cluster>()
  }

  async listClusters(): Promise<Cluster[]> {
    return (await this.call({ endpoint: 'v2ListClusters' }, [200])).json<Cluster[]>()
  }

  async getCluster(clusterId: string, options: { excludeHosts?: boolean } = {}): Promise<Cluster> {
    const query = options.excludeHosts ? { 'exclude-hosts': true } : undefined
    return (
      await this.call(
        { endpoint: 'v2GetCluster', params: { cluster_id: clusterId }, ...(query ? { query } : {}) },
        [200]
      )
    ).json<Cluster>()
  }

  async updateCluster(clusterId: string, params: V2ClusterUpdateParams): Promise<Cluster> {
    return (
      await this.call({ endpoint: 'V2UpdateCluster', params: { cluster_id: clusterId }, json: params }, [201])
    ).json<Cluster>()
  }

  async installCluster(clusterId: string): Promise<Cluster> {
    return (
      await this.call({ endpoint: 'v2InstallCluster', params: { cluster_id: clusterId } }, [202])
    ).json<Cluster>()
  }

  async deleteCluster(clusterId: string): Promise<void> {
    await this.call({ endpoint: 'v2DeregisterCluster', params: { cluster_id: clusterId } }, [204, 404])
  }

  async registerInfraEnv(params: InfraEnvCreateParams): Promise<InfraEnv> {
    return (await this.call({ endpoint: 'RegisterInfraEnv', json: params }, [201])).json<InfraEnv>()
  }

  async listInfraEnvs(): Promise<InfraEnv[]> {
    return (await this.call({ endpoint: 'ListInfraEnvs' }, [200])).json<InfraEnv[]>()
  }

  async getInfraEnv(infraEnvId: string): Promise<InfraEnv> {
    return (
      await this.call({ endpoint: 'GetInfraEnv', params: { infra_env_id: infraEnvId } }, [200])
    ).json<InfraEnv>()
  }

  async deleteInfraEnv(infraEnvId: string): Promise<void> {
    await this.call({ endpoint: 'DeregisterInfraEnv', params: { infra_env_id: infraEnvId } }, [204, 404])
  }

  async listHosts(infraEnvId: string): Promise<Host[]> {
    return (await this.call({ endpoint: 'v2ListHosts', params: { infra_env_id: infraEnvId } }, [200])).json<
      Host[]
    >()
  }

  async setHostRole(
    infraEnvId: string,
    hostId: string,
    role: 'master' | 'worker' | 'auto-assign'
  ): Promise<Host> {
    return (
      await this.call(
        {
          endpoint: 'v2UpdateHost',
          params: { infra_env_id: infraEnvId, host_id: hostId },
          json: { host_role: role }
        },
        [201]
      )
    ).json<Host>()
  }

  async bindHost(infraEnvId: string, hostId: string, clusterId: string): Promise<Host> {
    return (
      await this.call(
        {
          endpoint: 'BindHost',
          params: { infra_env_id: infraEnvId, host_id: hostId },
          json: { cluster_id: clusterId }
        },
        [200]
      )
    ).json<Host>()
  }

  /** The infra-env's discovery ignition (JSON text): it carries the agent's configuration. */
  async discoveryIgnition(infraEnvId: string): Promise<string> {
    return (
      await this.call(
        {
          endpoint: 'v2DownloadInfraEnvFiles',
          params: { infra_env_id: infraEnvId },
          query: { file_name: 'discovery.ign' },
          accept: 'application/octet-stream'
        },
        [200]
      )
    ).text()
  }

  /** Fails fast with a clear message when the service cannot be reached (exit code 3). */
  async ping(): Promise<void> {
    await this.call({ endpoint: 'v2ListSupportedOpenshiftVersions' }, [200])
  }
}

function serviceReason(response: TransportResponse): string {
  try {
    const body = response.json<{ reason?: string; message?: string }>()
    return body.reason ?? body.message ?? response.text().slice(0, 200)
  } catch {
    return response.text().slice(0, 200) || '(empty body)'
  }
}

/**
 * Checks a pull secret the way the service does before sending it: JSON with an `auths` map whose `auth`
 * values decode to `user:password`. The message names where the secret came from, never its content.
 */
export function checkPullSecret(secret: string, source: string): void {
  let parsed: unknown
  try {
    parsed = JSON.parse(secret)
  } catch {
    throw new ConfigurationError(
      `${source}: the pull secret is not valid JSON (expected {"auths": {"<registry>": {"auth": "<base64 user:password>"}}})`
    )
  }
  const auths = (parsed as { auths?: unknown })?.auths
  if (!auths || typeof auths !== 'object' || Array.isArray(auths) || !Object.keys(auths).length) {
    throw new ConfigurationError(`${source}: the pull secret has no "auths" map of registries`)
  }
  for (const [registry, entry] of Object.entries(auths as Record<string, { auth?: unknown }>)) {
    const auth = entry?.auth
    if (typeof auth !== 'string' || !Buffer.from(auth, 'base64').toString('utf8').includes(':')) {
      throw new ConfigurationError(
        `${source}: the pull secret's entry for ${JSON.stringify(registry)} has no "auth" that decodes to user:password (the service rejects it)`
      )
    }
  }
}
