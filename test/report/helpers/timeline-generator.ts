/**
 * A deterministic, simulated assisted-swarm run written as timelines, for the report's golden fixtures, the shard
 * merge test and the benchmark. It models what the swarm records (see src/timeline/records.ts): hosts going
 * through discovery and installation with the real stage lists per role, cluster statuses, periodic HTTP
 * snapshots (real HDR histograms via HttpMetrics) and counters, on a virtual clock. It also returns the raw
 * latencies it recorded, so tests can check HDR percentiles against a plain sort.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { Counters, HttpMetrics } from '../../../src/timeline/http-metrics.js'
import type { RecordInput, TimelineRecord } from '../../../src/timeline/records.js'
import { seededRandom } from '../../../src/util/random.js'

export const T0 = Date.UTC(2026, 0, 1, 0, 0, 0)

export type HostFate = 'ok' | 'frozen' | 'died' | 'stuck-insufficient' | 'install-error' | 'never-registered'

export interface ClusterSpec {
  name: string
  sno?: boolean
  masters: number
  workers: number
  /** Per host (index in the cluster): what goes wrong; default ok. */
  fates?: Record<number, HostFate>
  /** The cluster never installs (just_infraenv-like): hosts stop at known. */
  discoveryOnly?: boolean
}

export interface GeneratorOptions {
  runId: string
  name?: string
  seed: number
  clusters: ClusterSpec[]
  thresholds?: string[]
  /** Number of shards; clusters go to shard (index mod shards). */
  shards?: number
  /** HTTP/counters snapshot period (virtual ms). */
  snapshotMs?: number
  /** Seconds between cluster creations. */
  rampMs?: number
  /** Share of next-step polls answered 503. */
  errorRate?: number
  /** Agent errors to record (scope host) for hosts that fail. */
  agentErrors?: boolean
  /** Add an unknown-step counter. */
  unknownSteps?: number
}

