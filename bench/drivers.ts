/**
 * bench/drivers: what a host costs the runner with the native driver and with the process driver (the real
 * agent, installer and controller in dry run), on the same small plan in the same run.
 *
 * The embedded simulator (fast profile) runs in a child process of its own, fresh for each driver, so neither
 * driver's figures include it. Each swarm runs in a child process too (launch-swarm with the chosen driver,
 * the plan's own timing), one driver after the other so they do not compete for the cores:
 * - native: the swarm process's own CPU and RSS (hosts, controllers and the swarm's orchestration in one
 *   process), sampled every --sample-ms; per host = total ÷ hosts, and RSS above the process's baseline
 *   before the plan (its Node runtime) ÷ hosts;
 * - process: each box (host or controller) summed over its processes from /proc, as the driver's own samples
 *   are (src/drivers/process/proc-stats.ts: CPU of the live processes plus what they collected from ended
 *   children; RSS and PSS of the live processes), sampled every --sample-ms; the swarm process itself (driver,
 *   relay, orchestration) is printed apart, and the CPU of every reaped descendant as a cross-check.
 *
 *   npx tsx bench/drivers.ts [--sno 1] [--compact 1] [--sample-ms 1000] [--binaries DIR] [--keep]
 *   npm run bench -- drivers
 *   BENCH_DRIVERS_PROFILE=/tmp/prof npx tsx bench/drivers.ts   # also a CPU profile of each swarm process
 *
 * Needs what the process driver needs (root, util-linux, iproute2: docs/drivers.md) and the patched binaries:
 * --binaries DIR (build-push-images --binaries), else they are built once into the cache from the snapshots in
 * ../shared/upstream/sources when present (minutes when cold; Go needed). Prints why and exits 0 when it cannot
 * run. Figures and the command are in docs/drivers.md.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { Driver } from '../src/drivers/driver.js'
import { ensureProcessBinaries } from '../src/drivers/process/build-cache.js'
import { processDriverProblem } from '../src/drivers/process/index.js'
import { selfAndChildrenCpuMs } from '../src/drivers/process/proc-stats.js'
import type { RealDriver } from '../src/drivers/process/real-driver.js'
import { startSimulator } from '../src/sim/index.js'
import { onSwarmDriver } from '../src/swarm/driver-factory.js'
import { launchSwarm } from '../src/swarm/launch-swarm.js'
import { noProgress } from '../src/swarm/progress/sinks.js'
import { errorMessage } from '../src/util/errors.js'
import { createConsoleLogger, silentLogger } from '../src/util/logging.js'

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)))
const SELF = fileURLToPath(import.meta.url)
const SOURCES = resolve(ROOT, '..', 'shared', 'upstream', 'sources')
const BUNDLES = {
  agent: join(SOURCES, 'assisted-installer-agent.bundle'),
  installer: join(SOURCES, 'assisted-installer.bundle')
}

type DriverName = 'native' | 'process'

interface SwarmRequest {
  driver: DriverName
  planPath: string
  runDir: string
  simUrl: string
  binariesDir?: string
  sampleMs: number
}

/** Figures of one box (process driver) over its life. */
interface BoxFigures {
  kind: 'host' | 'controller'
  cpuMs: number
  peakRssBytes: number
  avgRssBytes: number
  peakPssBytes: number
  avgPssBytes: number
  samples: number
}

interface SwarmResult {
  driver: DriverName
  reason: string
  hosts: number
  hostsInstalled: number
  clusters: number
  clustersInstalled: number
  wallMs: number
  /** The swarm process itself, during launch-swarm. */
  selfCpuMs: number
  /** Every descendant the swarm process reaped (boxes, relay), during launch-swarm. */
  childrenCpuMs: number
  /** The swarm process's RSS before the plan, and its peak and average during the run. */
  baselineRssBytes: number
  peakRssBytes: number
  avgRssBytes: number
  /** process driver: per box name. */
  boxes?: Record<string, BoxFigures>
  /** process driver: the largest sum over the boxes running at one sample. */
  peakBoxesRssBytes?: number
  peakBoxesPssBytes?: number
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1]! : (process.env[`BENCH_DRIVERS_${name.toUpperCase()}`] ?? fallback)
}

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc
  if (g) return g()
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
}

