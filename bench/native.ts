/**
 * bench/native: idle native hosts polling the simulator over loopback at the real 60 s interval.
 *
 * The simulator runs in a child process (real timing profile), so this process's CPU is the client's alone.
 * Hosts register into unbound infra-envs (1,000 hosts each), send their inventory once, then idle: one
 * `GET instructions` a minute, the unchanged inventory and NTP replies suppressed by the reply cache. Printed:
 * - RSS per idle host: (RSS with every host idle − RSS before the plan was expanded) / hosts, after a GC;
 * - client CPU per request while idle, against bare undici requests to the same endpoint in the same process after
 *   the hosts stop: one paced loop per host (the same request pattern without the agent; the goal is within 2x)
 *   and a tight loop on 16 connections (the cheapest way to send requests);
 * - how long the ramp took and what the transport queued.
 *
 *   npx tsx bench/native.ts [--hosts 100000] [--window 120] [--rate 1500] [--bare 20000]
 *   npm run bench -- native            (BENCH_NATIVE_HOSTS=10000 for a smaller run)
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { Pool } from 'undici'
import { createTransport } from '../src/api/transport.js'
import { createNativeDriver } from '../src/drivers/native.js'
import { expandPlan } from '../src/plan/expand.js'
import type { TestPlan } from '../src/plan/types.js'
import { Counters, decodeLatencyHistogram, HttpMetrics } from '../src/timeline/http-metrics.js'
import type { RecordInput } from '../src/timeline/records.js'
import type { Recorder } from '../src/timeline/recorder.js'
import { silentLogger } from '../src/util/logging.js'

const HOSTS_PER_INFRA_ENV = 1000
const AGENT_IMAGE = 'quay.io/edge-infrastructure/assisted-installer-agent:latest'
const PULL_SECRET = JSON.stringify({
  auths: { 'cloud.openshift.com': { auth: Buffer.from('bench:bench').toString('base64') } }
})

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  const env = process.env[`BENCH_NATIVE_${name.toUpperCase()}`]
  return i >= 0 ? Number(process.argv[i + 1]) : env ? Number(env) : fallback
}

const sleep = (ms: number): Promise<void> => new Promise(r => setTimeout(r, ms))

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc
  if (g) return g()
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
}

async function rssAfterGc(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc()
    await sleep(200)
  }
  return process.memoryUsage.rss()
}

/** Counts what a timeline would get, keeping nothing (a MemoryRecorder would hold 100,000 records). */
class CountingRecorder implements Recorder {
  readonly http = new HttpMetrics()
  readonly counters = new Counters()
  readonly events = new Map<string, number>()
  event(record: RecordInput): void {
    const key = record.k === 'host' ? `host.${record.ev}` : record.k
    this.events.set(key, (this.events.get(key) ?? 0) + 1)
  }
}

function startSimulatorChild(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--sim-child'],
    {
      stdio: ['pipe', 'pipe', 'inherit']
    }
  )
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.once('line', line => resolve({ child, url: (JSON.parse(line) as { url: string }).url }))
    child.once('exit', code => reject(new Error(`simulator exited with ${code}`)))
  })
}

function childCpuMs(pid: number): Promise<number> {
  return import('node:fs/promises').then(fs =>
    fs.readFile(`/proc/${pid}/stat`, 'utf8').then(text => {
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
    })
  )
}

const cpuMs = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

