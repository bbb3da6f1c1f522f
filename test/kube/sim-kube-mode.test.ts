/**
 * The simulator's kube-api mode against a real API server, object by object: InfraEnv and ACI status, Agents
 * created for hosts that register over REST (labels, owner, approval, binding), the Agent spec reaching the
 * host, input errors in SpecSynced, deletions, and `assisted-swarm sim --kubeconfig` as a process. Hosts are
 * registered with plain HTTP calls (no agent), which is all these checks need.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { KubeClient } from '../../src/kube/client.js'
import { deployCrs } from '../../src/kube/deploy-crs.js'
import { KINDS } from '../../src/kube/kinds.js'
import { INFRAENV_LABEL, RUN_ID_LABEL, type KubeObject } from '../../src/kube/objects.js'
import { parseDiscoveryIgnition, startSimulator, type RunningSimulator } from '../../src/sim/index.js'
import { loadPlan } from '../../src/stages/plan-input.js'
import { silentLogger } from '../../src/util/logging.js'
import { kubeEnvSkipReason, startKubeEnv, type KubeEnv } from '../helpers/kube-env.js'

const skip = await kubeEnvSkipReason()
if (skip) console.warn(`skipping real API server tests: ${skip}`)
const describeKube = skip ? describe.skip : describe

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const work = mkdtempSync(join(tmpdir(), 'sim-kube-mode-'))
const SUFFIX = Date.now().toString(36).slice(-5)
const OCTET = { headers: { accept: 'application/octet-stream' } }
const PULL_SECRET = JSON.stringify({
  auths: { 'registry.invalid': { auth: Buffer.from('a:b').toString('base64') } }
})

interface Cond {
  type: string
  status: string
  reason: string
}

function condition(object: KubeObject | undefined, type: string): Cond | undefined {
  return ((object?.status as { conditions?: Cond[] } | undefined)?.conditions ?? []).find(
    c => c.type === type
  )
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe().catch(() => undefined)
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs} ms`)
    await new Promise(r => setTimeout(r, 100))
  }
}

function planFile(name: string, group: string, kubeconfig: string): string {
  const path = join(work, `${name}.yaml`)
  writeFileSync(
    path,
    `name: ${name}\ntarget: { kind: kube-api, kubeconfig: ${kubeconfig} }\nopenshift_version: '4.18'\nclusters:\n${group}\n`
  )
  return path
}

describeKube('simulator kube-api mode on a real API server', () => {
  let env: KubeEnv
  let client: KubeClient
  let sim: RunningSimulator

  beforeAll(async () => {
    env = await startKubeEnv({ controllers: false })
    client = await KubeClient.create({ kubeconfig: env.kubeconfigPath })
    sim = await startSimulator({
      port: 0,
      profile: 'fast',
      kubeconfig: env.kubeconfigPath,
      logger: silentLogger
    })
  }, 180_000)

  afterAll(async () => {
    await sim?.close()
    client?.close()
    await env?.stop()
    rmSync(work, { recursive: true, force: true })
  }, 60_000)

  async function deploy(runId: string, group: string, autoApprove = false) {
    const plan = loadPlan({
      planPath: planFile(runId, group, env.kubeconfigPath),
      runId,
      shard: { index: 0, count: 1 }
    })
    const result = await deployCrs({
      plan,
      client,
      pullSecret: PULL_SECRET,
      logger: silentLogger,
      autoApprove,
      wait: 'always',
      waitTimeoutMs: 30_000
    })
    const cluster = plan.clusters[0]!
    return { plan, cluster, namespace: `${runId}-${cluster.name}`, image: result.wait!.ready[0]! }
  }

  async function register(
    ignitionUrl: string,
    hostId: string
  ): Promise<{ status: number; body: { status?: string } }> {
    const config = parseDiscoveryIgnition(await (await fetch(ignitionUrl, OCTET)).text())
    const response = await fetch(
      `${config.serviceUrl}/api/assisted-install/v2/infra-envs/${config.infraEnvId}/hosts`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-secret-key': config.pullSecretToken ?? '' },
        body: JSON.stringify({ host_id: hostId, discovery_agent_version: sim.sim.opts.agentImage })
      }
    )
    return { status: response.status, body: (await response.json()) as { status?: string } }
  }

  it('writes InfraEnv and ACI status; agents need the ignition token and user routes are closed', async () => {
    const { image, namespace, cluster } = await deploy(
      `simk-a-${SUFFIX}`,
      '  - amount: 1\n    single_node: true'
    )
    expect(image.infraEnvId).toMatch(/^[0-9a-f-]{36}$/)
    expect(sim.sim.store.infraEnvs.has(image.infraEnvId!)).toBe(true)
    const ie = await client.get(KINDS.InfraEnv, cluster.infraEnvName, namespace)
    expect(condition(ie, 'ImageCreated')).toMatchObject({ status: 'True', reason: 'ImageCreated' })
    const status = ie!.status as { isoDownloadURL: string; bootArtifacts: { discoveryIgnitionURL: string } }
    expect(status.isoDownloadURL).toContain(`/images/${image.infraEnvId}`)
    const ignition = parseDiscoveryIgnition(
      await (await fetch(status.bootArtifacts.discoveryIgnitionURL, OCTET)).text()
    )
    expect(ignition).toMatchObject({ serviceUrl: sim.url, infraEnvId: image.infraEnvId })
    expect(ignition.pullSecretToken).toBe(sim.sim.opts.agentKey)
    // Without the token the ignition is refused; user routes are closed (AUTH_TYPE=local, §10 point 8).
    expect(
      (await fetch(status.bootArtifacts.discoveryIgnitionURL.replace(/api_key=[^&]+&/, ''), OCTET)).status
    ).toBe(401)
    expect((await fetch(`${sim.url}/api/assisted-install/v2/clusters`)).status).toBe(401)

    const aci = await until('ACI status', async () => {
      const object = await client.get(KINDS.AgentClusterInstall, cluster.name, namespace)
      return condition(object, 'SpecSynced') ? object : undefined
    })
    expect(condition(aci, 'SpecSynced')).toMatchObject({ status: 'True', reason: 'SyncOK' })
    expect(condition(aci, 'RequirementsMet')).toMatchObject({ status: 'False', reason: 'ClusterNotReady' })
    expect(condition(aci, 'Completed')).toMatchObject({ status: 'False', reason: 'InstallationNotStarted' })
    const clusterId = /cluster_id=([0-9a-f-]{36})/.exec(
      (aci!.status as { debugInfo: { eventsURL: string } }).debugInfo.eventsURL
    )?.[1]
    expect(sim.sim.store.clusters.get(clusterId!)?.name).toBe(cluster.name)
  }, 60_000)

  it('creates an Agent per registered host; its spec reaches the host; deleting CRs removes records', async () => {
    const bound = await deploy(`simk-b-${SUFFIX}`, '  - amount: 1\n    single_node: true')
    const hostId = bound.cluster.hosts[0]!.id
    const ie = await client.get(KINDS.InfraEnv, bound.cluster.infraEnvName, bound.namespace)
    const url = (ie!.status as { bootArtifacts: { discoveryIgnitionURL: string } }).bootArtifacts
      .discoveryIgnitionURL
    expect((await register(url, hostId)).status).toBe(201)
    const agent = await until('Agent status', async () => {
      const object = await client.get(KINDS.Agent, hostId, bound.namespace)
      return condition(object, 'Bound') ? object : undefined
    })
    expect(agent.metadata.labels).toMatchObject({
      [INFRAENV_LABEL]: bound.cluster.infraEnvName,
      [RUN_ID_LABEL]: bound.plan.runId
    })
    expect(agent.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'InfraEnv', name: bound.cluster.infraEnvName, uid: ie!.metadata.uid })
    ])
    expect(agent.spec).toMatchObject({
      approved: false,
      clusterDeploymentName: { name: bound.cluster.name, namespace: bound.namespace }
    })
    expect((agent.status as { debugInfo: { state: string } }).debugInfo.state).toBe('discovering')
    expect(condition(agent, 'Bound')).toMatchObject({ status: 'True', reason: 'Bound' })
    expect(condition(agent, 'Installed')).toMatchObject({ status: 'False', reason: 'InstallationNotStarted' })

    // spec.hostname and spec.role reach the host (§10 point 2).
    await client.mergePatch(KINDS.Agent, hostId, bound.namespace, {
      spec: { hostname: 'renamed-0', role: 'master' }
    })
    const host = sim.sim.store.host(bound.image.infraEnvId!, hostId)!
    await until('hostname on the host', async () => host.requestedHostname === 'renamed-0' || undefined)
    expect(host.role).toBe('master')

    // autoApprove on an unbound InfraEnv: the Agent is approved, unbound.
    const late = await deploy(
      `simk-c-${SUFFIX}`,
      '  - amount: 1\n    single_node: true\n    late_binding: true',
      true
    )
    const lateHost = late.cluster.hosts[0]!.id
    expect((await register(late.image.discoveryIgnitionURL!, lateHost)).status).toBe(201)
    const lateAgent = await until('approved Agent', async () => {
      const object = await client.get(KINDS.Agent, lateHost, late.namespace)
      return (object?.spec as { approved?: boolean } | undefined)?.approved && condition(object, 'Bound')
        ? object
        : undefined
    })
    expect((lateAgent.spec as { clusterDeploymentName?: unknown }).clusterDeploymentName).toBeUndefined()
    expect(condition(lateAgent, 'Bound')).toMatchObject({ status: 'False', reason: 'Unbound' })
    expect(sim.sim.store.host(late.image.infraEnvId!, lateHost)?.clusterId).toBeNull()

    // Deleting the Agent deregisters its host; deleting the InfraEnv removes the infra-env and its hosts;
    // deleting the ClusterDeployment removes the cluster.
    await client.delete(KINDS.Agent, hostId, bound.namespace)
    await until(
      'host removed',
      async () => sim.sim.store.host(bound.image.infraEnvId!, hostId) === undefined || undefined
    )
    await client.delete(KINDS.InfraEnv, late.cluster.infraEnvName, late.namespace)
    await until(
      'infra-env removed',
      async () => !sim.sim.store.infraEnvs.has(late.image.infraEnvId!) || undefined
    )
    const clusterId = sim.sim.store.infraEnvs.get(bound.image.infraEnvId!)!.clusterId!
    await client.delete(KINDS.ClusterDeployment, bound.cluster.name, bound.namespace)
    await until('cluster removed', async () => !sim.sim.store.clusters.has(clusterId) || undefined)
  }, 90_000)

  it('reports a missing ClusterImageSet as SpecSynced=False / InputError', async () => {
    const namespace = `simk-d-${SUFFIX}`
    await client.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } })
    await client.apply({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'pull-secret', namespace },
      type: 'kubernetes.io/dockerconfigjson',
      data: { '.dockerconfigjson': Buffer.from(PULL_SECRET).toString('base64') }
    })
    await client.apply({
      apiVersion: KINDS.ClusterDeployment.apiVersion,
      kind: 'ClusterDeployment',
      metadata: { name: 'broken', namespace },
      spec: {
        baseDomain: 'example.com',
        clusterName: 'broken',
        platform: { agentBareMetal: { agentSelector: {} } },
        pullSecretRef: { name: 'pull-secret' },
        clusterInstallRef: {
          group: 'extensions.hive.openshift.io',
          version: 'v1beta1',
          kind: 'AgentClusterInstall',
          name: 'broken'
        }
      }
    })
    await client.apply({
      apiVersion: KINDS.AgentClusterInstall.apiVersion,
      kind: 'AgentClusterInstall',
      metadata: { name: 'broken', namespace },
      spec: {
        clusterDeploymentRef: { name: 'broken' },
        imageSetRef: { name: 'no-such-image-set' },
        networking: { userManagedNetworking: true },
        provisionRequirements: { controlPlaneAgents: 1 }
      }
    })
    const synced = await until('SpecSynced', async () =>
      condition(await client.get(KINDS.AgentClusterInstall, 'broken', namespace), 'SpecSynced')
    )
    expect(synced).toMatchObject({ status: 'False', reason: 'InputError' })
    expect((synced as Cond & { message: string }).message).toContain('no-such-image-set')
  }, 60_000)

  it('runs as `assisted-swarm sim --kubeconfig` (a process), printing its URL and stopping on SIGTERM', async () => {
    // One simulated service per API server: the in-process one steps aside.
    await sim.close()
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'src/cli/bin.ts'),
        'sim',
        '--port',
        '0',
        '--fast',
        '--kubeconfig',
        env.kubeconfigPath
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += String(chunk)))
    child.stderr.on('data', chunk => (stderr += String(chunk)))
    const exited = new Promise<number | null>(r => child.on('exit', code => r(code)))
    try {
      const url = await until('the URL on stdout', async () => /^(http:\/\/\S+)$/m.exec(stdout)?.[1], 60_000)
      const { image } = await deploy(`simk-e-${SUFFIX}`, '  - amount: 1\n    single_node: true')
      expect(image.discoveryIgnitionURL?.startsWith(`${url}/`)).toBe(true)
      // Secrets never reach the logs: the agent token is only in CR status.
      const token = /api_key=([^&]+)/.exec(image.discoveryIgnitionURL!)?.[1]
      expect(token).toBeTruthy()
      expect(stdout + stderr).not.toContain(token!)
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
  }, 120_000)
})