const cpuMs = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

/** The plan both drivers run: N single-node and M 3-master clusters, timed like the real programs in dry run. */
function writePlan(path: string, sno: number, compact: number): void {
  const clusters = [
    ...(sno ? [`  - amount: ${sno}`, '    single_node: true'] : []),
    ...(compact ? [`  - amount: ${compact}`, '    masters: 3', '    workers: 0'] : [])
  ]
  writeFileSync(
    path,
    [
      'name: bench-drivers',
      'target: {kind: simulator, profile: fast}',
      "openshift_version: '4.18'",
      'clusters:',
      ...clusters,
      'ramp: {hosts_per_second: 20, max_clusters_in_flight: 4}',
      // the same timing as test/drivers/fixtures/fidelity.yaml: what the real programs take in dry run
      'timing:',
      '  default_stage: 50ms',
      "  stages: {'Writing image to disk': 300ms}",
      '  controller_ready: 1s',
      '  node_ready: 1s',
      '  operators_available: 1s',
      '  controller_poll: 5s',
      '  jitter: 0.1',
      'deadline: 8m',
      'seed: 5',
      ''
    ].join('\n')
  )
}

// ---------------------------------------------------------------- children

/** `--sim-child`: the simulator (fast profile) on 127.0.0.1; prints its URL, ends when stdin closes. */
async function simChild(): Promise<void> {
  const sim = await startSimulator({ port: 0, profile: 'fast', logger: silentLogger })
  process.stdout.write(JSON.stringify({ url: sim.url }) + '\n')
  process.stdin.resume()
  process.stdin.on('end', () => void sim.close().then(() => process.exit(0)))
}