async function main(): Promise<void> {
  const hosts = arg('hosts', 100_000)
  const windowS = arg('window', 120)
  const rate = arg('rate', 1500)
  const bareRequests = arg('bare', 20_000)
  const infraEnvs = Math.ceil(hosts / HOSTS_PER_INFRA_ENV)

  const { child, url } = await startSimulatorChild()
  const rssBase = await rssAfterGc()
  const api = createTransport({ baseUrl: url })
  const infraEnvIds: string[] = []
  for (let i = 0; i < infraEnvs; i++) {
    const res = await api.request({
      endpoint: 'RegisterInfraEnv',
      json: {
        name: `bench-ie-${i}`,
        pull_secret: PULL_SECRET,
        openshift_version: '4.18',
        cpu_architecture: 'x86_64',
        image_type: 'minimal-iso'
      }
    })
    if (res.status !== 201) throw new Error(`RegisterInfraEnv: ${res.status} ${res.text()}`)
    infraEnvIds.push(res.json<{ id: string }>().id)
  }

  const testPlan = {
    name: 'bench',
    network: { cluster_network_host_prefix: 25, machine_network_prefix: 22 },
    clusters: [{ amount: infraEnvs, masters: 3, workers: HOSTS_PER_INFRA_ENV - 3 }],
    agent: { max_concurrent_requests: 256 },
    seed: 1
  } as TestPlan
  const plan = expandPlan(testPlan, { runId: 'bench-native' })
  const recorder = new CountingRecorder()
  const abort = new AbortController()
  const driver = createNativeDriver(
    { plan, recorder, logger: silentLogger, signal: abort.signal, runDir: '/tmp' },
    { varyingRtt: false }
  )

  // Ramp: `rate` hosts a second.
  const rampStart = performance.now()
  let launched = 0
  outer: for (const [c, cluster] of plan.clusters.entries()) {
    for (const host of cluster.hosts) {
      if (launched >= hosts) break outer
      await driver.launch({
        host,
        cluster,
        agent: { serviceUrl: url, infraEnvId: infraEnvIds[c]!, insecure: false, agentVersion: AGENT_IMAGE }
      })
      launched++
      if (launched % 100 === 0) {
        const due = rampStart + (launched / rate) * 1000
        const wait = due - performance.now()
        if (wait > 0) await sleep(wait)
      }
    }
  }
  // Ramp done: every host registered and the first inventories sent (the queue drained once).
  const rampDeadline = performance.now() + 900_000
  while (performance.now() < rampDeadline) {
    await sleep(1000)
    const stats = driver.transportStats()[0]!
    const registered = recorder.events.get('host.registered') ?? 0
    process.stderr.write(
      `\rramp: ${launched} launched, ${registered} registered, ${stats.inFlight} in flight, ${stats.queued} queued   `
    )
    if (registered >= launched && stats.queued === 0) break
  }
  const rampS = (performance.now() - rampStart) / 1000
  process.stderr.write('\n')
  // One full poll period more: every host has sent its replies and is idle now.
  await sleep(65_000)
  recorder.http.snapshot()
  recorder.counters.snapshot()

  const rssIdle = await rssAfterGc()
  const transport = driver.transportStats()[0]!
  const cpu0 = cpuMs()
  const simCpu0 = await childCpuMs(child.pid!)
  const done0 = transport.completed
  const t0 = performance.now()
  await sleep(windowS * 1000)
  const cpu1 = cpuMs()
  const simCpu1 = await childCpuMs(child.pid!)
  const after = driver.transportStats()[0]!
  const seconds = (performance.now() - t0) / 1000
  const requests = after.completed - done0
  const http = recorder.http.snapshot()
  const nativeCpuPerRequest = (cpu1 - cpu0) / requests
  const polls = http?.ep.v2GetNextSteps

  await driver.stop()

  // The same requests without the agent: one loop per host (GET instructions, read, parse, sleep the service's
  // interval) on a pool of the same size, started spread over a minute; then a tight loop on 16 connections.
  const targets = plan.clusters
    .flatMap((cluster, c) =>
      cluster.hosts.map(
        h => `/api/assisted-install/v2/infra-envs/${infraEnvIds[c]}/hosts/${h.id}/instructions`
      )
    )
    .slice(0, launched)
  const paced = new Pool(url, { connections: plan.agent.maxConcurrentRequests, pipelining: 1 })
  let pacedDone = 0
  let pacing = true
  const timers = new Set<NodeJS.Timeout>()
  const pacedGet = async (path: string): Promise<void> => {
    if (!pacing) return
    let delay = 60_000
    try {
      const res = await paced.request({
        path: `${path}?timestamp=${Math.floor(Date.now() / 1000)}`,
        method: 'GET',
        headers: { discovery_agent_version: AGENT_IMAGE }
      })
      const steps = JSON.parse(await res.body.text()) as { next_instruction_seconds?: number }
      delay = (steps.next_instruction_seconds ?? 60) * 1000
      pacedDone++
    } catch {
      pacedDone++
    }
    const timer = setTimeout(() => {
      timers.delete(timer)
      void pacedGet(path)
    }, delay)
    timers.add(timer)
  }
  for (const path of targets) {
    const timer = setTimeout(() => {
      timers.delete(timer)
      void pacedGet(path)
    }, Math.random() * 60_000)
    timers.add(timer)
  }
  await sleep(65_000)
  const pacedCpu0 = cpuMs()
  const pacedDone0 = pacedDone
  const pacedT0 = performance.now()
  await sleep(windowS * 1000)
  const pacedCpuPerRequest = (cpuMs() - pacedCpu0) / (pacedDone - pacedDone0)
  const pacedRate = (pacedDone - pacedDone0) / ((performance.now() - pacedT0) / 1000)
  pacing = false
  for (const t of timers) clearTimeout(t)
  await paced.close()

  const pool = new Pool(url, { connections: 16, pipelining: 1 })
  let next = 0
  const bareCpu0 = cpuMs()
  const bareT0 = performance.now()
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < bareRequests) {
        const path = targets[next++ % Math.min(targets.length, 5000)]!
        const res = await pool.request({
          path: `${path}?timestamp=${Math.floor(Date.now() / 1000)}`,
          method: 'GET',
          headers: { discovery_agent_version: AGENT_IMAGE }
        })
        await res.body.text()
      }
    })
  )
  const bareCpuPerRequest = (cpuMs() - bareCpu0) / bareRequests
  const bareRate = bareRequests / ((performance.now() - bareT0) / 1000)
  await pool.close()
  await api.close()
  child.kill('SIGTERM')

  const perHostKiB = (rssIdle - rssBase) / launched / 1024
  const fmt = (n: number, d = 1): string => n.toFixed(d)
  console.log(
    `native hosts:             ${launched} (${infraEnvs} infra-envs), ramp ${fmt(rampS)} s at ${rate}/s target`
  )
  console.log(`RSS before plan / idle:   ${fmt(rssBase / 2 ** 20)} MiB / ${fmt(rssIdle / 2 ** 20)} MiB`)
  console.log(`RSS per idle host:        ${fmt(perHostKiB, 2)} KiB (goal <= 40 KiB)`)
  console.log(
    `idle window:              ${fmt(seconds)} s, ${requests} requests (${fmt(requests / seconds)}/s), transport max queue ${after.maxQueued}`
  )
  console.log(
    `client CPU while idle:    ${fmt(((cpu1 - cpu0) / (seconds * 1000)) * 100)} % of a core; simulator ${fmt(((simCpu1 - simCpu0) / (seconds * 1000)) * 100)} %`
  )
  console.log(`client CPU per request:   native ${fmt(nativeCpuPerRequest * 1000, 0)} us`)
  console.log(
    `  bare undici, paced:     ${fmt(pacedCpuPerRequest * 1000, 0)} us (${fmt(pacedRate)}/s, one loop per host, same pool size) -> native/bare ${fmt(nativeCpuPerRequest / pacedCpuPerRequest, 2)}x (goal <= 2x)`
  )
  console.log(
    `  bare undici, tight:     ${fmt(bareCpuPerRequest * 1000, 0)} us (${fmt(bareRate, 0)}/s on 16 connections) -> native/bare ${fmt(nativeCpuPerRequest / bareCpuPerRequest, 2)}x`
  )
  if (polls) {
    const h = decodeLatencyHistogram(polls.hist)
    console.log(
      `next-steps latency:       p50 ${fmt(h.getValueAtPercentile(50) / 1000)} ms, p99 ${fmt(h.getValueAtPercentile(99) / 1000)} ms (queueing included), errors ${polls.err}`
    )
  }
  console.log(
    `timeline:                 ${[...recorder.events.entries()].map(([k, v]) => `${k}=${v}`).join(' ')}`
  )
}

// ---- the simulator child ----
if (process.argv.includes('--sim-child')) {
  const { startSimulator } = await import('../src/sim/index.js')
  const sim = await startSimulator({ port: 0, profile: 'real' })
  process.stdout.write(JSON.stringify({ url: sim.url }) + '\n')
  const stop = (): void => {
    void sim.close().finally(() => process.exit(0))
  }
  process.on('SIGTERM', stop)
  process.stdin.on('end', stop)
  process.stdin.resume()
} else {
  await main()
}
