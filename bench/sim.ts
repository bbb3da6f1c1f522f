/**
 * bench/sim: the simulator's hot routes against a bare node:http floor, and its memory per host.
 *
 * Each server runs in its own child process, so its CPU is measured alone (process.cpuUsage in the child):
 * - bare: node:http answering every GET with a fixed body (a real steps response copied from the simulator)
 *   and every POST with 204;
 * - sim: the simulator with N hosts registered in 3+2 clusters and brought to `known` (inventory, connectivity,
 *   NTP, DNS, free-address and VIP replies), then polled at random over loopback.
 * Printed per server and route: requests/s seen by the client, server CPU µs per request, and the ratio to the
 * bare floor (goal: within 2x), first with the client as fast as it can (closed loop: a slower server also pays
 * more per request in wake-ups), then at the same fixed rate for both; then heap per registered host, before and after the discovery replies, with
 * the stored inventory text subtracted (goal: at most 4 KiB).
 *
 *   npx tsx bench/sim.ts [--hosts 10000,100000] [--seconds 5] [--rounds 3] [--connections 32] [--rate 2000]
 *   npm run bench -- sim
 */
import { spawn, type ChildProcess } from 'node:child_process'
import type { Session } from 'node:inspector'
import { writeFileSync, readFileSync, mkdtempSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { Pool } from 'undici'
import { createSimulator } from '../src/sim/index.js'
import { domainsToResolve } from '../src/sim/host/dns.js'
import { checkIn, registerHost } from '../src/sim/service/host-service.js'
import { registerCluster } from '../src/sim/service/cluster-service.js'
import { registerInfraEnv } from '../src/sim/service/infra-env-service.js'
import { applyStepReply } from '../src/sim/service/step-replies.js'
import { nextStepsJson } from '../src/sim/steps/next-steps.js'
import { FakeHost } from '../test/sim/support/fake-host.js'

const AGENT = 'quay.io/edge-infrastructure/assisted-installer-agent:latest'
const PULL_SECRET = JSON.stringify({
  auths: { 'cloud.openshift.com': { auth: Buffer.from('bench:bench').toString('base64') } }
})
const API = '/api/assisted-install/v2'
const CLUSTER_SIZE = 5

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1]! : (process.env[`BENCH_SIM_${name.toUpperCase()}`] ?? fallback)
}

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc
  if (g) return g()
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
}

function heapAfterGc(): number {
  for (let i = 0; i < 4; i++) gc()
  return process.memoryUsage().heapUsed
}

function hostId(i: number): string {
  return `b0000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`
}

