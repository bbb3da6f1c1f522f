/**
 * Watch-driven status for many Agents: the kube-api target of launch-swarm follows Agents with informers
 * (one list + one watch per kind), so the requests it makes do not grow with the number of objects or of
 * changes. A benchmark, not a timed test.
 *
 *   npx tsx bench/kube-watch.ts [--agents 10000] [--small 1000] [--rounds 3] [--concurrency 32]
 *
 * For each size (`--small`, then `--agents`) on one real API server (scripts/kube-env.sh, or
 * KUBECONFIG_TEST): a writer client creates the Agents of a plan (labelled with the run id, approved, with
 * their plan role, as assisted-service would have made them), then the target connects (its CRs are not
 * applied: only the Agents exist) and the writer changes every Agent's status `--rounds` times
 * (debugInfo.state known → installing → installed), as the service would. Printed per size: the target's
 * requests during the initial sync and during the updates, the transitions its observer received (must be
 * agents × rounds), events per second and how long after the last write the last change was seen. Nothing
 * is mocked; the target is the one launch-swarm uses.
 */
import { cpuUsage } from 'node:process'
import { loadavg, tmpdir } from 'node:os'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { KubeClient } from '../src/kube/client.js'
import { forEachLimited } from '../src/kube/concurrency.js'
import { KINDS } from '../src/kube/kinds.js'
import { CLUSTER_LABEL, INFRAENV_LABEL, RUN_ID_LABEL } from '../src/kube/objects.js'
import type { Plan, PlanCluster, PlanHost } from '../src/plan/types.js'
import { loadPlan } from '../src/stages/plan-input.js'
import { KubeTarget } from '../src/swarm/targets/kube-target.js'
import type { StatusObserver } from '../src/swarm/targets/target.js'
import { silentLogger } from '../src/util/logging.js'
import { startKubeEnv } from '../test/helpers/kube-env.js'

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}

const NAMESPACE = 'bench-kube-watch'
const STATES = ['known', 'installing', 'installed', 'installing-pending-user-action', 'error']

interface Row {
  agents: number
  createSeconds: number
  syncRequests: number
  syncSeconds: number
  changes: number
  seen: number
  updateRequests: number
  /** Of which watch streams opened again (a watch ends after its server-side timeout, or on errors). */
  updateWatches: number
  writerRequests: number
  updateSeconds: number
  lagMs: number
  targetCpuSeconds: number
}

/** A plan of clusters of 100 hosts (3 masters + 97 workers) adding up to `agents` hosts. */
function benchPlan(dir: string, runId: string, agents: number, kubeconfig: string): Plan {
  const path = join(dir, `${runId}.yaml`)
  writeFileSync(
    path,
    `name: kube-watch
target: { kind: kube-api, kubeconfig: ${kubeconfig}, namespace: ${NAMESPACE} }
openshift_version: '4.18'
clusters:
  - amount: ${Math.ceil(agents / 100)}
    masters: 3
    workers: 97
`
  )
  return loadPlan({ planPath: path, runId, shard: { index: 0, count: 1 } })
}

