/**
 * The report of a real swarm run: launch-swarm drives native hosts against the embedded simulator (loopback
 * only), then collect-results reads the timeline it wrote. Checks that the report agrees with what the swarm
 * says it did and with durations computed independently from the same timeline; nothing is mocked.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { collectResults } from '../../src/report/collect.js'
import type { TrendValues } from '../../src/report/generated/report.js'
import { schema } from '../../src/report/generated/report-schema.js'
import { launchSwarm } from '../../src/swarm/launch-swarm.js'
import { noProgress } from '../../src/swarm/progress/sinks.js'
import { createFriendlyValidator } from '../../src/util/json-schema.js'
import { silentLogger } from '../../src/util/logging.js'
import { AnnotatingLogger } from './helpers/annotating-logger.js'
import { independentDurations, interpolated, readLines } from './helpers/independent.js'

const work = mkdtempSync(join(tmpdir(), 'report-real-swarm-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const PLAN = `
name: report-real
target: { kind: simulator, profile: fast }
openshift_version: '4.18'
clusters:
  - amount: 2
    single_node: true
ramp: { hosts_per_second: 50, max_clusters_in_flight: 10 }
timing:
  default_stage: 300ms
  controller_ready: 500ms
  node_ready: 500ms
  operators_available: 500ms
  controller_poll: 500ms
  jitter: 0.2
thresholds:
  - p95(host.launch_to_registered) < 30s
  - count(http.reqs{endpoint=v2RegisterHost}) >= 2
deadline: 2m
seed: 3
`

describe('report of a real swarm run (native driver, embedded simulator)', () => {
  it('agrees with the swarm and with an independent reading of its timeline', async () => {
    const planPath = join(work, 'plan.yaml')
    writeFileSync(planPath, PLAN)
    const runDir = join(work, 'run')
    const launched = await launchSwarm(
      {
        planPath,
        runId: 'report-real-1',
        shard: { index: 0, count: 1 },
        runDir,
        driver: 'native',
        cleanup: false,
        progressIntervalMs: 1000
      },
      { logger: silentLogger, signal: new AbortController().signal, progress: noProgress }
    )
    const { report } = await collectResults(
      { runDir, timelines: [], thresholds: [], uploadArtifact: false, downloadShards: false },
      { logger: new AnnotatingLogger() }
    )
    expect(createFriendlyValidator(schema, { useDefaults: false }).problems(report)).toEqual([])
    expect(report.run).toMatchObject({
      id: 'report-real-1',
      shards: ['0/1'],
      driver: 'native',
      plannedClusters: 2,
      plannedHosts: 2
    })
    expect(report.run.endReason).toBe(launched.reason)
    expect(report.headline.clusters.installed).toBe(launched.clustersInstalled)
    expect(report.headline.hosts.installed).toBe(launched.hostsInstalled)
    expect(report.headline.hosts.launched).toBe(2)
    expect(report.thresholds.map(t => [t.source, t.passed])).toEqual([
      ['p95(host.launch_to_registered) < 30s', true],
      ['count(http.reqs{endpoint=v2RegisterHost}) >= 2', true]
    ])
    expect(report.endpoints.map(e => e.endpoint)).toEqual(
      expect.arrayContaining(['v2RegisterHost', 'v2GetNextSteps', 'v2PostStepReply'])
    )

    const lines = readLines(launched.timeline)
    for (const [metric, samples] of Object.entries(independentDurations(lines))) {
      const values = report.metrics[metric]!.values as TrendValues
      expect([metric, values.count]).toEqual([metric, samples.length])
      if (samples.length) expect(values.p95).toBeCloseTo(interpolated(samples, 95), 3)
    }
    if (launched.clustersInstalled === 2) {
      expect(report.failures.hosts.total).toBe(0)
      expect(report.stages.length).toBeGreaterThan(3)
    }
  }, 180_000)
})
