import { createReadStream, createWriteStream, existsSync } from 'node:fs'
import { mkdir, rename } from 'node:fs/promises'
import { dirname } from 'node:path'
import { createInterface } from 'node:readline'
import type { SimContext } from './core/context.js'
import { SimEvent, type Severity } from './events.js'
import { summarizeInventory } from './host/inventory.js'
import { freeNetworksArgs } from './service/host-reset.js'
import { attachHost } from './model/store.js'
import { ClusterRecord, HOST_FIELDS, HostRecord, InfraEnvRecord } from './model/types.js'
import { sharedText } from './core/stored-text.js'

/**
 * The state file: JSON lines (a header, then one record per line), written to a temporary file and renamed, so
 * a crash mid-save keeps the previous state and 100k hosts never become one giant string. Derived data (parsed
 * inventories, connectivity summaries, majority groups, hostname counts) is rebuilt on load.
 */
const FORMAT = 'assisted-swarm-sim-state'
const VERSION = 1

const CLUSTER_SKIP = new Set([
  'hosts',
  'hostnameCounts',
  'stepArgs',
  'connectivityEntries',
  'majorityGroups',
  'ipCollisions',
  'dirty',
  'queuedDeadline',
  'connectivityAdmissions',
  'id',
  'createdAt'
])
const INFRA_ENV_SKIP = new Set(['hosts', 'id', 'createdAt'])

const SHARED_HOST_FIELDS = new Set<string>([
  'statusInfo',
  'validations',
  'ntpSources',
  'domainResolutions',
  'freeAddresses'
])

/** Copies persisted host fields back through the record's setters. */
function assignHost(host: HostRecord, data: unknown): HostRecord {
  const values = data as Record<string, unknown>
  const target = host as unknown as Record<string, unknown>
  for (const field of HOST_FIELDS) {
    if (!(field in values)) continue
    const value = values[field]
    // Texts many hosts share (DNS answers, NTP sources, status infos) are kept once, as when first stored.
    target[field] = typeof value === 'string' && SHARED_HOST_FIELDS.has(field) ? sharedText(value) : value
  }
  return host
}

function plain(record: object, skip: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(record)) if (!skip.has(k)) out[k] = v
  return out
}

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  // The state holds credentials (pull secrets, the agent key): readable by its owner only.
  await mkdir(dirname(path), { recursive: true, mode: 0o700 })
  const tmp = `${path}.${process.pid}.tmp`
  const out = createWriteStream(tmp, { mode: 0o600 })
  const failed = new Promise<never>((_resolve, reject) => out.on('error', reject))
  failed.catch(() => undefined)
  for (const line of lines) {
    if (!out.write(line + '\n'))
      await Promise.race([new Promise<void>(resolve => out.once('drain', () => resolve())), failed])
  }
  await Promise.race([new Promise<void>(resolve => out.end(() => resolve())), failed])
  await rename(tmp, path)
}

function* snapshotLines(sim: SimContext): Iterable<string> {
  yield JSON.stringify({ format: FORMAT, version: VERSION, savedAt: new Date(sim.now()).toISOString() })
  for (const c of sim.store.clusters.values())
    yield JSON.stringify({ t: 'cluster', id: c.id, createdAt: c.createdAt, data: plain(c, CLUSTER_SKIP) })
  for (const ie of sim.store.infraEnvs.values()) {
    yield JSON.stringify({
      t: 'infraEnv',
      id: ie.id,
      createdAt: ie.createdAt,
      data: plain(ie, INFRA_ENV_SKIP)
    })
    for (const h of ie.hosts.values()) {
      yield JSON.stringify({
        t: 'host',
        id: h.id,
        infraEnvId: h.infraEnvId,
        clusterId: h.clusterId,
        createdAt: h.createdAt,
        images: h.images ? [...h.images.values()] : null,
        data: Object.fromEntries(HOST_FIELDS.map(f => [f, h[f]]))
      })
    }
  }
  for (const e of sim.events.snapshot())
    yield JSON.stringify({
      t: 'event',
      e: [e.time, e.severity, e.name, e.message, e.clusterId, e.hostId, e.infraEnvId, e.props]
    })
}