/** Child: the simulator with `n` hosts brought to known. */
async function simChild(n: number): Promise<void> {
  const heap0 = heapAfterGc()
  const simulator = await createSimulator({ profile: 'real', timings: { fullScanIntervalMs: 0 } })
  await simulator.monitors.stop()
  const sim = simulator.sim
  const heapEmpty = heapAfterGc()
  const dummy = { call: () => Promise.reject(new Error('offline')) }
  // Hosts are set up through the service layer (the HTTP routes are what is measured afterwards).
  let hosts: { ie: string; id: string; hostname: string; ip: string; mac: string }[] = []
  const fake = (h: (typeof hosts)[number]): FakeHost =>
    new FakeHost(dummy, h.ie, { id: h.id, hostname: h.hostname, ip: h.ip, mac: h.mac })
  const clusters = Math.ceil(n / CLUSTER_SIZE)
  const now = (): number => Math.floor(sim.now() / 1000)
  for (let c = 0; c < clusters; c++) {
    const net = `10.${c >> 8}.${c & 255}`
    const cluster = registerCluster(sim, {
      name: `bench-${c}`,
      openshift_version: '4.18',
      pull_secret: PULL_SECRET,
      base_dns_domain: 'bench.example.com',
      control_plane_count: 3,
      api_vips: [{ ip: `${net}.250` }],
      ingress_vips: [{ ip: `${net}.251` }],
      machine_networks: [{ cidr: `${net}.0/24` }]
    })
    const ie = registerInfraEnv(sim, { name: `bench-${c}`, pull_secret: PULL_SECRET, cluster_id: cluster.id })
    for (let k = 0; k < CLUSTER_SIZE && hosts.length < n; k++) {
      const spec = {
        ie: ie.id,
        id: hostId(hosts.length),
        hostname: `bench-${c}-${k}`,
        ip: `${net}.${10 + k}`,
        mac: `52:54:${(c >> 8).toString(16).padStart(2, '0')}:${(c & 255).toString(16).padStart(2, '0')}:00:${k.toString(16).padStart(2, '0')}`
      }
      const host = registerHost(sim, ie.id, spec.id, AGENT)
      checkIn(sim, host, now(), AGENT)
      hosts.push(spec)
    }
  }
  await simulator.runMonitors()
  const heapRegistered = heapAfterGc() - 0
  const reply = (h: (typeof hosts)[number], type: string, args: string[]): void => {
    const host = sim.store.host(h.ie, h.id)!
    const out = fake(h).reply({ step_type: type, step_id: `${type}-0`, args })
    if (out)
      applyStepReply(sim, host, { step_type: type, step_id: `${type}-0`, exit_code: 0, output: out.output })
  }
  for (const h of hosts) reply(h, 'inventory', [h.id])
  await simulator.runMonitors()
  for (let start = 0; start < hosts.length; start += CLUSTER_SIZE) {
    const group = hosts.slice(start, start + CLUSTER_SIZE)
    for (const h of group) {
      const host = sim.store.host(h.ie, h.id)!
      const cluster = sim.store.clusterOf(host)!
      checkIn(sim, host, now(), AGENT)
      const peers = group
        .filter(p => p !== h)
        .map(p => ({ host_id: p.id, nics: [{ name: 'eth0', mac: p.mac, ip_addresses: [`${p.ip}/24`] }] }))
      reply(h, 'connectivity-check', [JSON.stringify(peers)])
      reply(h, 'ntp-synchronizer', ['{}'])
      reply(h, 'domain-resolution', [
        JSON.stringify({ domains: domainsToResolve(cluster).map(domain_name => ({ domain_name })) })
      ])
      reply(h, 'free-network-addresses', [JSON.stringify([cluster.machineNetworks[0]!.cidr])])
      reply(h, 'verify-vips', [
        JSON.stringify([
          ...cluster.apiVips.map(v => ({ vip: v.ip, vip_type: 'api' })),
          ...cluster.ingressVips.map(v => ({ vip: v.ip, vip_type: 'ingress' }))
        ])
      ])
    }
  }
  for (let i = 0; i < 4; i++) await simulator.runMonitors()
  const statuses = Object.fromEntries([...sim.store.hostStatusCounts].filter(([, c]) => c > 0))
  const sample = hosts.filter((_, i) => i % Math.max(1, Math.floor(n / 20000)) === 0).map(h => [h.ie, h.id])
  const firstSpec = hosts[0]!
  const ntpOutput = fake(firstSpec).reply({
    step_type: 'ntp-synchronizer',
    step_id: 'x',
    args: ['{}']
  })!.output
  const first = sim.store.host(firstSpec.ie, firstSpec.id)!
  hosts = []
  const heapKnown = heapAfterGc()
  if (process.env.BENCH_SIM_HEAPSNAPSHOT)
    writeHeapSnapshot(join(process.env.BENCH_SIM_HEAPSNAPSHOT, `sim-${n}.heapsnapshot`))
  // Each distinct text once: the simulator keeps texts equal across hosts (DNS, NTP, free addresses) once.
  const texts = { inventory: new Set<string>(), connectivity: new Set<string>(), domains: new Set<string>() }
  const more = { freeAddresses: new Set<string>(), ntp: new Set<string>() }
  for (const host of sim.store.allHosts()) {
    texts.inventory.add(host.inventory)
    texts.connectivity.add(host.connectivity)
    texts.domains.add(host.domainResolutions)
    more.freeAddresses.add(host.freeAddresses)
    more.ntp.add(host.ntpSources)
  }
  const length = (set: Set<string>): number => [...set].reduce((sum, text) => sum + text.length, 0)
  const breakdown = {
    inventory: length(texts.inventory),
    connectivity: length(texts.connectivity),
    domains: length(texts.domains),
    freeAddresses: length(more.freeAddresses),
    ntp: length(more.ntp)
  }
  await simulator.app.listen({ host: '127.0.0.1', port: 0 })
  const address = simulator.app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const dir = mkdtempSync(join(tmpdir(), 'bench-sim-'))
  writeFileSync(
    join(dir, 'sample.json'),
    JSON.stringify({ sample, body: nextStepsJson(sim, first), ntpOutput })
  )
  process.stdout.write(
    JSON.stringify({
      ready: true,
      port,
      dir,
      statuses,
      events: sim.events.total,
      memory: { heap0, heapEmpty, heapRegistered, heapKnown, ...breakdown, hosts: n }
    }) + '\n'
  )
  serveCpuRequests()
}

