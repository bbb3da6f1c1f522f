/**
 * The least-privilege role of manifests/rbac/ on a real API server (RBAC authorization on): deploy-crs,
 * teardown and launch-swarm's kube-api target work with a ServiceAccount token bound to it, and are refused
 * with a token bound to nothing. Nothing is mocked.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { KubeConfig } from '@kubernetes/client-node'
import { PLACEHOLDER_PULL_SECRET } from '../../src/kube/builders.js'
import { KubeClient } from '../../src/kube/client.js'
import { deployCrs } from '../../src/kube/deploy-crs.js'
import { teardownRun } from '../../src/kube/teardown.js'
import { clusterFixture, planFixture } from '../../src/kube/testing/plan-fixture.js'
import { TargetUnreachableError } from '../../src/util/errors.js'
import { startSimulator } from '../../src/sim/index.js'
import { launchSwarm } from '../../src/swarm/launch-swarm.js'
import { noProgress } from '../../src/swarm/progress/sinks.js'
import { RecordingLogger, silentLogger } from '../../src/util/logging.js'
import { kubeEnvSkipReason, startKubeEnv, type KubeEnv } from '../helpers/kube-env.js'

const skip = await kubeEnvSkipReason()
if (skip) console.warn(`skipping real API server tests: ${skip}`)
const describeKube = skip ? describe.skip : describe

const SA = 'system:serviceaccount:assisted-swarm:assisted-swarm'

describeKube('manifests/rbac on a real API server', () => {
  let env: KubeEnv
  let dir: string

  /** A kubeconfig for a ServiceAccount token, with the API server's CA. */
  function tokenKubeconfig(name: string, token: string): string {
    const admin = new KubeConfig()
    admin.loadFromFile(env.kubeconfigPath)
    const cluster = admin.getCurrentCluster()!
    const path = join(dir, `${name}.kubeconfig`)
    writeFileSync(
      path,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          { name: 'env', cluster: { server: cluster.server, 'certificate-authority-data': cluster.caData } }
        ],
        users: [{ name, user: { token } }],
        contexts: [{ name, context: { cluster: 'env', user: name } }],
        'current-context': name
      }),
      { mode: 0o600 }
    )
    return path
  }

  function kubectlOk(args: string[]): string {
    const result = env.kubectl(args)
    if (result.status !== 0) throw new Error(`kubectl ${args.join(' ')}: ${result.stderr}`)
    return result.stdout.trim()
  }

  beforeAll(async () => {
    env = await startKubeEnv()
    dir = mkdtempSync(join(tmpdir(), 'swarm-rbac-'))
    kubectlOk(['apply', '-f', 'manifests/rbac/'])
    kubectlOk(['-n', 'assisted-swarm', 'create', 'serviceaccount', 'unbound'])
  }, 120_000)

  afterAll(async () => {
    await env?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  }, 60_000)

  it('grants what the swarm uses and nothing that reads secrets', () => {
    const can = (verb: string, resource: string): string =>
      env.kubectl(['auth', 'can-i', verb, resource, '--all-namespaces', '--as', SA]).stdout.trim()
    expect(can('patch', 'infraenvs.agent-install.openshift.io')).toBe('yes')
    expect(can('watch', 'agentclusterinstalls.extensions.hive.openshift.io')).toBe('yes')
    expect(can('patch', 'agents.agent-install.openshift.io')).toBe('yes')
    expect(can('create', 'secrets')).toBe('yes')
    expect(can('get', 'secrets')).toBe('no')
    expect(can('list', 'secrets')).toBe('no')
    expect(can('create', 'agents.agent-install.openshift.io')).toBe('no')
    expect(can('create', 'pods')).toBe('no')
  })

  it('lets deploy-crs (apply, wait) and teardown work with the role', async () => {
    const token = kubectlOk(['-n', 'assisted-swarm', 'create', 'token', 'assisted-swarm', '--duration', '1h'])
    const kubeconfig = tokenKubeconfig('swarm', token)
    const plan = planFixture(
      [clusterFixture(0, 'sno'), clusterFixture(1, 'ha', { withNmstate: true }), clusterFixture(2, 'ie')],
      { runId: 'rbac-run' }
    )
    const logger = new RecordingLogger()
    const result = await deployCrs({
      plan,
      logger,
      kubeconfig,
      pullSecret: PLACEHOLDER_PULL_SECRET,
      bareMetalHosts: true,
      wait: 'auto',
      waitGraceMs: 500
    })
    expect(result.apply?.created).toBe(result.objects)
    expect(logger.text()).not.toContain(token)

    const client = await KubeClient.create({ kubeconfig })
    try {
      const teardown = await teardownRun(client, { runId: 'rbac-run', logger, timeoutMs: 60_000 })
      expect(teardown.remaining).toEqual({})
      expect(teardown.deleted.Secret).toBe(3)
    } finally {
      client.close()
    }
  }, 120_000)

  it('lets launch-swarm’s kube-api target drive a run to installed with the role', async () => {
    const token = kubectlOk(['-n', 'assisted-swarm', 'create', 'token', 'assisted-swarm', '--duration', '1h'])
    const kubeconfig = tokenKubeconfig('swarm-target', token)
    // The simulated service acts with the admin identity; the swarm only with its role.
    const sim = await startSimulator({
      port: 0,
      profile: 'fast',
      kubeconfig: env.kubeconfigPath,
      logger: silentLogger
    })
    try {
      const planPath = join(dir, 'target.yaml')
      writeFileSync(
        planPath,
        `name: rbac-target\ntarget: { kind: kube-api, kubeconfig: ${kubeconfig} }\nopenshift_version: '4.18'\n` +
          `clusters:\n  - amount: 1\n    single_node: true\ntiming: { default_stage: 200ms }\ndeadline: 3m\n`
      )
      const logger = new RecordingLogger()
      const result = await launchSwarm(
        {
          planPath,
          runId: 'rbac-target',
          shard: { index: 0, count: 1 },
          runDir: join(dir, 'run'),
          kubeconfig,
          driver: 'native',
          cleanup: true,
          progressIntervalMs: 60_000,
          pollIntervalMs: 300
        },
        { logger, signal: new AbortController().signal, progress: noProgress }
      )
      expect(result).toMatchObject({ reason: 'completed', clustersInstalled: 1, hostsInstalled: 1 })
      expect(logger.text()).not.toContain(token)
    } finally {
      await sim.close()
    }
  }, 180_000)

  it('is refused without the role, with a message that points at RBAC', async () => {
    const token = kubectlOk(['-n', 'assisted-swarm', 'create', 'token', 'unbound', '--duration', '1h'])
    const kubeconfig = tokenKubeconfig('unbound', token)
    const plan = planFixture([clusterFixture(0, 'sno')], { runId: 'rbac-refused' })
    const attempt = deployCrs({
      plan,
      logger: new RecordingLogger(),
      kubeconfig,
      pullSecret: PLACEHOLDER_PULL_SECRET,
      wait: 'never'
    })
    await expect(attempt).rejects.toThrow(TargetUnreachableError)
    await expect(attempt).rejects.toThrow(/forbidden \(403\), check the RBAC/)
    expect(env.kubectl(['get', 'namespace', 'rbac-refused-fx-sno-0']).status).not.toBe(0)
  }, 60_000)
})