async function measure(
  kubeconfig: string,
  dir: string,
  agents: number,
  rounds: number,
  concurrency: number
): Promise<Row> {
  const runId = `kw-${agents}-${Date.now().toString(36).slice(-4)}`
  const plan = benchPlan(dir, runId, agents, kubeconfig)
  const hosts: { cluster: PlanCluster; host: PlanHost }[] = plan.clusters.flatMap(cluster =>
    cluster.hosts.map(host => ({ cluster, host }))
  )
  const writer = await KubeClient.create({ kubeconfig, maxSockets: concurrency })
  const start = performance.now()
  await forEachLimited(hosts, concurrency, async ({ cluster, host }) => {
    await writer.create({
      apiVersion: KINDS.Agent.apiVersion,
      kind: 'Agent',
      metadata: {
        name: host.id,
        namespace: NAMESPACE,
        labels: {
          [RUN_ID_LABEL]: runId,
          [CLUSTER_LABEL]: cluster.name,
          [INFRAENV_LABEL]: cluster.infraEnvName
        }
      },
      spec: { approved: true, role: host.role }
    })
  })
  const createSeconds = (performance.now() - start) / 1000

  let seen = 0
  let lastSeenAt = 0
  let wake: () => void = () => {}
  const observer: StatusObserver = {
    host: () => {
      seen++
      lastSeenAt = performance.now()
      wake()
    },
    cluster: () => {},
    clusterEvent: () => {},
    error: (_c, message) => console.error(message)
  }
  const reader = await KubeClient.create({ kubeconfig })
  const target = new KubeTarget({
    plan,
    pullSecret: '',
    logger: silentLogger,
    signal: new AbortController().signal,
    applyCrs: false,
    client: reader
  })
  const syncStart = performance.now()
  await target.connect()
  const syncSeconds = (performance.now() - syncStart) / 1000
  const syncRequests = reader.counters.requests + reader.counters.watches
  const syncWatches = reader.counters.watches
  // One observation registers the observer; afterwards every change is recorded as the watch delivers it.
  const first = plan.clusters[0]!
  await target.observe(
    {
      cluster: first,
      infraEnvId: '',
      agent: { serviceUrl: '', infraEnvId: '', insecure: false, agentVersion: '' }
    },
    observer
  )

  const cpuBefore = cpuUsage()
  const changes = agents * rounds
  const writerBefore = writer.counters.requests
  const updateStart = performance.now()
  for (let round = 0; round < rounds; round++) {
    const state = STATES[round % STATES.length]!
    await forEachLimited(hosts, concurrency, async ({ host }) => {
      await writer.mergePatch(
        KINDS.Agent,
        host.id,
        NAMESPACE,
        { status: { debugInfo: { state, stateInfo: `round ${round}` } } },
        { subresource: 'status' }
      )
    })
  }
  const lastWriteAt = performance.now()
  const deadline = Date.now() + 120_000
  while (seen < changes && Date.now() < deadline)
    await new Promise<void>(resolve => {
      wake = resolve
      setTimeout(resolve, 500)
    })
  const cpu = cpuUsage(cpuBefore)
  const row: Row = {
    agents,
    createSeconds,
    syncRequests,
    syncSeconds,
    changes,
    seen,
    updateRequests: reader.counters.requests + reader.counters.watches - syncRequests,
    updateWatches: reader.counters.watches - syncWatches,
    writerRequests: writer.counters.requests - writerBefore,
    updateSeconds: (Math.max(lastSeenAt, lastWriteAt) - updateStart) / 1000,
    lagMs: Math.max(0, lastSeenAt - lastWriteAt),
    // The whole process: the writer's share is in it too, so this is an upper bound for the target.
    targetCpuSeconds: (cpu.user + cpu.system) / 1e6
  }
  await target.close()
  reader.close()
  // The Agents stay until the API server is stopped (with KUBECONFIG_TEST: delete the namespace).
  writer.close()
  return row
}

async function main(): Promise<void> {
  const agents = arg('agents', 10_000)
  const small = arg('small', 1000)
  const rounds = arg('rounds', 3)
  const concurrency = arg('concurrency', 32)
  const env = await startKubeEnv({ controllers: false })
  const dir = mkdtempSync(join(tmpdir(), 'bench-kube-watch-'))
  const rows: Row[] = []
  try {
    const admin = await KubeClient.create({ kubeconfig: env.kubeconfigPath })
    await admin.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } })
    admin.close()
    console.log(
      `API server ${env.server}; ${rounds} status changes per Agent; load average ${loadavg()[0]!.toFixed(1)}`
    )
    for (const n of small > 0 && small < agents ? [small, agents] : [agents]) {
      const row = await measure(env.kubeconfigPath, dir, n, rounds, concurrency)
      rows.push(row)
      console.log(
        `${n} Agents: created in ${row.createSeconds.toFixed(1)} s; target sync ${row.syncRequests} requests in ${row.syncSeconds.toFixed(1)} s; ` +
          `${row.seen}/${row.changes} changes seen with ${row.updateRequests} requests (writer: ${row.writerRequests})`
      )
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
    await env.stop()
  }
  console.log(
    '\n| Agents | status changes | seen by the target | target requests: initial sync (list pages + watches) | target requests during the changes (of which watches resumed) | writer requests (the "service") | changes/s seen | last change seen after the last write | process CPU s during the changes |'
  )
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const r of rows) {
    console.log(
      `| ${r.agents} | ${r.changes} | ${r.seen} | ${r.syncRequests} | ${r.updateRequests} (${r.updateWatches}) | ${r.writerRequests} | ${Math.round(r.seen / r.updateSeconds)} | ${r.lagMs.toFixed(0)} ms | ${r.targetCpuSeconds.toFixed(1)} |`
    )
  }
  const failed = rows.some(r => r.seen !== r.changes)
  if (failed) {
    console.error('some changes were not seen')
    process.exitCode = 1
  }
}

await main()