/** `--swarm-child <request.json>`: one launch-swarm with the chosen driver, sampled; prints the result. */
async function swarmChild(requestFile: string): Promise<void> {
  const request = JSON.parse(readFileSync(requestFile, 'utf8')) as SwarmRequest
  // what launch-swarm loads on demand is loaded (and, under tsx, compiled) before anything is measured
  await Promise.all([
    import('../src/drivers/native.js'),
    import('../src/drivers/process/index.js'),
    import('../src/swarm/rate-limiter.js')
  ])
  for (let i = 0; i < 3; i++) gc()
  const baselineRssBytes = process.memoryUsage.rss()
  let driver: Driver | undefined
  onSwarmDriver(d => (driver = d))

  const boxes = new Map<string, BoxFigures & { rssSum: number; pssSum: number }>()
  const lastSeen = new Map<string, object>()
  const boxesPeak = { rss: 0, pss: 0 }
  let rssPeak = 0
  let rssSum = 0
  let rssSamples = 0
  const sample = (): void => {
    const rss = process.memoryUsage.rss()
    rssPeak = Math.max(rssPeak, rss)
    rssSum += rss
    rssSamples++
    if (!driver || driver.kind === 'native') return
    const real = driver as RealDriver
    real.sampleNow({ pss: true })
    let tickRss = 0
    let tickPss = 0
    for (const [name, u] of real.usage()) {
      // usage() keeps a box's last sample after it ended: only a new object is a new sample
      if (lastSeen.get(name) === u) continue
      lastSeen.set(name, u)
      let b = boxes.get(name)
      if (!b) {
        b = {
          kind: name.endsWith('-controller') ? 'controller' : 'host',
          cpuMs: 0,
          peakRssBytes: 0,
          avgRssBytes: 0,
          peakPssBytes: 0,
          avgPssBytes: 0,
          samples: 0,
          rssSum: 0,
          pssSum: 0
        }
        boxes.set(name, b)
      }
      b.cpuMs = Math.max(b.cpuMs, u.cpuMs)
      b.peakRssBytes = Math.max(b.peakRssBytes, u.rssBytes)
      b.peakPssBytes = Math.max(b.peakPssBytes, u.pssBytes ?? 0)
      b.rssSum += u.rssBytes
      b.pssSum += u.pssBytes ?? 0
      b.samples++
      tickRss += u.rssBytes
      tickPss += u.pssBytes ?? 0
    }
    boxesPeak.rss = Math.max(boxesPeak.rss, tickRss)
    boxesPeak.pss = Math.max(boxesPeak.pss, tickPss)
  }
  const timer = setInterval(sample, request.sampleMs)
  const started = Date.now()
  const cpuBefore = cpuMs()
  const childrenBefore = selfAndChildrenCpuMs().childrenMs
  const abort = new AbortController()
  process.once('SIGTERM', () => abort.abort())
  process.once('SIGINT', () => abort.abort())
  const launched = await launchSwarm(
    {
      planPath: request.planPath,
      runId: `bench-${request.driver}`,
      runDir: request.runDir,
      shard: { index: 0, count: 1 },
      driver: request.driver,
      ...(request.binariesDir ? { binariesDir: request.binariesDir } : {}),
      cleanup: false,
      progressIntervalMs: 60_000
    },
    {
      logger: createConsoleLogger({ quiet: true }),
      signal: abort.signal,
      progress: noProgress,
      embedded: { url: request.simUrl, close: () => Promise.resolve() }
    }
  )
  clearInterval(timer)
  const result: SwarmResult = {
    driver: request.driver,
    reason: launched.reason,
    hosts: launched.plan.clusters.reduce((n, c) => n + c.hosts.length, 0),
    hostsInstalled: launched.hostsInstalled,
    clusters: launched.plan.clusters.length,
    clustersInstalled: launched.clustersInstalled,
    wallMs: Date.now() - started,
    selfCpuMs: cpuMs() - cpuBefore,
    childrenCpuMs: selfAndChildrenCpuMs().childrenMs - childrenBefore,
    baselineRssBytes,
    peakRssBytes: rssPeak,
    avgRssBytes: rssSamples ? rssSum / rssSamples : 0,
    ...(boxes.size
      ? {
          peakBoxesRssBytes: boxesPeak.rss,
          peakBoxesPssBytes: boxesPeak.pss,
          boxes: Object.fromEntries(
            [...boxes].map(([name, { rssSum: r, pssSum: p, ...b }]) => [
              name,
              { ...b, avgRssBytes: r / b.samples, avgPssBytes: p / b.samples }
            ])
          )
        }
      : {})
  }
  process.stdout.write(`\nRESULT ${JSON.stringify(result)}\n`)
}

// ---------------------------------------------------------------- the bench

function startSimChild(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [...process.execArgv, SELF, '--sim-child'], {
    stdio: ['pipe', 'pipe', 'inherit']
  })
  const ended = new Promise<void>(r => child.once('exit', () => r()))
  return new Promise((resolveSim, reject) => {
    createInterface({ input: child.stdout }).once('line', line =>
      resolveSim({
        url: (JSON.parse(line) as { url: string }).url,
        stop: () => {
          child.stdin.end()
          return ended
        }
      })
    )
    child.once('exit', code => reject(new Error(`the simulator exited with ${code}`)))
  })
}

async function runSwarm(request: SwarmRequest, work: string): Promise<SwarmResult> {
  const file = join(work, `${request.driver}.request.json`)
  writeFileSync(file, JSON.stringify(request))
  const profile = process.env.BENCH_DRIVERS_PROFILE
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      '--expose-gc',
      ...(profile
        ? ['--cpu-prof', '--cpu-prof-dir', profile, '--cpu-prof-name', `${request.driver}.cpuprofile`]
        : []),
      SELF,
      '--swarm-child',
      file
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  )
  let result: SwarmResult | undefined
  createInterface({ input: child.stdout }).on('line', line => {
    if (line.startsWith('RESULT ')) result = JSON.parse(line.slice(7)) as SwarmResult
    else if (line.trim()) console.log(`  ${request.driver}: ${line}`)
  })
  const code = await new Promise<number | null>(r => child.once('close', r))
  if (code !== 0 || !result) throw new Error(`the ${request.driver} swarm ended with ${code}`)
  return result
}