/** Saves the whole state; returns the path. */
export async function saveState(sim: SimContext, path: string): Promise<string> {
  await writeLines(path, snapshotLines(sim))
  return path
}

/** Loads a state file into an empty simulator; returns false when the file does not exist. */
export async function loadState(sim: SimContext, path: string): Promise<boolean> {
  if (!existsSync(path)) return false
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity })
  const hosts: { record: HostRecord; clusterId: string | null }[] = []
  const events: SimEvent[] = []
  let first = true
  for await (const line of lines) {
    if (!line.trim()) continue
    const item = JSON.parse(line) as Record<string, unknown>
    if (first) {
      first = false
      if (item.format !== FORMAT || item.version !== VERSION)
        throw new Error(`${path} is not a simulator state file (version ${VERSION})`)
      continue
    }
    switch (item.t) {
      case 'cluster': {
        const c = Object.assign(new ClusterRecord(item.id as string, item.createdAt as number), item.data)
        c.stepArgs = new Map()
        c.connectivityEntries = null
        c.connectivityDirty = true
        c.connectivityAdmissions = { minute: 0, count: 0 }
        c.majorityGroups = groupsFromText(c.majorityGroupsText)
        c.ipCollisions = new Set(
          c.ipCollisionsText ? Object.keys(JSON.parse(c.ipCollisionsText) as object) : []
        )
        sim.store.addCluster(c)
        break
      }
      case 'infraEnv':
        sim.store.infraEnvs.set(
          item.id as string,
          Object.assign(new InfraEnvRecord(item.id as string, item.createdAt as number), item.data)
        )
        break
      case 'host': {
        const h = assignHost(
          new HostRecord(
            item.id as string,
            item.infraEnvId as string,
            (item.clusterId as string | null) ?? null,
            item.createdAt as number
          ),
          item.data
        )
        h.inv = h.inventory
          ? summarizeInventory(JSON.parse(h.inventory) as object, sim.opts.enableVirtualInterfaces)
          : null
        h.freeNetworksArgs = freeNetworksArgs(h.inv)
        const images = item.images as { name: string; result: string }[] | null
        h.images = images ? new Map(images.map(i => [i.name, i])) : null
        hosts.push({ record: h, clusterId: h.clusterId })
        break
      }
      case 'event': {
        const e = item.e as [
          number,
          Severity,
          string,
          string,
          string | null,
          string | null,
          string | null,
          string | null
        ]
        events.push(new SimEvent(e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[7]))
        break
      }
      default:
        break
    }
  }
  for (const { record, clusterId } of hosts) {
    const infraEnv = sim.store.infraEnvs.get(record.infraEnvId)
    if (!infraEnv) continue
    const cluster = clusterId ? sim.store.clusters.get(clusterId) : undefined
    if (clusterId && !cluster) record.clusterId = null
    infraEnv.hosts.set(record.id, record)
    sim.store.hostCount++
    sim.store.countHost(record.status, 1)
    if (cluster) attachHost(cluster, record)
  }
  sim.events.restore(events)
  for (const h of sim.store.allHosts()) {
    sim.markHostDirty(h)
    sim.scheduleHost(h)
  }
  for (const c of sim.store.clusters.values()) {
    sim.markClusterDirty(c)
    sim.scheduleCluster(c)
  }
  return true
}

function groupsFromText(text: string): Map<string, Set<string>> {
  if (!text) return new Map()
  const parsed = JSON.parse(text) as { MajorityGroups?: Record<string, string[]> }
  return new Map(Object.entries(parsed.MajorityGroups ?? {}).map(([k, v]) => [k, new Set(v)]))
}
