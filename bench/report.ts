/**
 * collect-results at scale: the report of 100,000 hosts' timelines (4 shards) must take under 10 s with bounded
 * memory. Generates a realistic timeline once (cached in the system temp directory), then measures the report
 * in a fresh child process so its peak RSS is the report's alone.
 *
 *   npx tsx bench/report.ts                 # 100,000 hosts
 *   npx tsx bench/report.ts --hosts 10000   # smaller
 *   npx tsx bench/report.ts --outputs       # also time writing report.json, summary.md, report.html, junit.xml
 *   npx tsx bench/report.ts --archive       # also time logs.tar.gz
 *   npx tsx bench/report.ts --threads 1     # read the shards on one thread (default: one per CPU, at most 4)
 *   npx tsx bench/report.ts --live          # also measure the aggregator's live state after GC (a second pass)
 *
 * The event mix per host follows what launch-swarm records (see test/report/helpers/timeline-generator.ts for
 * the small-scale model): planned, launch, registered, 5 statuses, install, 8–11 installer stages (with the
 * "Writing image to disk" progress repeats), reboot, installed, exit: about 24 records a host, plus 10 per
 * cluster, plus per shard an HTTP snapshot (6 endpoints, HDR histograms) and a counters snapshot every 5 s.
 */
import { spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as hdr from 'hdr-histogram-js'
import { seededRandom } from '../src/util/random.js'

const GENERATOR_VERSION = 4
const T0 = Date.UTC(2026, 0, 1)
const SNAPSHOT_MS = 5000
const SHARDS = 4

const args = process.argv.slice(2)
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}

async function main(): Promise<void> {
  const hosts = Number(option('hosts') ?? 100_000)
  const dir = join(tmpdir(), `assisted-swarm-bench-report-v${GENERATOR_VERSION}-${hosts}`)
  if (!existsSync(join(dir, 'done'))) {
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    const started = performance.now()
    const lines = generate(dir, hosts)
    writeSync(openSync(join(dir, 'done'), 'w'), String(lines))
    console.log(
      `generated ${lines.toLocaleString('en-US')} records for ${hosts.toLocaleString('en-US')} hosts in ${((performance.now() - started) / 1000).toFixed(1)}s → ${dir}`
    )
  } else console.log(`using cached timelines in ${dir}`)
  const bytes = readdirSync(dir)
    .filter(f => f.endsWith('.jsonl'))
    .reduce((n, f) => n + statSync(join(dir, f)).size, 0)
  console.log(`timelines: ${SHARDS} shards, ${(bytes / 1e6).toFixed(0)} MB`)
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--expose-gc',
      fileURLToPath(import.meta.url),
      '--measure',
      dir,
      ...args.filter(a => a === '--outputs' || a === '--archive' || a === '--live'),
      ...(option('threads') ? ['--threads', option('threads')!] : [])
    ],
    {
      stdio: 'inherit'
    }
  )
  process.exit(child.status ?? 1)
}

