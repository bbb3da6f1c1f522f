/**
 * One swarm run for the fidelity tests and the drivers benchmark, as a process of its own so it can run inside
 * a network namespace that holds only loopback (`unshare --net`): the simulator (fast profile), the request tap
 * in front of it, and launch-swarm with the chosen driver, all in that namespace with the real hosts.
 *
 *   node --import tsx test/drivers/support/fidelity-run.ts <request.json>
 *
 * The request names the plan, the driver, the run directory and the binaries; the result (outcomes, request mix
 * per host and per cluster, CPU and memory) is written to <runDir>/fidelity-result.json, every counted request
 * (with the time of its answer) to <runDir>/fidelity-requests.jsonl.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createRealDriverHook, type WritableMount } from './driver-hook.js'
import { requestMix, startRequestTap } from './request-tap.js'
import { startSimulator } from '../../../src/sim/index.js'
import { launchSwarm } from '../../../src/swarm/launch-swarm.js'
import { noProgress } from '../../../src/swarm/progress/sinks.js'
import { selfAndChildrenCpuMs } from '../../../src/drivers/process/proc-stats.js'
import { createConsoleLogger } from '../../../src/util/logging.js'
import type { PlanCluster } from '../../../src/plan/types.js'

export interface FidelityRequest {
  planPath: string
  runId: string
  runDir: string
  driver: 'native' | 'process' | 'container'
  binariesDir?: string
  deadlineMs?: number
  /** Kill the agent of this host once it registered (the died-host test). */
  killHost?: string
  /** The simulator requires this agent key (the discovery ignition hands it to the hosts as PULL_SECRET_TOKEN). */
  agentKey?: string
  debug?: boolean
}

export interface FidelityResult {
  driver: string
  reason: string
  clustersInstalled: number
  clustersFailed: number
  hostsInstalled: number
  /** host id → operationId → count */
  hosts: Record<string, Record<string, number>>
  /** cluster id → operationId → count (cluster-wide calls) */
  clusters: Record<string, Record<string, number>>
  /** host or cluster id → `operationId detail` → count (step types, stages, files) */
  details: Record<string, Record<string, number>>
  /** host id → plan hostname, cluster id → plan cluster name */
  names: Record<string, string>
  /** Non-2xx answers by operationId and status. */
  failures: Record<string, number>
  wallMs: number
  /** CPU of this process and of its children (the real hosts' boxes, relays, controllers). */
  cpu: { selfMs: number; childrenMs: number }
  maxRssBytes: number
  /** process driver: per box name, last CPU sample and peak memory. */
  usage?: Record<string, { cpuMs: number; maxRssBytes: number; maxPssBytes?: number }>
  /** process driver: the writable mounts seen inside each host's box while it ran. */
  mounts?: Record<string, WritableMount[]>
  timeline: string
}

/** Plan names of the ids the requests carry (host ids from the plan, cluster ids from run.json). */
function names(clusters: PlanCluster[], runDir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const c of clusters) for (const h of c.hosts) out[h.id] = h.hostname
  const state = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')) as {
    clusters: Record<string, { clusterId?: string }>
  }
  for (const [name, refs] of Object.entries(state.clusters)) if (refs.clusterId) out[refs.clusterId] = name
  return out
}

const request = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as FidelityRequest
const logger = createConsoleLogger({ debug: Boolean(request.debug) })
const started = Date.now()
const cpuBefore = selfAndChildrenCpuMs()
const tap = await startRequestTap()
const sim = await startSimulator({
  port: 0,
  profile: 'fast',
  serviceBaseUrl: tap.url,
  logger,
  ...(request.agentKey ? { auth: { agentKey: request.agentKey } } : {})
})
tap.upstream = sim.url
const hook = createRealDriverHook(request)
const abort = new AbortController()
process.once('SIGTERM', () => abort.abort())
let result: FidelityResult
try {
  const launched = await launchSwarm(
    {
      planPath: request.planPath,
      runId: request.runId,
      runDir: request.runDir,
      shard: { index: 0, count: 1 },
      driver: request.driver,
      ...(request.binariesDir ? { binariesDir: request.binariesDir } : {}),
      cleanup: false,
      progressIntervalMs: 60_000,
      ...(request.deadlineMs ? { deadlineMs: request.deadlineMs } : {})
    },
    {
      logger,
      signal: abort.signal,
      progress: hook.progress(noProgress),
      embedded: { url: sim.url, close: () => Promise.resolve() }
    }
  )
  const cpuAfter = selfAndChildrenCpuMs()
  const mix = requestMix(tap.requests)
  const failures: Record<string, number> = {}
  for (const r of tap.requests) {
    if (r.status >= 200 && r.status < 300) continue
    const key = `${r.operationId} ${r.status}`
    failures[key] = (failures[key] ?? 0) + 1
  }
  result = {
    driver: request.driver,
    reason: launched.reason,
    clustersInstalled: launched.clustersInstalled,
    clustersFailed: launched.clustersFailed,
    hostsInstalled: launched.hostsInstalled,
    hosts: Object.fromEntries(mix.hosts),
    clusters: Object.fromEntries(mix.clusters),
    details: Object.fromEntries(mix.details),
    names: names(launched.plan.clusters, request.runDir),
    failures,
    wallMs: Date.now() - started,
    cpu: {
      selfMs: cpuAfter.selfMs - cpuBefore.selfMs,
      childrenMs: cpuAfter.childrenMs - cpuBefore.childrenMs
    },
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    ...(hook.usage() ? { usage: hook.usage()! } : {}),
    ...(request.driver === 'process' ? { mounts: hook.mounts() } : {}),
    timeline: launched.timeline
  }
} finally {
  await sim.close()
  await tap.close()
}
writeFileSync(join(request.runDir, 'fidelity-result.json'), JSON.stringify(result, null, 2) + '\n')
// every counted request, in order (operation, status, host or cluster id, details; no bodies, no secrets)
writeFileSync(
  join(request.runDir, 'fidelity-requests.jsonl'),
  tap.requests.map(r => JSON.stringify(r)).join('\n') + '\n'
)
