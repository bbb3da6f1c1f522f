import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expectStatus, PULL_SECRET, type Api } from './api.js'
import { FakeHost, type FakeHostSpec } from './fake-host.js'

const here = dirname(fileURLToPath(import.meta.url))

/** A self-signed certificate made for these tests (the ingress CA the controller uploads). */
export const INGRESS_CA = readFileSync(join(here, '..', 'fixtures', 'ingress-ca.pem'), 'utf8')

/** Deterministic UUID-shaped ids for tests. */
export function testId(n: number, prefix = 'a0000000'): string {
  return `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`
}

export interface ClusterSetup {
  clusterId: string
  infraEnvId: string
  hosts: FakeHost[]
}

export interface ClusterSpec {
  name: string
  masters: number
  workers: number
  /** The /24 the hosts live in, e.g. `10.0.1`. */
  net?: string
  version?: string
  baseDomain?: string
  hostSpec?: Partial<FakeHostSpec>
  apiVip?: string
  ingressVip?: string
  /** The hosts' clock (ms); defaults to the real one. */
  clock?: () => number
}

export async function createCluster(api: Api, spec: ClusterSpec, idBase = 0): Promise<ClusterSetup> {
  const net = spec.net ?? '10.0.1'
  const single = spec.masters === 1 && spec.workers === 0
  const cluster = expectStatus(
    await api.call('POST', '/v2/clusters', {
      body: {
        name: spec.name,
        openshift_version: spec.version ?? '4.18',
        pull_secret: PULL_SECRET,
        base_dns_domain: spec.baseDomain ?? 'example.com',
        control_plane_count: single ? 1 : spec.masters,
        ...(single ? { high_availability_mode: 'None' } : {}),
        ...(!single
          ? {
              api_vips: [{ ip: spec.apiVip ?? `${net}.250` }],
              ingress_vips: [{ ip: spec.ingressVip ?? `${net}.251` }]
            }
          : {}),
        ...(!single ? { machine_networks: [{ cidr: `${net}.0/24` }] } : {})
      }
    }),
    201,
    'register cluster'
  ).body
  const infraEnv = expectStatus(
    await api.call('POST', '/v2/infra-envs', {
      body: {
        name: `${spec.name}-ie`,
        pull_secret: PULL_SECRET,
        cluster_id: cluster.id,
        openshift_version: spec.version ?? '4.18',
        cpu_architecture: 'x86_64',
        image_type: 'full-iso'
      }
    }),
    201,
    'register infra-env'
  ).body
  const hosts: FakeHost[] = []
  for (let i = 0; i < spec.masters + spec.workers; i++) {
    hosts.push(
      new FakeHost(api, infraEnv.id, {
        id: testId(idBase + i + 1),
        hostname: `${spec.name}-${i < spec.masters ? 'master' : 'worker'}-${i}`,
        ip: `${net}.${10 + i}`,
        mac: `52:54:00:00:${(idBase >> 8).toString(16).padStart(2, '0')}:${((idBase + i) & 0xff).toString(16).padStart(2, '0')}`,
        ...(spec.hostSpec ?? {})
      })
    )
    if (spec.clock) hosts[hosts.length - 1]!.clock = spec.clock
  }
  return { clusterId: cluster.id, infraEnvId: infraEnv.id, hosts }
}

/** Polls every host (answering steps), runs a monitor round, until `done` or `rounds` run out. */
export async function drive(
  hosts: FakeHost[],
  monitors: () => Promise<unknown>,
  done: () => Promise<boolean>,
  rounds = 40
): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    for (const host of hosts) await host.poll()
    await monitors()
    if (await done()) return
  }
  const states = await Promise.all(
    hosts.map(async h => {
      const view = await h.get()
      const failing = Object.values(
        JSON.parse(view.validations_info || '{}') as Record<string, { id: string; status: string }[]>
      )
        .flat()
        .filter(v => v.status !== 'success')
        .map(v => `${v.id}=${v.status}`)
      return `${h.spec.hostname}: ${view.status} (${String(view.status_info)}) [${failing.join(', ')}]`
    })
  )
  throw new Error(`condition not reached after ${rounds} rounds:\n${states.join('\n')}`)
}

export async function clusterStatus(api: Api, clusterId: string): Promise<string> {
  return expectStatus(
    await api.call('GET', `/v2/clusters/${clusterId}?exclude-hosts=true`),
    200,
    'get cluster'
  ).body.status
}

export async function hostStatuses(hosts: FakeHost[]): Promise<string[]> {
  return Promise.all(hosts.map(async h => (await h.get()).status))
}

/** The controller's finalizing sequence (agent-protocol §4.5). */
export async function finalize(api: Api, clusterId: string, operators = ['console']): Promise<void> {
  expectStatus(
    await api.call('PUT', `/v2/clusters/${clusterId}/progress`, {
      body: { finalizing_stage: 'Waiting for cluster operators' }
    }),
    200,
    'finalizing progress'
  )
  const listed = expectStatus(
    await api.call('GET', `/v2/clusters/${clusterId}/monitored-operators`),
    200,
    'list operators'
  ).body as { name: string }[]
  for (const name of operators) {
    if (!listed.some(o => o.name === name)) throw new Error(`operator ${name} not listed`)
    expectStatus(
      await api.call('PUT', `/v2/clusters/${clusterId}/monitored-operators`, {
        body: { name, status: 'available', status_info: 'All is well', version: '4.18.25' }
      }),
      200,
      `report ${name}`
    )
  }
  expectStatus(
    await api.call('PUT', `/v2/clusters/${clusterId}/progress`, {
      body: { finalizing_stage: 'Adding router ca' }
    }),
    200,
    'finalizing progress'
  )
  expectStatus(
    await api.call('POST', `/v2/clusters/${clusterId}/uploads/ingress-cert`, { body: INGRESS_CA }),
    201,
    'ingress cert'
  )
  expectStatus(
    await api.call('PUT', `/v2/clusters/${clusterId}/progress`, { body: { finalizing_stage: 'Done' } }),
    200,
    'finalizing progress'
  )
  expectStatus(
    await api.call('POST', `/v2/clusters/${clusterId}/actions/complete-installation`, {
      body: { is_success: true, error_info: '' }
    }),
    202,
    'complete installation'
  )
}