const s = (ms: number): string => (ms / 1000).toFixed(2)
// a growth below the process's baseline (the heap shrank after the plan loaded) is noise: shown as ~0
const mb = (bytes: number): string => (bytes < 0 ? '~0' : (bytes / 1e6).toFixed(1))
const ratio = (a: number, b: number): string => (b > 0 && a >= 0 ? `${(a / b).toFixed(1)}x` : '-')

function report(native: SwarmResult, real: SwarmResult): void {
  const boxes = Object.entries(real.boxes ?? {}).sort(([a], [b]) => a.localeCompare(b))
  const hostBoxes = boxes.filter(([, b]) => b.kind === 'host').map(([, b]) => b)
  const sum = (list: BoxFigures[], f: (b: BoxFigures) => number): number => list.reduce((n, b) => n + f(b), 0)
  const hosts = native.hosts
  const boxesCpu = sum(
    boxes.map(([, b]) => b),
    b => b.cpuMs
  )
  console.log(
    `\nplan: ${hosts} hosts in ${native.clusters} clusters; native ${native.reason} (${native.hostsInstalled} hosts installed) ` +
      `in ${s(native.wallMs)} s, process ${real.reason} (${real.hostsInstalled} hosts installed) in ${s(real.wallMs)} s\n`
  )
  console.log('process driver, per box (sampled from /proc; CPU includes ended children):')
  console.log(
    '  box                                  CPU s   peak RSS MB   avg RSS MB   peak PSS MB   avg PSS MB'
  )
  for (const [name, b] of boxes)
    console.log(
      `  ${name.padEnd(35)} ${s(b.cpuMs).padStart(6)} ${mb(b.peakRssBytes).padStart(13)} ${mb(b.avgRssBytes).padStart(12)}` +
        ` ${mb(b.peakPssBytes).padStart(13)} ${mb(b.avgPssBytes).padStart(12)}`
    )
  console.log(
    `  all boxes at once, peak: RSS ${mb(real.peakBoxesRssBytes ?? 0)} MB, PSS ${mb(real.peakBoxesPssBytes ?? 0)} MB`
  )
  for (const r of [native, real])
    console.log(
      `${r.driver} driver, the swarm process${r.driver === 'native' ? ' (hosts, controllers, orchestration)' : ' (driver, relay, orchestration)'}: ` +
        `${s(r.selfCpuMs)} s CPU; RSS ${mb(r.baselineRssBytes)} MB before the plan, peak ${mb(r.peakRssBytes)} MB, average ${mb(r.avgRssBytes)} MB` +
        (r.driver === 'process'
          ? `; every reaped descendant (boxes, relay): ${s(r.childrenCpuMs)} s CPU`
          : '')
    )
  const perHost = {
    nativeCpu: native.selfCpuMs / hosts,
    boxesCpu: boxesCpu / hosts,
    nativeRun: native.selfCpuMs / hosts,
    realRun: (real.selfCpuMs + real.childrenCpuMs) / hosts,
    nativePeak: (native.peakRssBytes - native.baselineRssBytes) / hosts,
    nativeAvg: (native.avgRssBytes - native.baselineRssBytes) / hosts,
    realPeak: sum(hostBoxes, b => b.peakRssBytes) / hostBoxes.length,
    realAvg: sum(hostBoxes, b => b.avgRssBytes) / hostBoxes.length,
    realPeakPss: sum(hostBoxes, b => b.peakPssBytes) / hostBoxes.length,
    realAvgPss: sum(hostBoxes, b => b.avgPssBytes) / hostBoxes.length,
    nativeWhole: native.peakRssBytes / hosts,
    realWhole: (real.peakRssBytes + (real.peakBoxesPssBytes ?? 0)) / hosts
  }
  console.log('\nper host                                              native     process   process/native')
  const row = (what: string, a: number, b: number, unit: (n: number) => string): void =>
    console.log(
      `  ${what.padEnd(50)} ${unit(a).padStart(9)} ${unit(b).padStart(11)} ${ratio(b, a).padStart(16)}`
    )
  row('CPU s: hosts and controllers [1]', perHost.nativeCpu, perHost.boxesCpu, s)
  row('CPU s: the whole run but the simulator [2]', perHost.nativeRun, perHost.realRun, s)
  row('peak RSS MB of a host [3]', perHost.nativePeak, perHost.realPeak, mb)
  row('average RSS MB of a host [3]', perHost.nativeAvg, perHost.realAvg, mb)
  row('peak PSS MB of a host [4]', perHost.nativePeak, perHost.realPeakPss, mb)
  row('average PSS MB of a host [4]', perHost.nativeAvg, perHost.realAvgPss, mb)
  row('peak memory of the whole run ÷ hosts [5]', perHost.nativeWhole, perHost.realWhole, mb)
  console.log(
    [
      '  [1] native: the whole swarm process (hosts, controllers and the orchestration: not separable);',
      '      process: the boxes of hosts and controllers, from /proc',
      '  [2] native: the swarm process; process: the swarm process and every descendant it reaped',
      "  [3] native: the swarm process's RSS above its RSS before the plan (its Node runtime), ÷ hosts;",
      "      process: a host's box, every process's RSS added (shared pages counted in each, as ps does)",
      '  [4] process: proportional set size (shared pages split between the processes that map them)',
      "  [5] native: the swarm process's peak RSS; process: the swarm process's peak RSS + the boxes' peak PSS together"
    ].join('\n')
  )
}