export interface GeneratedRun {
  /** One array of records per shard, in write order. */
  shards: TimelineRecord[][]
  /** Latencies in microseconds per endpoint, exactly as recorded into the histograms. */
  latencies: Record<string, number[]>
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
const AFTER_REBOOT = new Set(['Configuring', 'Joined', 'Done', 'Waiting for ignition'])

interface Pending {
  t: number
  seq: number
  shard: number
  record?: RecordInput
  request?: { endpoint: string; status: number; ms: number }
  counter?: string
}

/** Generates the run's records for every shard. */
export function generateRun(options: GeneratorOptions): GeneratedRun {
  const random = seededRandom(options.seed)
  const shardCount = options.shards ?? 1
  const snapshotMs = options.snapshotMs ?? 5000
  const ramp = options.rampMs ?? 2000
  const events: Pending[] = []
  let seq = 0
  const push = (shard: number, t: number, item: Omit<Pending, 't' | 'seq' | 'shard'>): void => {
    events.push({ t: Math.round(t), seq: seq++, shard, ...item })
  }
  const between = (lo: number, hi: number): number => lo + random() * (hi - lo)
  /** Log-normal-ish latency around `median` ms. */
  const latency = (median: number): number => median * Math.exp((random() + random() + random() - 1.5) * 0.8)
  const planned = new Array<{ clusters: number; hosts: number }>(shardCount)
    .fill(null as never)
    .map(() => ({ clusters: 0, hosts: 0 }))
  let end = T0

  options.clusters.forEach((spec, index) => {
    const shard = index % shardCount
    const hostCount = spec.masters + spec.workers
    planned[shard]!.clusters++
    planned[shard]!.hosts += hostCount
    const c = spec.name
    push(shard, T0, { record: { k: 'cluster', c, ev: 'planned', hosts: hostCount, sno: Boolean(spec.sno) } })
    const created = T0 + 500 + index * ramp
    const clusterId = uuid(options.seed, index, 999)
    push(shard, created, { record: { k: 'cluster', c, ev: 'created', id: clusterId } })
    push(shard, created + 300, {
      record: { k: 'cluster', c, ev: 'status', status: 'pending-for-input', info: 'User input required' }
    })
    const knownTimes: number[] = []
    const hosts: { h: string; role: string; fate: HostFate; known: number }[] = []
    for (let i = 0; i < hostCount; i++) {
      const h = `${c}-host-${i}`
      const role = spec.sno ? 'sno' : i === 0 ? 'bootstrap' : i < spec.masters ? 'master' : 'worker'
      const fate = spec.fates?.[i] ?? 'ok'
      push(shard, T0, {
        record: { k: 'host', h, c, ev: 'planned', role: role === 'worker' ? 'worker' : 'master' }
      })
      const launch = created + 200 + i * 150
      push(shard, launch, { record: { k: 'host', h, c, ev: 'launch' } })
      if (fate === 'never-registered') {
        push(shard, launch + 50, { request: { endpoint: 'v2RegisterHost', status: 0, ms: 10_000 } })
        if (options.agentErrors)
          push(shard, launch + 10_050, {
            record: { k: 'error', scope: 'host', h, c, msg: 'register: connect ECONNREFUSED 127.0.0.1:8090' }
          })
        continue
      }
      const registered = launch + latency(6)
      if (fate === 'frozen') {
        push(shard, registered, { request: { endpoint: 'v2RegisterHost', status: 409, ms: latency(5) } })
        push(shard, registered + 1, {
          record: { k: 'host', h, c, ev: 'frozen', info: '409 on register: cluster is not accepting hosts' }
        })
        if (options.agentErrors)
          push(shard, registered + 1, {
            record: {
              k: 'error',
              scope: 'host',
              h,
              c,
              msg: `register host ${uuid(options.seed, index, i)}: 409 Conflict`
            }
          })
        continue
      }
      push(shard, registered, {
        request: { endpoint: 'v2RegisterHost', status: 201, ms: registered - launch }
      })
      push(shard, registered, {
        record: { k: 'host', h, c, ev: 'registered', id: uuid(options.seed, index, i) }
      })
      push(shard, registered + between(200, 1200), {
        record: {
          k: 'host',
          h,
          c,
          ev: 'status',
          status: 'discovering',
          info: 'Waiting for host to send hardware details'
        }
      })
      const insufficient = registered + between(6000, 8000)
      push(shard, insufficient, {
        record: {
          k: 'host',
          h,
          c,
          ev: 'status',
          status: 'insufficient',
          info: "Host cannot be installed due to following failing validation(s): Host couldn't synchronize with any NTP server"
        }
      })
      let pollUntil: number
      if (fate === 'stuck-insufficient') {
        push(shard, insufficient + 8000, {
          record: {
            k: 'host',
            h,
            c,
            ev: 'status',
            status: 'insufficient',
            info: 'Host cannot be installed due to following failing validation(s): Require at least 16.00 GiB RAM for role master, found only 8.00 GiB'
          }
        })
        pollUntil = insufficient + 60_000
        hosts.push({ h, role, fate, known: NaN })
      } else {
        const known = insufficient + between(6000, 12000)
        push(shard, known, {
          record: { k: 'host', h, c, ev: 'status', status: 'known', info: 'Host is ready to be installed' }
        })
        if (fate !== 'died') knownTimes.push(known)
        hosts.push({ h, role, fate, known })
        pollUntil = fate === 'died' ? known + between(2000, 5000) : Infinity
      }
      if (fate === 'died') {
        push(shard, pollUntil, {
          record: { k: 'host', h, c, ev: 'died', info: 'agent process exited with signal SIGKILL' }
        })
        if (options.agentErrors)
          push(shard, pollUntil, {
            record: { k: 'error', scope: 'host', h, c, msg: 'agent process exited with signal SIGKILL' }
          })
      }
      // Polls are added below once install times are known; remember the registration time.
      ;(hosts[hosts.length - 1] as { registered?: number }).registered = registered
      ;(hosts[hosts.length - 1] as { pollUntil?: number }).pollUntil = pollUntil
    }

    const allKnown = knownTimes.length === hostCount
    let clusterEnd = created + 60_000
    let installedAt = NaN
    if (hostCount && allKnown && !spec.discoveryOnly) {
      const ready = Math.max(...knownTimes) + between(1000, 10_000)
      push(shard, ready, {
        record: { k: 'cluster', c, ev: 'status', status: 'ready', info: 'Cluster ready to be installed' }
      })
      const install = ready + between(200, 1500)
      push(shard, install, { record: { k: 'cluster', c, ev: 'install' } })
      push(shard, install + 100, {
        record: {
          k: 'cluster',
          c,
          ev: 'status',
          status: 'preparing-for-installation',
          info: 'Preparing cluster for installation'
        }
      })
      const installing = install + between(12_000, 20_000)
      push(shard, installing, {
        record: { k: 'cluster', c, ev: 'status', status: 'installing', info: 'Installation in progress' }
      })
      let lastDone = installing
      let failed = false
      for (const host of hosts) {
        push(shard, install + between(500, 3000), {
          record: {
            k: 'host',
            h: host.h,
            c,
            ev: 'status',
            status: 'preparing-for-installation',
            info: 'Host is preparing for installation'
          }
        })
        push(shard, install + between(8000, 11_000), {
          record: {
            k: 'host',
            h: host.h,
            c,
            ev: 'status',
            status: 'preparing-successful',
            info: 'Host finished successfully to prepare for installation'
          }
        })
        let t = installing + between(300, 2000)
        push(shard, t, { record: { k: 'host', h: host.h, c, ev: 'install' } })
        push(shard, t + 400, {
          record: {
            k: 'host',
            h: host.h,
            c,
            ev: 'status',
            status: 'installing',
            info: 'Installation is in progress'
          }
        })
        const stages = STAGES[host.role]!
        for (const stage of stages) {
          t += between(500, 1500)
          if (host.fate === 'install-error' && stage === 'Writing image to disk') {
            push(shard, t, {
              record: {
                k: 'stage',
                h: host.h,
                c,
                stage: 'Failed',
                info: 'failed to write image: no space left on device',
                by: 'installer'
              }
            })
            push(shard, t + 300, {
              record: {
                k: 'host',
                h: host.h,
                c,
                ev: 'status',
                status: 'error',
                info: 'Failed - failed to write image: no space left on device'
              }
            })
            if (options.agentErrors)
              push(shard, t, {
                record: {
                  k: 'error',
                  scope: 'host',
                  h: host.h,
                  c,
                  msg: 'installer: failed to write image: no space left on device'
                }
              })
            failed = true
            host.fate = 'install-error'
            break
          }
          const by = AFTER_REBOOT.has(stage)
            ? 'controller'
            : host.role === 'bootstrap' || host.role === 'sno'
              ? 'bootstrap'
              : 'installer'
          push(shard, t, { record: { k: 'stage', h: host.h, c, stage, by } })
          push(shard, t + 5, {
            request: { endpoint: 'v2UpdateHostInstallProgress', status: 200, ms: latency(4) }
          })
          if (stage === 'Writing image to disk') {
            t += between(2000, 4000)
            push(shard, t, { record: { k: 'stage', h: host.h, c, stage, info: '50%', by } })
            t += between(2000, 4000)
            push(shard, t, { record: { k: 'stage', h: host.h, c, stage, info: '100%', by } })
          }
          if (stage === 'Rebooting') {
            push(shard, t + 200, { record: { k: 'host', h: host.h, c, ev: 'rebooted' } })
            t += between(10_000, 20_000)
          }
          if (stage === 'Configuring' || stage === 'Waiting for ignition') t += between(3000, 6000)
        }
        if (host.fate === 'ok') {
          push(shard, t + 500, {
            record: { k: 'host', h: host.h, c, ev: 'status', status: 'installed', info: 'Done' }
          })
          push(shard, t + 600, { record: { k: 'host', h: host.h, c, ev: 'exit' } })
        }
        ;(host as { pollUntil?: number }).pollUntil = host.fate === 'ok' ? t : t + 300
        lastDone = Math.max(lastDone, t)
      }
      if (failed) {
        push(shard, lastDone + 2000, {
          record: { k: 'cluster', c, ev: 'status', status: 'error', info: 'cluster has hosts in error' }
        })
        push(shard, lastDone + 2100, {
          record: { k: 'cluster', c, ev: 'done', status: 'error', info: 'cluster has hosts in error' }
        })
        if (options.agentErrors)
          push(shard, lastDone + 2100, {
            record: {
              k: 'error',
              scope: 'cluster',
              c,
              msg: 'installation failed: cluster has hosts in error'
            }
          })
        clusterEnd = lastDone + 2100
      } else {
        const finalizing = lastDone + between(500, 1500)
        push(shard, finalizing, {
          record: {
            k: 'cluster',
            c,
            ev: 'status',
            status: 'finalizing',
            info: 'Finalizing cluster installation'
          }
        })
        installedAt = finalizing + between(8000, 12_000)
        push(shard, installedAt, {
          record: { k: 'cluster', c, ev: 'status', status: 'installed', info: 'Cluster is installed' }
        })
        push(shard, installedAt + 10, { record: { k: 'cluster', c, ev: 'done', status: 'installed' } })
        clusterEnd = installedAt + 10
      }
    } else if (!spec.discoveryOnly) {
      clusterEnd = created + 90_000
      push(shard, clusterEnd, {
        record: {
          k: 'cluster',
          c,
          ev: 'gave-up',
          info: 'deadline passed waiting for the cluster to be ready'
        }
      })
    } else {
      clusterEnd = Math.max(created, ...knownTimes) + 5000
      for (const host of hosts) (host as { pollUntil?: number }).pollUntil = clusterEnd
    }
    end = Math.max(end, clusterEnd)
    // Agent polls: GET next steps every ~3 s, and a step reply after each, until the host is done.
    for (const host of hosts as { h: string; registered?: number; pollUntil?: number }[]) {
      const until = Math.min(host.pollUntil ?? clusterEnd, clusterEnd)
      for (let t = host.registered! + between(100, 600); t < until; t += between(2500, 3500)) {
        const failedPoll = random() < (options.errorRate ?? 0)
        push(shard, t, {
          request: {
            endpoint: 'v2GetNextSteps',
            status: failedPoll ? 503 : 200,
            ms: latency(failedPoll ? 20 : 3)
          }
        })
        if (!failedPoll) {
          push(shard, t, { counter: random() < 0.7 ? 'steps.inventory' : 'steps.ntp-synchronizer' })
          if (random() < 0.6)
            push(shard, t + 20, { request: { endpoint: 'v2PostStepReply', status: 204, ms: latency(8) } })
        }
      }
    }
  })

  const runEnd = end + 2000
  const latencies: Record<string, number[]> = {}
  const shards: TimelineRecord[][] = []
  for (let shard = 0; shard < shardCount; shard++) {
    let now = T0
    const http = new HttpMetrics(() => now)
    const counters = new Counters(() => now)
    const out: TimelineRecord[] = []
    const shardName = `${shard}/${shardCount}`
    out.push({
      t: T0,
      k: 'run',
      ev: 'start',
      run: options.runId,
      shard: shardName,
      v: 1,
      name: options.name ?? options.runId,
      driver: 'native',
      target: 'rest',
      clusters: planned[shard]!.clusters,
      hosts: planned[shard]!.hosts,
      thresholds: options.thresholds ?? []
    })
    if (shard === 0 && options.unknownSteps) counters.add('steps.unknown.future-step', options.unknownSteps)
    const mine = events.filter(e => e.shard === shard).sort((a, b) => a.t - b.t || a.seq - b.seq)
    let nextSnapshot = T0 + snapshotMs
    const snapshot = (): void => {
      now = nextSnapshot
      const h = http.snapshot()
      if (h) out.push(h)
      const k = counters.snapshot()
      if (k) out.push(k)
      nextSnapshot += snapshotMs
    }
    for (const event of mine) {
      while (event.t >= nextSnapshot) snapshot()
      if (event.record) out.push({ t: event.t, ...event.record } as TimelineRecord)
      else if (event.request) {
        const { endpoint, status, ms } = event.request
        http.record(endpoint, status, ms)
        ;(latencies[endpoint] ??= []).push(Math.max(1, Math.round(ms * 1000)))
      } else if (event.counter) counters.add(event.counter)
    }
    while (nextSnapshot <= runEnd) snapshot()
    out.push({ t: runEnd, k: 'run', ev: 'end', run: options.runId, shard: shardName, reason: 'completed' })
    shards.push(out)
  }
  return { shards, latencies }
}

/** Writes a run: `timeline.jsonl`, or `timeline-<i>-of-<N>.jsonl` per shard. Returns the files. */
export function writeRun(run: GeneratedRun, dir: string): string[] {
  mkdirSync(dir, { recursive: true })
  const count = run.shards.length
  return run.shards.map((records, i) => {
    const file = join(dir, count === 1 ? 'timeline.jsonl' : `timeline-${i}-of-${count}.jsonl`)
    writeRecords(file, records)
    return file
  })
}

export function writeRecords(file: string, records: TimelineRecord[]): void {
  const fd = openSync(file, 'w')
  try {
    let chunk = ''
    for (const record of records) {
      chunk += JSON.stringify(record) + '\n'
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk)
        chunk = ''
      }
    }
    if (chunk) writeSync(fd, chunk)
  } finally {
    closeSync(fd)
  }
}

function uuid(seed: number, cluster: number, host: number): string {
  const hex = (n: number, width: number): string => (n >>> 0).toString(16).padStart(width, '0').slice(-width)
  return `${hex(seed, 8)}-${hex(cluster, 4)}-4${hex(host, 3)}-8${hex(cluster ^ host, 3)}-${hex(seed ^ (cluster * 7919 + host), 12)}`
}
