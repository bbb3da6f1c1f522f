import type { Cluster, Host } from '../../src/api/generated/models.js'
import { createTransport, type Transport } from '../../src/api/transport.js'
import { createNativeDriver, type NativeDriver, type NativeDriverOptions } from '../../src/drivers/native.js'
import { expandPlan } from '../../src/plan/expand.js'
import type { Plan, PlanCluster, TestPlan } from '../../src/plan/types.js'
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/sim/index.js'
import { MemoryRecorder } from '../../src/timeline/recorder.js'
import { silentLogger } from '../../src/util/logging.js'

/**
 * End-to-end harness: the embedded simulator on 127.0.0.1 (fast profile), clusters and infra-envs created over its
 * REST API as a user would, and native hosts launched into them. Nothing is mocked.
 */
export const AGENT_IMAGE = 'quay.io/edge-infrastructure/assisted-installer-agent:latest'
const PULL_SECRET = JSON.stringify({
  auths: { 'cloud.openshift.com': { auth: Buffer.from('swarm:swarm').toString('base64') } }
})

export interface E2E {
  sim: RunningSimulator
  api: Transport
  plan: Plan
  recorder: MemoryRecorder
  driver: NativeDriver
  abort: AbortController
  close(): Promise<void>
}

export function e2ePlan(clusters: TestPlan['clusters'], timing: TestPlan['timing'] = {}): Plan {
  return expandPlan(
    {
      name: 'e2e',
      openshift_version: '4.18',
      clusters,
      timing: {
        default_stage: '100ms',
        stages: { 'Writing image to disk': '200ms' },
        controller_ready: '200ms',
        node_ready: '300ms',
        operators_available: '300ms',
        controller_poll: '250ms',
        jitter: 0.2,
        ...timing
      },
      seed: 11
    } as TestPlan,
    { runId: `e2e-${Math.random().toString(36).slice(2, 8)}` }
  )
}

export async function startE2E(
  plan: Plan,
  options: { sim?: SimulatorOptions; driver?: NativeDriverOptions } = {}
): Promise<E2E> {
  const sim = await startSimulator({ port: 0, profile: 'fast', ...options.sim })
  const api = createTransport({ baseUrl: sim.url, maxConcurrentRequests: 16 })
  const recorder = new MemoryRecorder()
  const abort = new AbortController()
  const driver = createNativeDriver(
    { plan, recorder, logger: silentLogger, signal: abort.signal, runDir: '/tmp' },
    options.driver
  )
  return {
    sim,
    api,
    plan,
    recorder,
    driver,
    abort,
    async close() {
      await driver.stop()
      await api.close()
      await sim.close()
    }
  }
}

async function ok<T>(api: Transport, what: string, request: Parameters<Transport['request']>[0]): Promise<T> {
  const res = await api.request(request)
  if (res.status < 200 || res.status >= 300) throw new Error(`${what}: ${res.status} ${res.text()}`)
  return (res.body.length ? res.json<T>() : undefined) as T
}

export interface Created {
  cluster: PlanCluster
  clusterId: string
  infraEnvId: string
}

/** REST: the cluster (with VIPs and machine network for cluster-managed networking) and its infra-env. */
export async function createCluster(e2e: E2E, cluster: PlanCluster): Promise<Created> {
  const created = await ok<Cluster>(e2e.api, 'v2RegisterCluster', {
    endpoint: 'v2RegisterCluster',
    json: {
      name: cluster.name,
      openshift_version: e2e.plan.openshiftVersion,
      pull_secret: PULL_SECRET,
      base_dns_domain: e2e.plan.baseDomain,
      control_plane_count: cluster.singleNode ? 1 : cluster.masters,
      ...(cluster.singleNode ? { high_availability_mode: 'None' } : {}),
      user_managed_networking: cluster.userManagedNetworking,
      ...(cluster.apiVip
        ? {
            api_vips: [{ ip: cluster.apiVip }],
            ingress_vips: [{ ip: cluster.ingressVip }],
            machine_networks: [{ cidr: cluster.machineCidr }]
          }
        : {})
    }
  })
  const infraEnv = await ok<{ id: string }>(e2e.api, 'RegisterInfraEnv', {
    endpoint: 'RegisterInfraEnv',
    json: {
      name: cluster.infraEnvName,
      pull_secret: PULL_SECRET,
      cluster_id: created.id,
      openshift_version: e2e.plan.openshiftVersion,
      cpu_architecture: e2e.plan.cpuArchitecture,
      image_type: 'minimal-iso'
    }
  })
  return { cluster, clusterId: created.id!, infraEnvId: infraEnv.id }
}

export async function launchHosts(e2e: E2E, created: Created): Promise<void> {
  for (const host of created.cluster.hosts) {
    await e2e.driver.launch({
      host,
      cluster: created.cluster,
      agent: {
        serviceUrl: e2e.sim.url,
        infraEnvId: created.infraEnvId,
        insecure: false,
        agentVersion: AGENT_IMAGE
      }
    })
  }
}

export async function getCluster(e2e: E2E, clusterId: string): Promise<Cluster> {
  return ok<Cluster>(e2e.api, 'v2GetCluster', { endpoint: 'v2GetCluster', params: { cluster_id: clusterId } })
}

export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await probe()
      if (value !== undefined) return value
    } catch (error) {
      last = error
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`)
    await new Promise(r => setTimeout(r, 250))
  }
}

/** Roles as the plan says (auto-assign does not follow registration order), once every host registered. */
export async function setRoles(e2e: E2E, created: Created): Promise<void> {
  if (created.cluster.singleNode) return
  for (const host of created.cluster.hosts) {
    await ok(e2e.api, 'v2UpdateHost', {
      endpoint: 'v2UpdateHost',
      params: { infra_env_id: created.infraEnvId, host_id: host.id },
      json: { host_role: host.role }
    })
  }
}

/** Registers, waits for `ready`, installs, waits for `installed` (or throws with the cluster's state). */
export async function installCluster(e2e: E2E, created: Created, timeoutMs = 90_000): Promise<Cluster> {
  await waitFor('hosts registered', timeoutMs, async () => {
    const c = await getCluster(e2e, created.clusterId)
    return (c.hosts ?? []).length === created.cluster.hosts.length ? c : undefined
  })
  await setRoles(e2e, created)
  await waitFor(`${created.cluster.name} ready`, timeoutMs, async () =>
    describeUnless(await getCluster(e2e, created.clusterId), 'ready')
  )
  await ok(e2e.api, 'v2InstallCluster', {
    endpoint: 'v2InstallCluster',
    params: { cluster_id: created.clusterId }
  })
  return waitFor(`${created.cluster.name} installed`, timeoutMs, async () => {
    const c = await getCluster(e2e, created.clusterId)
    if (c.status === 'error') throw new Error(`cluster error: ${c.status_info}`)
    return describeUnless(c, 'installed')
  })
}

let lastState = ''
function describeUnless(cluster: Cluster, status: string): Cluster | undefined {
  if (cluster.status === status) return cluster
  lastState = `${cluster.status} (${cluster.status_info}); ${(cluster.hosts ?? []).map(h => `${h.requested_hostname}:${h.status}:${h.progress?.current_stage ?? ''}`).join(', ')}`
  throw new Error(lastState)
}

export function hostValidations(host: Host): Record<string, string> {
  const info = JSON.parse(host.validations_info ?? '{}') as Record<string, { id: string; status: string }[]>
  return Object.fromEntries(Object.values(info).flatMap(list => list.map(v => [v.id, v.status])))
}