/** Child: node:http with a fixed body. */
function bareChild(bodyFile: string): void {
  const body = Buffer.from(readFileSync(bodyFile, 'utf8'))
  const server = createServer((req, res) => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length })
      res.end(body)
      return
    }
    req.resume()
    req.on('end', () => {
      res.writeHead(204)
      res.end()
    })
  })
  server.keepAliveTimeout = 72_000
  server.listen(0, '127.0.0.1', () => {
    const address = server.address()
    process.stdout.write(
      JSON.stringify({ ready: true, port: typeof address === 'object' && address ? address.port : 0 }) + '\n'
    )
    serveCpuRequests()
  })
}

/** Answers "cpu" lines on stdin with the process's CPU time so far (µs); BENCH_SIM_PROFILE=dir profiles each run. */
function serveCpuRequests(): void {
  const lines = createInterface({ input: process.stdin })
  const profileDir = process.env.BENCH_SIM_PROFILE
  let session: Session | undefined
  let runs = 0
  lines.on('line', line => {
    if (profileDir && line === 'cpu') {
      void import('node:inspector').then(({ Session }) => {
        if (!session) {
          session = new Session()
          session.connect()
          session.post('Profiler.enable', () => session!.post('Profiler.start'))
          return
        }
        const s = session
        session = undefined
        s.post('Profiler.stop', (_err, result) => {
          writeFileSync(
            join(profileDir, `run-${process.pid}-${runs++}.cpuprofile`),
            JSON.stringify(result.profile)
          )
          s.disconnect()
        })
      })
    }
    if (line === 'cpu') {
      const u = process.cpuUsage()
      process.stdout.write(JSON.stringify({ cpu: u.user + u.system }) + '\n')
    }
    if (line === 'exit') process.exit(0)
  })
}

interface Child {
  proc: ChildProcess
  info: Record<string, unknown>
  cpu(): Promise<number>
  stop(): void
}

function startChild(args: string[]): Promise<Child> {
  const proc = spawn(
    process.execPath,
    [
      ...process.execArgv,
      '--expose-gc',
      '--max-old-space-size=8192',
      fileURLToPath(import.meta.url),
      ...args
    ],
    {
      stdio: ['pipe', 'pipe', 'inherit']
    }
  )
  const lines = createInterface({ input: proc.stdout! })
  const waiting: ((v: Record<string, unknown>) => void)[] = []
  lines.on('line', line => waiting.shift()?.(JSON.parse(line) as Record<string, unknown>))
  const next = (): Promise<Record<string, unknown>> => new Promise(resolve => waiting.push(resolve))
  return new Promise((resolve, reject) => {
    proc.once('exit', code => reject(new Error(`bench child exited with ${code}`)))
    void next().then(info =>
      resolve({
        proc,
        info,
        async cpu() {
          const answer = next()
          proc.stdin!.write('cpu\n')
          return (await answer).cpu as number
        },
        stop() {
          proc.removeAllListeners('exit')
          proc.stdin!.write('exit\n')
        }
      })
    )
  })
}

interface Load {
  method: 'GET' | 'POST'
  path: () => string
  body?: () => string
}

/**
 * Keeps `connections` requests in flight for `seconds` (after a 1 s warm-up); returns requests and server CPU.
 * With a `rate`, requests start on a fixed schedule of that many per second instead (open loop, at most
 * `connections` in flight), so both servers are compared at the same load.
 */
