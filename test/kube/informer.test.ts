/**
 * The list-then-watch informer on a real API server: events for Agents appearing, changing and going
 * away, one list and one watch however many objects, and a resume after an API server restart. The
 * Agents are created by the test (as assisted-service would on host registration); nothing is mocked.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { KubeClient } from '../../src/kube/client.js'
import { forEachLimited } from '../../src/kube/concurrency.js'
import { runInformer, type InformerEvent } from '../../src/kube/informer.js'
import { KINDS } from '../../src/kube/kinds.js'
import { RUN_ID_LABEL, type KubeObject } from '../../src/kube/objects.js'
import { RecordingLogger } from '../../src/util/logging.js'
import { kubeEnvSkipReason, startKubeEnv, type KubeEnv } from '../helpers/kube-env.js'

const skip = await kubeEnvSkipReason()
if (skip) console.warn(`skipping real API server tests: ${skip}`)
const describeKube = skip ? describe.skip : describe

const NS = 'informer-test'

function agent(name: string, runId: string): KubeObject {
  return {
    apiVersion: KINDS.Agent.apiVersion,
    kind: 'Agent',
    metadata: { name, namespace: NS, labels: { [RUN_ID_LABEL]: runId } },
    spec: { approved: false, role: '' }
  }
}

async function until(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise(r => setTimeout(r, 50))
  }
}

describeKube('Informer on a real API server', () => {
  let env: KubeEnv
  let client: KubeClient

  beforeAll(async () => {
    env = await startKubeEnv({ controllers: false })
    client = await KubeClient.create({ kubeconfig: env.kubeconfigPath })
    await client.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } })
  }, 120_000)

  afterAll(async () => {
    client?.close()
    await env?.stop()
  }, 60_000)

  it('follows a run’s Agents with one list and one watch, whatever their number', async () => {
    await client.apply(agent('before-start', 'run-a'))
    await client.apply(agent('other-run', 'run-b'))
    const events: [InformerEvent, string][] = []
    const informer = runInformer(client, 'Agent', 'run-a', new RecordingLogger())
    informer.on((event, object) => events.push([event, object.metadata.name]))
    await informer.start()
    try {
      expect(events).toEqual([['added', 'before-start']])
      const names = Array.from({ length: 200 }, (_, i) => `agent-${i}`)
      await forEachLimited(names, 16, async name => {
        await client.apply(agent(name, 'run-a'))
      })
      await until(() => informer.objects().length === 201)
      await client.mergePatch(KINDS.Agent, 'agent-7', NS, { spec: { approved: true } })
      await until(() => (informer.get(NS, 'agent-7')?.spec as { approved?: boolean }).approved === true)
      await client.delete(KINDS.Agent, 'agent-8', NS)
      await until(() => informer.get(NS, 'agent-8') === undefined)
      expect(events).toContainEqual(['updated', 'agent-7'])
      expect(events).toContainEqual(['deleted', 'agent-8'])
      expect(events.some(([, name]) => name === 'other-run')).toBe(false)
      // 201 objects followed with one list and one watch: no request per object.
      expect(informer.counters).toMatchObject({ lists: 1, watches: 1 })
    } finally {
      informer.stop()
    }
  }, 60_000)

  it('resumes after an API server restart and misses nothing', async () => {
    const informer = runInformer(client, 'Agent', 'run-c', new RecordingLogger())
    await informer.start()
    try {
      await client.apply(agent('c-before', 'run-c'))
      await until(() => informer.get(NS, 'c-before') !== undefined)
      await env.stopApiServer()
      await env.startApiServer()
      // Made after the restart: seen through the resumed watch (or a relist).
      const writer = await KubeClient.create({ kubeconfig: env.kubeconfigPath })
      try {
        for (let i = 0; ; i++) {
          try {
            await writer.apply(agent('c-after', 'run-c'))
            break
          } catch (error) {
            if (i > 50) throw error
            await new Promise(r => setTimeout(r, 200))
          }
        }
      } finally {
        writer.close()
      }
      await until(() => informer.get(NS, 'c-after') !== undefined, 30_000)
      expect(
        informer
          .objects()
          .map(o => o.metadata.name)
          .sort()
      ).toEqual(['c-after', 'c-before'])
      expect(informer.counters.watches).toBeGreaterThan(1)
    } finally {
      informer.stop()
    }
  }, 90_000)
})
