/**
 * deploy-crs against a real kube-apiserver + etcd (+ kube-controller-manager) started by
 * scripts/kube-env.sh on 127.0.0.1. Nothing is mocked. The "service" that writes InfraEnv status in the
 * wait test is this test itself, patching the status subresource as assisted-service would.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  PLACEHOLDER_PULL_SECRET,
  allObjects,
  buildRunObjects,
  clusterNamespace
} from '../../src/kube/builders.js'
import { KubeApiError, KubeClient, isRetryable } from '../../src/kube/client.js'
import { withRetries } from '../../src/kube/concurrency.js'
import { deployCrs } from '../../src/kube/deploy-crs.js'
import { KINDS, type KindName } from '../../src/kube/kinds.js'
import { RUN_ID_LABEL, objectKey, runSelector, type KubeObject } from '../../src/kube/objects.js'
import { teardownRun } from '../../src/kube/teardown.js'
import { bulkPlan, clusterFixture, planFixture } from '../../src/kube/testing/plan-fixture.js'
import { ConfigurationError } from '../../src/util/errors.js'
import { RecordingLogger } from '../../src/util/logging.js'
import { kubeEnvSkipReason, startKubeEnv, type KubeEnv } from '../helpers/kube-env.js'

const skip = await kubeEnvSkipReason()
if (skip) console.warn(`skipping real API server tests: ${skip}`)
const describeKube = skip ? describe.skip : describe

const LISTED: KindName[] = [
  'Namespace',
  'ClusterImageSet',
  'ClusterDeployment',
  'AgentClusterInstall',
  'InfraEnv',
  'NMStateConfig',
  'BareMetalHost'
]

async function runObjects(client: KubeClient, runId: string): Promise<Map<string, KubeObject>> {
  const found = new Map<string, KubeObject>()
  for (const kind of LISTED) {
    // Retried: right after an API server restart, lists answer 429 until storage is initialised.
    const list = await withRetries(
      () => client.list(KINDS[kind], { labelSelector: runSelector(runId) }),
      isRetryable
    )
    for (const item of list.items) found.set(objectKey(item), item)
  }
  return found
}

const mixedPlan = (runId: string) =>
  planFixture(
    [
      clusterFixture(0, 'sno'),
      clusterFixture(1, 'ha', { withNmstate: true }),
      clusterFixture(2, 'late'),
      clusterFixture(3, 'ie')
    ],
    { runId }
  )

describeKube('deploy-crs on a real API server', () => {
  let env: KubeEnv
  let client: KubeClient

  beforeAll(async () => {
    env = await startKubeEnv()
    client = await KubeClient.create({ kubeconfig: env.kubeconfigPath })
  }, 120_000)

  afterAll(async () => {
    client?.close()
    await env?.stop()
  }, 60_000)

  it('applies every object of the plan, then re-applies without changing anything', async () => {
    const plan = mixedPlan('apply-run')
    const logger = new RecordingLogger()
    const first = await deployCrs({
      plan,
      logger,
      client,
      pullSecret: PLACEHOLDER_PULL_SECRET,
      bareMetalHosts: true,
      wait: 'never'
    })
    const expected = allObjects(
      buildRunObjects(plan, { pullSecret: PLACEHOLDER_PULL_SECRET, bareMetalHosts: true })
    )
    expect(first.objects).toBe(expected.length)
    expect(first.apply?.created).toBe(expected.length)

    const before = await runObjects(client, 'apply-run')
    // Every object but the Secrets (never listed) is found by the run label.
    expect(before.size).toBe(expected.filter(o => o.kind !== 'Secret').length)
    for (const object of before.values()) expect(object.metadata.labels?.[RUN_ID_LABEL]).toBe('apply-run')
    const infraEnv = before.get(
      objectKey({
        apiVersion: KINDS.InfraEnv.apiVersion,
        kind: 'InfraEnv',
        metadata: { name: 'fx-sno-0-infraenv', namespace: 'apply-run-fx-sno-0' }
      })
    )
    expect((infraEnv?.spec as { clusterRef?: unknown }).clusterRef).toEqual({
      name: 'fx-sno-0',
      namespace: 'apply-run-fx-sno-0'
    })
    const secret = await client.get(KINDS.Secret, 'pull-secret', clusterNamespace(plan, plan.clusters[0]!))
    expect(secret?.metadata.resourceVersion).toBeTruthy()

    const second = await deployCrs({
      plan,
      logger,
      client,
      pullSecret: PLACEHOLDER_PULL_SECRET,
      bareMetalHosts: true,
      wait: 'never'
    })
    expect(second.apply?.created).toBe(0)
    expect(second.apply?.existing).toBe(expected.length)
    const after = await runObjects(client, 'apply-run')
    expect([...after.entries()].map(([k, o]) => [k, o.metadata.resourceVersion])).toEqual(
      [...before.entries()].map(([k, o]) => [k, o.metadata.resourceVersion])
    )
    const secretAfter = await client.get(
      KINDS.Secret,
      'pull-secret',
      clusterNamespace(plan, plan.clusters[0]!)
    )
    expect(secretAfter?.metadata.resourceVersion).toBe(secret?.metadata.resourceVersion)
  }, 60_000)

  it('rejects an invalid object offline, naming the object and the field, and sends nothing', async () => {
    const bad = clusterFixture(5, 'sno')
    bad.hosts[0]!.nics[0]!.mac = 'not-a-mac'
    const plan = planFixture([bad], { runId: 'invalid-run' })
    const attempt = deployCrs({
      plan,
      logger: new RecordingLogger(),
      client,
      pullSecret: PLACEHOLDER_PULL_SECRET,
      bareMetalHosts: true
    })
    await expect(attempt).rejects.toThrow(ConfigurationError)
    await expect(attempt).rejects.toThrow(
      /BareMetalHost invalid-run-fx-sno-5\/c5-host-0: spec\.bootMACAddress: must match/
    )
    expect((await runObjects(client, 'invalid-run')).size).toBe(0)
  })

  it('reports what the API server itself rejects with the field it names', async () => {
    const plan = planFixture([clusterFixture(6, 'sno')], { runId: 'server-reject' })
    const objects = allObjects(buildRunObjects(plan, { pullSecret: PLACEHOLDER_PULL_SECRET }))
    for (const object of objects.filter(o => o.kind === 'Namespace')) await client.apply(object)
    const infraEnv = structuredClone(objects.find(o => o.kind === 'InfraEnv')!)
    ;(infraEnv.spec as Record<string, unknown>).ipxeScriptType = 'Sometimes'
    const error = await client.apply(infraEnv).catch(e => e as KubeApiError)
    expect(error).toBeInstanceOf(KubeApiError)
    expect((error as KubeApiError).status).toBe(422)
    expect((error as KubeApiError).message).toContain('spec.ipxeScriptType')
  })

  it('waits for the InfraEnv images a service writes, through one watch', async () => {
    const plan = planFixture([clusterFixture(7, 'sno'), clusterFixture(8, 'ie')], { runId: 'wait-run' })
    const logger = new RecordingLogger()
    // Plays assisted-service: writes the status of each InfraEnv of the run shortly after it appears.
    const service = setInterval(async () => {
      const { items } = await client
        .list(KINDS.InfraEnv, { labelSelector: runSelector('wait-run') })
        .catch(() => ({ items: [] }))
      for (const item of items) {
        if ((item.status as { isoDownloadURL?: string } | undefined)?.isoDownloadURL) continue
        await client
          .mergePatch(
            KINDS.InfraEnv,
            item.metadata.name,
            item.metadata.namespace,
            {
              status: {
                isoDownloadURL: `https://images.invalid/${item.metadata.name}.iso?api_key=secret-token`,
                conditions: [
                  {
                    type: 'ImageCreated',
                    status: 'True',
                    reason: 'ImageCreated',
                    lastTransitionTime: new Date().toISOString()
                  }
                ],
                debugInfo: {
                  eventsURL:
                    'https://service.invalid/v2/events?infra_env_id=0f4d7f5e-6b6f-4d2e-9f5c-1d2e3f4a5b6c'
                }
              }
            },
            { subresource: 'status' }
          )
          .catch(() => undefined)
      }
    }, 300)
    try {
      const result = await deployCrs({
        plan,
        logger,
        client,
        pullSecret: PLACEHOLDER_PULL_SECRET,
        wait: 'always',
        waitTimeoutMs: 30_000
      })
      expect(result.wait?.waited).toBe(true)
      expect(result.wait?.ready.map(r => r.name).sort()).toEqual(['fx-ie-8-infraenv', 'fx-sno-7-infraenv'])
      expect(result.wait?.ready[0]?.infraEnvId).toBe('0f4d7f5e-6b6f-4d2e-9f5c-1d2e3f4a5b6c')
      // The URLs carry tokens: never logged.
      expect(logger.text()).not.toContain('secret-token')
    } finally {
      clearInterval(service)
    }
  }, 60_000)

  it('does not wait in auto mode when no service acts on the InfraEnvs', async () => {
    const plan = planFixture([clusterFixture(9, 'sno')], { runId: 'nowait-run' })
    const logger = new RecordingLogger()
    const result = await deployCrs({
      plan,
      logger,
      client,
      pullSecret: PLACEHOLDER_PULL_SECRET,
      wait: 'auto',
      waitGraceMs: 1000
    })
    expect(result.wait?.waited).toBe(false)
    expect(logger.text()).toContain('no service acted on the InfraEnvs')
  })

  it('tears down everything of a run and nothing of another run', async () => {
    const other = await runObjects(client, 'apply-run')
    expect(other.size).toBeGreaterThan(0)
    const plan = mixedPlan('teardown-run')
    await deployCrs({
      plan,
      logger: new RecordingLogger(),
      client,
      pullSecret: PLACEHOLDER_PULL_SECRET,
      bareMetalHosts: true,
      wait: 'never'
    })
    expect((await runObjects(client, 'teardown-run')).size).toBeGreaterThan(0)
    const result = await teardownRun(client, {
      runId: 'teardown-run',
      logger: new RecordingLogger(),
      timeoutMs: 60_000
    })
    expect(result.remaining).toEqual({})
    expect(result.deleted.Namespace).toBe(4)
    expect(result.deleted.Secret).toBe(4)
    expect((await runObjects(client, 'teardown-run')).size).toBe(0)
    const otherAfter = await runObjects(client, 'apply-run')
    expect([...otherAfter.keys()]).toEqual([...other.keys()])
  }, 90_000)

  it('survives an API server restart in the middle of an apply, losing nothing', async () => {
    const plan = bulkPlan(150, 'restart-run')
    const expected = allObjects(buildRunObjects(plan, { pullSecret: PLACEHOLDER_PULL_SECRET }))
    const logger = new RecordingLogger()
    const restartClient = await KubeClient.create({ kubeconfig: env.kubeconfigPath, requestTimeoutMs: 5000 })
    try {
      const apply = deployCrs({
        plan,
        logger,
        client: restartClient,
        pullSecret: PLACEHOLDER_PULL_SECRET,
        wait: 'never',
        concurrency: 4
      })
      // Restart once the apply is under way (Namespaces of the first phase are being created).
      for (let i = 0; i < 200; i++) {
        const { items } = await client.list(KINDS.Namespace, { labelSelector: runSelector('restart-run') })
        if (items.length >= 20) break
        await new Promise(r => setTimeout(r, 25))
      }
      await env.stopApiServer()
      await new Promise(r => setTimeout(r, 1500))
      await env.startApiServer()
      const result = await apply
      expect(result.apply?.retries).toBeGreaterThan(0)
      expect(result.apply?.total).toBe(expected.length)
      expect(logger.lines.some(l => l.level === 'warning' && l.message.startsWith('retrying'))).toBe(true)
      const found = await runObjects(client, 'restart-run')
      expect(found.size).toBe(expected.filter(o => o.kind !== 'Secret').length)
    } finally {
      restartClient.close()
    }
  }, 180_000)
})
