/**
 * bench/swarm: a whole swarm against the in-process simulator with fast timings — 1,000 clusters and 5,000
 * hosts (500 single-node + 500 clusters of 3 masters and 6 workers). Prints wall time, CPU seconds, peak RSS
 * and timeline records per second. Not a test: it prints figures.
 *
 *   npm run bench -- swarm            (BENCH_SWARM_SCALE=0.1 for a tenth of the size; BENCH_SWARM_DEADLINE=60m)
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { launchSwarm } from '../src/swarm/launch-swarm.js'
import { noProgress } from '../src/swarm/progress/sinks.js'
import { createConsoleLogger } from '../src/util/logging.js'

const scale = Number(process.env.BENCH_SWARM_SCALE ?? '1')
const sno = Math.max(1, Math.round(500 * scale))
const multi = Math.max(1, Math.round(500 * scale))
const dir = mkdtempSync(join(tmpdir(), 'bench-swarm-'))
const planPath = join(dir, 'plan.yaml')
writeFileSync(
  planPath,
  stringify({
    name: 'bench',
    target: { kind: 'simulator', profile: 'fast' },
    network: { machine_network_prefix: 26 },
    clusters: [
      { amount: sno, single_node: true },
      { amount: multi, masters: 3, workers: 6 }
    ],
    ramp: { hosts_per_second: 1000, max_clusters_in_flight: 1000 },
    timing: {
      default_stage: '200ms',
      controller_ready: '500ms',
      node_ready: '500ms',
      operators_available: '500ms',
      controller_poll: '1s',
      jitter: 0.2
    },
    deadline: process.env.BENCH_SWARM_DEADLINE ?? '30m'
  })
)

let peakRss = 0
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 250)
const cpuBefore = process.cpuUsage()
const started = performance.now()
const result = await launchSwarm(
  {
    planPath,
    runId: 'bench',
    runDir: join(dir, 'run'),
    shard: { index: 0, count: 1 },
    driver: 'native',
    cleanup: false,
    progressIntervalMs: 10_000
  },
  { logger: createConsoleLogger({ quiet: true }), signal: new AbortController().signal, progress: noProgress }
)
const wallS = (performance.now() - started) / 1000
const cpu = process.cpuUsage(cpuBefore)
clearInterval(sampler)
const { readFileSync } = await import('node:fs')
const records = readFileSync(result.timeline, 'utf8').split('\n').filter(Boolean).length
const hosts = result.plan.clusters.reduce((n, c) => n + c.hosts.length, 0)
console.log(
  JSON.stringify(
    {
      clusters: result.plan.clusters.length,
      hosts,
      installed: result.clustersInstalled,
      failed: result.clustersFailed,
      unfinished: result.clustersUnfinished,
      wallSeconds: Number(wallS.toFixed(1)),
      cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
      peakRssMiB: Math.round(peakRss / 2 ** 20),
      timelineRecords: records,
      timelineRecordsPerSecond: Math.round(records / wallS)
    },
    null,
    2
  )
)