async function measure(dir: string, outputs: boolean, archive: boolean): Promise<void> {
  const { computeReport } = await import('../src/report/compute-report.js')
  const files = readdirSync(dir)
    .filter(f => f.endsWith('.jsonl'))
    .sort()
    .map(f => join(dir, f))
  const started = performance.now()
  const cpuBefore = process.cpuUsage()
  const threads = option('threads')
  const report = await computeReport({ files, ...(threads ? { threads: Number(threads) } : {}) })
  const seconds = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpuBefore)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  const rssMb = process.resourceUsage().maxRSS / 1024
  const h = report.headline
  console.log(
    `report: ${report.run.records.toLocaleString('en-US')} records, ${h.hosts.launched.toLocaleString('en-US')} hosts, ` +
      `${h.clusters.planned.toLocaleString('en-US')} clusters on ${threads ?? Math.min(availableParallelism(), 4, files.length)} thread(s) in ${seconds.toFixed(2)}s (CPU ${cpuSeconds.toFixed(2)}s) ` +
      `(${Math.round(report.run.records / seconds).toLocaleString('en-US')} records/s), peak RSS ${rssMb.toFixed(0)} MB`
  )
  console.log(
    `  check: ${h.hosts.installed.toLocaleString('en-US')} hosts installed, p95 discovery→known ${h.p95DiscoveryToKnownMs} ms, ${h.httpRequests.toLocaleString('en-US')} requests, ${report.series.points} points of ${report.series.bucketMs / 1000}s`
  )
  if (seconds > 10)
    console.log(
      `  over the 10 s goal (machine load: ${(await import('node:os'))
        .loadavg()
        .map(l => l.toFixed(1))
        .join(' ')})`
    )
  if (outputs || archive) {
    const { OUTPUTS } = await import('../src/report/outputs/file-outputs.js')
    const { silentLogger } = await import('../src/util/logging.js')
    const out = join(dir, 'out')
    mkdirSync(out, { recursive: true })
    const names = [
      ...(outputs ? (['json', 'markdown', 'html', 'junit'] as const) : []),
      ...(archive ? (['logs'] as const) : [])
    ]
    for (const name of names) {
      const t = performance.now()
      const file = await OUTPUTS[name]().stop(report, { runDir: out, timelines: files, logger: silentLogger })
      console.log(
        `  ${name}: ${((performance.now() - t) / 1000).toFixed(2)}s, ${(statSync(file).size / 1e6).toFixed(2)} MB`
      )
    }
    console.log(`  peak RSS with outputs ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`)
  }
}

/** The streaming state alone: what stays in memory however many records there are. */
async function live(dir: string): Promise<void> {
  const { forEachRecord } = await import('../src/report/record-stream.js')
  const { ReportAggregator } = await import('../src/report/aggregate/aggregator.js')
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) return console.log('  live state: run with --expose-gc')
  gc()
  const before = process.memoryUsage()
  const aggregator = new ReportAggregator()
  const files = readdirSync(dir)
    .filter(f => f.endsWith('.jsonl'))
    .map(f => join(dir, f))
  await forEachRecord(files, r => aggregator.add(r))
  gc()
  const after = process.memoryUsage()
  const mb = (after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers) / 1e6
  console.log(
    `  live state after GC: ${mb.toFixed(0)} MB for ${aggregator.hosts.size.toLocaleString('en-US')} hosts (${((mb * 1e6) / aggregator.hosts.size).toFixed(0)} bytes a host)`
  )
}

const STAGES: Record<string, string[]> = {
  sno: [
    'Starting installation',
    'Installing',
    'Waiting for bootkube',
    'Writing image to disk',
    'Copying registry data to disk',
    'Rebooting',
    'Joined',
    'Done'
  ],
  bootstrap: [
    'Starting installation',
    'Installing',
    'Writing image to disk',
    'Copying registry data to disk',
    'Waiting for control plane',
    'Waiting for bootkube',
    'Waiting for controller',
    'Rebooting',
    'Configuring',
    'Joined',
    'Done'
  ],
  master: [
    'Starting installation',
    'Installing',
    'Writing image to disk',
    'Copying registry data to disk',
    'Rebooting',
    'Configuring',
    'Joined',
    'Done'
  ],
  worker: [
    'Starting installation',
    'Installing',
    'Writing image to disk',
    'Waiting for control plane',
    'Rebooting',
    'Waiting for ignition',
    'Configuring',
    'Joined',
    'Done'
  ]
}
const SHAPES = [
  { masters: 1, workers: 0, sno: true },
  { masters: 3, workers: 0, sno: false },
  { masters: 3, workers: 2, sno: false }
]
const ENDPOINTS: [string, number, number][] = [
  ['v2GetNextSteps', 0.34, 3],
  ['v2PostStepReply', 0.3, 8],
  ['v2UpdateHostInstallProgress', 0.02, 4],
  ['v2RegisterHost', 0.001, 6],
  ['v2GetCluster', 0.005, 5],
  ['v2ListHosts', 0.005, 8]
]