async function main(): Promise<void> {
  const sno = Number(arg('sno', '1'))
  const compact = Number(arg('compact', '1'))
  const sampleMs = Number(arg('sample-ms', '1000'))
  const keep = process.argv.includes('--keep')
  const problem = processDriverProblem()
  if (problem) {
    console.log(`skipped: the process driver cannot run here: ${problem}`)
    return
  }
  let binariesDir = arg('binaries', '')
  if (!binariesDir) {
    const started = Date.now()
    try {
      const built = await ensureProcessBinaries({
        componentsFile: join(ROOT, 'components.yaml'),
        ...(Object.values(BUNDLES).every(b => existsSync(b)) ? { upstreamOverrides: BUNDLES } : {}),
        logger: silentLogger
      })
      binariesDir = built.dir
      console.log(
        `process binaries ${built.cacheHit ? 'from the cache' : 'built'} in ${s(Date.now() - started)} s: ${binariesDir}`
      )
    } catch (e) {
      console.log(`skipped: no patched binaries (pass --binaries DIR): ${errorMessage(e)}`)
      return
    }
  }
  const work = mkdtempSync(join(tmpdir(), 'bench-drivers-'))
  const planPath = join(work, 'plan.yaml')
  writePlan(planPath, sno, compact)
  try {
    const results: Partial<Record<DriverName, SwarmResult>> = {}
    for (const driver of ['native', 'process'] as const) {
      const sim = await startSimChild()
      try {
        console.log(`running the plan with the ${driver} driver ...`)
        results[driver] = await runSwarm(
          {
            driver,
            planPath,
            runDir: join(work, driver),
            simUrl: sim.url,
            sampleMs,
            ...(driver === 'process' ? { binariesDir } : {})
          },
          work
        )
      } finally {
        await sim.stop()
      }
    }
    report(results.native!, results.process!)
    const incomplete = Object.values(results).filter(r => r.hostsInstalled !== r.hosts)
    if (incomplete.length) {
      console.log(`not every host installed with: ${incomplete.map(r => r.driver).join(', ')}`)
      process.exitCode = 1
    }
  } finally {
    if (keep) console.log(`run directories kept in ${work}`)
    else rmSync(work, { recursive: true, force: true })
  }
}

if (process.argv.includes('--sim-child')) await simChild()
else if (process.argv.includes('--swarm-child'))
  await swarmChild(process.argv[process.argv.indexOf('--swarm-child') + 1]!)
else await main()