async function run(
  child: Child,
  load: Load,
  seconds: number,
  connections: number,
  rate = 0
): Promise<{ rps: number; cpuUs: number; errors: number }> {
  const pool = new Pool(`http://127.0.0.1:${child.info.port as number}`, { connections, pipelining: 1 })
  let count = 0
  let errors = 0
  let measuring = false
  let stopAt = Date.now() + 1000 + seconds * 1000
  const schedule = { start: performance.now(), issued: 0 }
  const worker = async (): Promise<void> => {
    while (Date.now() < stopAt) {
      if (rate > 0) {
        const wait = schedule.start + (schedule.issued++ * 1000) / rate - performance.now()
        if (wait > 0) await new Promise(r => setTimeout(r, wait))
      }
      try {
        const response = await pool.request({
          method: load.method,
          path: load.path(),
          headers: load.body
            ? { 'content-type': 'application/json', discovery_agent_version: AGENT }
            : { discovery_agent_version: AGENT },
          ...(load.body ? { body: load.body() } : {})
        })
        await response.body.dump()
        if (response.statusCode >= 400) errors++
        if (measuring) count++
      } catch {
        errors++
      }
    }
  }
  const workers = Array.from({ length: connections }, worker)
  await new Promise(r => setTimeout(r, 1000))
  const cpu0 = await child.cpu()
  const t0 = performance.now()
  measuring = true
  stopAt = Date.now() + seconds * 1000
  await new Promise(r => setTimeout(r, seconds * 1000))
  measuring = false
  const elapsed = (performance.now() - t0) / 1000
  const cpu1 = await child.cpu()
  await Promise.all(workers)
  await pool.close()
  return { rps: count / elapsed, cpuUs: (cpu1 - cpu0) / Math.max(1, count), errors }
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
}