/** Writes SHARDS timeline files for `hostCount` hosts; returns the number of records. */
function generate(dir: string, hostCount: number): number {
  const random = seededRandom(2026)
  const between = (lo: number, hi: number): number => Math.round(lo + random() * (hi - lo))
  const hostsPerSecond = 60
  const shards = Array.from({ length: SHARDS }, (_, i) => ({
    fd: openSync(join(dir, `timeline-${i}-of-${SHARDS}.jsonl`), 'w'),
    /** Lines waiting to be written, by second (records are written in time order, as a writer would). */
    pending: new Map<number, [number, string][]>(),
    written: Math.floor(T0 / 1000) - 1,
    chunk: '',
    /** Clusters in flight: until when, and how many hosts poll. */
    active: new Map<number, { until: number; hosts: number }>(),
    lines: 0,
    clusters: 0,
    hosts: 0
  }))
  const emit = (shard: (typeof shards)[number], t: number, record: object): void => {
    const second = Math.floor(t / 1000)
    let list = shard.pending.get(second)
    if (!list) shard.pending.set(second, (list = []))
    list.push([t, JSON.stringify({ t, ...record })])
  }
  /** Writes every pending line before `upTo` (ms), in time order. */
  const write = (shard: (typeof shards)[number], upTo: number): void => {
    const last = Math.floor(upTo / 1000) - 1
    const seconds =
      last === Infinity || !Number.isFinite(last) ? [...shard.pending.keys()].sort((a, b) => a - b) : []
    if (Number.isFinite(last)) for (let s = shard.written + 1; s <= last; s++) seconds.push(s)
    for (const second of seconds) {
      const list = shard.pending.get(second)
      if (!list) continue
      shard.pending.delete(second)
      list.sort((a, b) => a[0] - b[0])
      for (const [, line] of list) {
        shard.chunk += line + '\n'
        shard.lines++
      }
      if (shard.chunk.length > 1 << 20) {
        writeSync(shard.fd, shard.chunk)
        shard.chunk = ''
      }
    }
    if (Number.isFinite(last)) shard.written = Math.max(shard.written, last)
  }
  // Plan first: how many clusters and hosts each shard has.
  const plan: { shape: (typeof SHAPES)[number]; shard: number }[] = []
  for (let hosts = 0, i = 0; hosts < hostCount; i++) {
    const shape = SHAPES[i % SHAPES.length]!
    plan.push({ shape, shard: i % SHARDS })
    hosts += shape.masters + shape.workers
    shards[i % SHARDS]!.clusters++
    shards[i % SHARDS]!.hosts += shape.masters + shape.workers
  }
  shards.forEach((shard, i) =>
    emit(shard, T0, {
      k: 'run',
      ev: 'start',
      run: 'bench',
      shard: `${i}/${SHARDS}`,
      v: 1,
      name: 'bench',
      driver: 'native',
      target: 'simulator',
      clusters: shard.clusters,
      hosts: shard.hosts,
      thresholds: ['p95(host.discovery_to_known) < 60s', 'ratio(cluster.installed) == 1']
    })
  )
  // The plan is recorded up front, as launch-swarm does.
  plan.forEach(({ shape, shard: s }, index) => {
    const c = `cluster-${index}`
    emit(shards[s]!, T0, {
      k: 'cluster',
      c,
      ev: 'planned',
      hosts: shape.masters + shape.workers,
      sno: shape.sno
    })
    for (let i = 0; i < shape.masters + shape.workers; i++) {
      emit(shards[s]!, T0, {
        k: 'host',
        h: `${c}-host-${i}`,
        c,
        ev: 'planned',
        role: i < shape.masters ? 'master' : 'worker'
      })
    }
  })
  let launched = 0
  let end = T0
  let nextSnapshot = T0 + SNAPSHOT_MS
  const snapshotUntil = (t: number): void => {
    for (; nextSnapshot <= t; nextSnapshot += SNAPSHOT_MS) {
      for (const shard of shards) {
        let active = 0
        for (const [c, cluster] of shard.active) {
          if (cluster.until < nextSnapshot - SNAPSHOT_MS) shard.active.delete(c)
          else active += cluster.hosts
        }
        if (!active) continue
        const requests = active * 4 // each active host: ~1 GET + 1 reply per 2.5 s, over 5 s
        const ep: Record<string, object> = {}
        for (const [name, share, median] of ENDPOINTS) {
          const n = Math.max(1, Math.round(requests * share))
          const h = hdr.build({
            lowestDiscernibleValue: 1,
            highestTrackableValue: 3_600_000_000,
            numberOfSignificantValueDigits: 3,
            bitBucketSize: 'packed'
          })
          for (let k = 0; k < 40; k++)
            h.recordValueWithCount(
              Math.max(1, Math.round(median * 1000 * Math.exp((random() + random() + random() - 1.5) * 0.8))),
              Math.max(1, Math.round(n / 40))
            )
          const errors = name === 'v2GetNextSteps' ? Math.round(n * 0.001) : 0
          ep[name] = {
            n: h.totalCount,
            err: errors,
            codes: { '200': h.totalCount - errors, ...(errors ? { '503': errors } : {}) },
            hist: hdr.encodeIntoCompressedBase64(h)
          }
          h.destroy()
        }
        emit(shard, nextSnapshot, { k: 'http', from: nextSnapshot - SNAPSHOT_MS, to: nextSnapshot, ep })
        emit(shard, nextSnapshot, {
          k: 'counters',
          from: nextSnapshot - SNAPSHOT_MS,
          to: nextSnapshot,
          values: {
            'steps.inventory': active,
            'steps.ntp-synchronizer': active,
            'steps.domain-resolution': active
          }
        })
      }
    }
  }
  plan.forEach(({ shape, shard: s }, index) => {
    const shard = shards[s]!
    const c = `cluster-${index}`
    const size = shape.masters + shape.workers
    const created = T0 + Math.round((launched / hostsPerSecond) * 1000)
    launched += size
    snapshotUntil(created)
    for (const sh of shards) write(sh, created - 1)
    emit(shard, created, { k: 'cluster', c, ev: 'created', id: `c-${index}` })
    emit(shard, created + 200, {
      k: 'cluster',
      c,
      ev: 'status',
      status: 'pending-for-input',
      info: 'User input required'
    })
    const known: number[] = []
    const hosts: { h: string; role: string; known: number }[] = []
    for (let i = 0; i < size; i++) {
      const h = `${c}-host-${i}`
      const role = shape.sno ? 'sno' : i === 0 ? 'bootstrap' : i < shape.masters ? 'master' : 'worker'
      const launch = created + 100 + i * 20
      emit(shard, launch, { k: 'host', h, c, ev: 'launch' })
      const registered = launch + between(3, 40)
      emit(shard, registered, { k: 'host', h, c, ev: 'registered', id: `h-${index}-${i}` })
      emit(shard, registered + between(100, 900), {
        k: 'host',
        h,
        c,
        ev: 'status',
        status: 'discovering',
        info: 'Waiting for host to send hardware details'
      })
      emit(shard, registered + between(6000, 8000), {
        k: 'host',
        h,
        c,
        ev: 'status',
        status: 'insufficient',
        info: "Host cannot be installed due to following failing validation(s): Host couldn't synchronize with any NTP server"
      })
      const k = registered + between(14_000, 20_000)
      emit(shard, k, {
        k: 'host',
        h,
        c,
        ev: 'status',
        status: 'known',
        info: 'Host is ready to be installed'
      })
      known.push(k)
      hosts.push({ h, role, known: k })
    }
    const ready = Math.max(...known) + between(1000, 10_000)
    emit(shard, ready, {
      k: 'cluster',
      c,
      ev: 'status',
      status: 'ready',
      info: 'Cluster ready to be installed'
    })
    emit(shard, ready + 500, { k: 'cluster', c, ev: 'install' })
    emit(shard, ready + 600, {
      k: 'cluster',
      c,
      ev: 'status',
      status: 'preparing-for-installation',
      info: 'Preparing cluster for installation'
    })
    const installing = ready + between(12_000, 20_000)
    emit(shard, installing, {
      k: 'cluster',
      c,
      ev: 'status',
      status: 'installing',
      info: 'Installation in progress'
    })
    let last = installing
    for (const host of hosts) {
      emit(shard, ready + between(1000, 3000), {
        k: 'host',
        h: host.h,
        c,
        ev: 'status',
        status: 'preparing-for-installation',
        info: 'Host is preparing for installation'
      })
      emit(shard, ready + between(8000, 11_000), {
        k: 'host',
        h: host.h,
        c,
        ev: 'status',
        status: 'preparing-successful',
        info: 'Host finished successfully to prepare for installation'
      })
      let t = installing + between(300, 2000)
      emit(shard, t, { k: 'host', h: host.h, c, ev: 'install' })
      emit(shard, t + 400, {
        k: 'host',
        h: host.h,
        c,
        ev: 'status',
        status: 'installing',
        info: 'Installation is in progress'
      })
      for (const stage of STAGES[host.role]!) {
        t += between(400, 1500)
        const by = ['Configuring', 'Joined', 'Done', 'Waiting for ignition'].includes(stage)
          ? 'controller'
          : 'installer'
        emit(shard, t, { k: 'stage', h: host.h, c, stage, by })
        if (stage === 'Writing image to disk') {
          t += between(2000, 4000)
          emit(shard, t, { k: 'stage', h: host.h, c, stage, info: '100%', by })
        }
        if (stage === 'Rebooting') {
          emit(shard, t + 100, { k: 'host', h: host.h, c, ev: 'rebooted' })
          t += between(8000, 15_000)
        }
      }
      emit(shard, t + 500, { k: 'host', h: host.h, c, ev: 'status', status: 'installed', info: 'Done' })
      emit(shard, t + 600, { k: 'host', h: host.h, c, ev: 'exit' })
      last = Math.max(last, t + 600)
    }
    const finalizing = last + between(500, 1500)
    const installed = finalizing + between(8000, 12_000)
    emit(shard, finalizing, {
      k: 'cluster',
      c,
      ev: 'status',
      status: 'finalizing',
      info: 'Finalizing cluster installation'
    })
    emit(shard, installed, {
      k: 'cluster',
      c,
      ev: 'status',
      status: 'installed',
      info: 'Cluster is installed'
    })
    emit(shard, installed + 10, { k: 'cluster', c, ev: 'done', status: 'installed' })
    // Its hosts poll while the cluster is in flight: counted into the HTTP snapshots.
    shard.active.set(index, { until: installed, hosts: size })
    end = Math.max(end, installed + 10)
  })
  snapshotUntil(end + SNAPSHOT_MS)
  let total = 0
  shards.forEach((shard, i) => {
    emit(shard, end + SNAPSHOT_MS, {
      k: 'run',
      ev: 'end',
      run: 'bench',
      shard: `${i}/${SHARDS}`,
      reason: 'completed'
    })
    write(shard, Infinity)
    if (shard.chunk) writeSync(shard.fd, shard.chunk)
    closeSync(shard.fd)
    total += shard.lines
  })
  return total
}

if (args[0] === '--measure') {
  await measure(args[1]!, args.includes('--outputs'), args.includes('--archive'))
  if (args.includes('--live')) await live(args[1]!)
} else await main()