async function main(): Promise<void> {
  if (process.argv.includes('--sim-child'))
    return simChild(Number(process.argv[process.argv.indexOf('--sim-child') + 1]))
  if (process.argv.includes('--bare-child'))
    return bareChild(process.argv[process.argv.indexOf('--bare-child') + 1]!)
  const sizes = arg('hosts', '10000,100000').split(',').map(Number)
  const seconds = Number(arg('seconds', '5'))
  const connections = Number(arg('connections', '32'))
  const rounds = Number(arg('rounds', '3'))
  const rate = Number(arg('rate', '2000'))
  console.log(
    `bench/sim: ${rounds} interleaved rounds of ${seconds}s (after 1s warm-up) per server and route, best round kept; ${connections} keep-alive connections; undici client in this process` +
      (rate > 0 ? `; then the same at a fixed ${fmt(rate)} requests/s` : '')
  )
  const rows: string[] = []
  const rateRows: string[] = []
  const memoryRows: string[] = []
  for (const n of sizes) {
    const started = Date.now()
    const sim = await startChild(['--sim-child', String(n)])
    const info = sim.info as {
      dir: string
      statuses: Record<string, number>
      events: number
      memory: Record<string, number>
    }
    console.log(
      `${fmt(n)} hosts ready in ${fmt((Date.now() - started) / 1000, 1)}s: ${JSON.stringify(info.statuses)}, ${fmt(info.events)} events`
    )
    const { sample, body, ntpOutput } = JSON.parse(readFileSync(join(info.dir, 'sample.json'), 'utf8')) as {
      sample: [string, string][]
      body: string
      ntpOutput: string
    }
    writeFileSync(join(info.dir, 'body.json'), body)
    const bare = await startChild(['--bare-child', join(info.dir, 'body.json')])
    const pick = (): [string, string] => sample[Math.floor(Math.random() * sample.length)]!
    const ts = (): number => Math.floor(Date.now() / 1000)
    const getLoad: Load = {
      method: 'GET',
      path: () => {
        const [ie, h] = pick()
        return `${API}/infra-envs/${ie}/hosts/${h}/instructions?timestamp=${ts()}`
      }
    }
    const postBody = JSON.stringify({
      step_type: 'ntp-synchronizer',
      step_id: 'ntp-synchronizer-0a1b2c3d',
      exit_code: 0,
      output: ntpOutput,
      error: ''
    })
    const postLoad: Load = {
      method: 'POST',
      path: () => {
        const [ie, h] = pick()
        return `${API}/infra-envs/${ie}/hosts/${h}/instructions`
      },
      body: () => postBody
    }
    // Interleaved rounds; the best round of each counts (other processes on the machine only ever add CPU).
    type Result = Awaited<ReturnType<typeof run>>
    const best = (a: Result | undefined, b: Result): Result =>
      !a ? b : { rps: Math.max(a.rps, b.rps), cpuUs: Math.min(a.cpuUs, b.cpuUs), errors: a.errors + b.errors }
    let bareGet: Result | undefined
    let simGet: Result | undefined
    let barePost: Result | undefined
    let simPost: Result | undefined
    for (let round = 0; round < rounds; round++) {
      bareGet = best(bareGet, await run(bare, getLoad, seconds, connections))
      simGet = best(simGet, await run(sim, getLoad, seconds, connections))
      barePost = best(barePost, await run(bare, postLoad, seconds, connections))
      simPost = best(simPost, await run(sim, postLoad, seconds, connections))
    }
    const line = (route: string, b: Result, s: Result): string =>
      `| ${fmt(n)} | ${route} | ${fmt(b.rps)} | ${fmt(b.cpuUs, 1)} | ${fmt(s.rps)} | ${fmt(s.cpuUs, 1)} | ${fmt(s.cpuUs / b.cpuUs, 2)}x | ${s.errors} |`
    rows.push(line(`GET instructions (${body.length} B)`, bareGet!, simGet!))
    rows.push(line('POST step reply (ntp)', barePost!, simPost!))
    if (rate > 0) {
      let rb: [Result | undefined, Result | undefined, Result | undefined, Result | undefined] = [
        undefined,
        undefined,
        undefined,
        undefined
      ]
      for (let round = 0; round < rounds; round++) {
        rb = [
          best(rb[0], await run(bare, getLoad, seconds, connections, rate)),
          best(rb[1], await run(sim, getLoad, seconds, connections, rate)),
          best(rb[2], await run(bare, postLoad, seconds, connections, rate)),
          best(rb[3], await run(sim, postLoad, seconds, connections, rate))
        ]
      }
      rateRows.push(line(`GET instructions at ${fmt(rate)}/s`, rb[0]!, rb[1]!))
      rateRows.push(line(`POST step reply at ${fmt(rate)}/s`, rb[2]!, rb[3]!))
    }
    bare.stop()
    sim.stop()
    const m = info.memory
    const registered = (m.heapRegistered! - m.heapEmpty!) / n
    const known = (m.heapKnown! - m.heapEmpty!) / n
    const replies = (m.connectivity! + m.domains! + m.freeAddresses! + m.ntp!) / n
    memoryRows.push(
      `| ${fmt(n)} | ${fmt(registered)} | ${fmt(known - m.inventory! / n)} | ${fmt(known - m.inventory! / n - replies)} | ${fmt(m.inventory! / n)} | ${fmt(replies)} | ${fmt((m.heapKnown! - m.heap0!) / 1024 / 1024)} |`
    )
  }
  console.log(
    '\n| hosts | route | bare req/s | bare CPU µs/req | sim req/s | sim CPU µs/req | sim/bare CPU | sim errors |'
  )
  console.log('|---|---|---|---|---|---|---|---|')
  for (const r of rows) console.log(r)
  if (rateRows.length) {
    console.log(
      '\n| hosts | route (fixed rate) | bare req/s | bare CPU µs/req | sim req/s | sim CPU µs/req | sim/bare CPU | sim errors |'
    )
    console.log('|---|---|---|---|---|---|---|---|')
    for (const r of rateRows) console.log(r)
  }
  console.log(
    '\n| hosts | heap B/host, registered | B/host after discovery, minus inventory | of which bookkeeping (minus all stored reply texts) | inventory text B/host | other reply texts B/host | heap MiB |'
  )
  console.log('|---|---|---|---|---|---|---|')
  for (const r of memoryRows) console.log(r)
}

main().catch(error => {
  console.error(error)
  process.exit(1)
})
