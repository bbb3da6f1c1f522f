import { readFileSync } from 'node:fs'
import type { FidelityResult } from './fidelity-run.js'

/**
 * Compares a native run with a process run of the same plan (docs/fidelity.md). Hosts are compared by what the
 * service made of them, not by name: the service picks the bootstrap, so `<cluster>/bootstrap`,
 * `<cluster>/master-1`, ... (masters other than the bootstrap in hostname order), and the cluster-wide calls by
 * cluster.
 *
 * - outcomes: every cluster and host ends the same way;
 * - which calls: the same operations per host and per cluster, the same step types sent and answered, the same
 *   installation stages reported, the same finalizing stages, files and log types; except the differences
 *   that come from the dry run itself (ALLOWED below, each explained in docs/fidelity.md);
 * - how many: one-shot calls exactly; calls whose number depends on how long something took (polls, step
 *   replies, percentages) within POLL_TOLERANCE.
 */
export interface Difference {
  key: string
  what: string
  native: number
  process: number
}

/** Calls that are repeated for as long as something lasts: compared within a tolerance, not exactly. */
export const TIME_DEPENDENT = new Set([
  'v2GetNextSteps',
  'v2PostStepReply',
  'v2GetCluster',
  'ListClusterHosts',
  'V2ListOfClusterOperators',
  'v2UpdateHostInstallProgress'
])

/** |native - process| <= max(abs, rel × max(native, process)) */
export const POLL_TOLERANCE = { abs: 6, rel: 0.6 }

/**
 * Differences the dry run itself causes, not the native hosts: `<operation>[ detail]` → [most native may have
 * more, most process may have more], per key kind (`host` or `cluster`). See docs/fidelity.md for each.
 */
export const ALLOWED: Record<'bootstrap' | 'master' | 'cluster', Record<string, [number, number]>> = {
  bootstrap: {},
  master: {
    // D1: a dry-run node is Ready the instant its marker exists, so the bootstrap's 30 s MCS-log scan never finds
    // a master before it is Joined; on real machines (and natively) it reports Configuring first
    'v2UpdateHostInstallProgress Configuring': [1, 0]
  },
  cluster: {
    // D2: the dry-run controller's reboots notifier needs `oc debug node` in a real cluster: no event in dry run
    v2TriggerEvent: [Number.POSITIVE_INFINITY, 0],
    'v2TriggerEvent reboots_for_node': [Number.POSITIVE_INFINITY, 0],
    // D3: the installer's dry-run Kubernetes mock has no controller pod, so the bootstrap uploads no controller logs
    V2UploadLogs: [1, 0],
    'V2UploadLogs logs_type=controller': [1, 0],
    // D4: the dry-run mock's console ClusterOperator is Available from the start: no "progressing" report
    v2ReportMonitoredOperatorStatus: [1, 0],
    'v2ReportMonitoredOperatorStatus console progressing': [1, 0],
    // D6: the dry-run controller starts only after the bootstrap's fake reboot; a real (and a native) controller
    // already reads the cluster while the bootstrap waits for it (2-3 reads a controller_poll); beyond these, the
    // poll tolerance applies
    v2GetCluster: [20, 0],
    'v2GetCluster exclude-hosts=false': [12, 0],
    'v2GetCluster exclude-hosts=true': [12, 0]
  }
}

interface Side {
  result: FidelityResult
  /** hostname → install role (bootstrap / master / worker) */
  roles: Map<string, string>
}

function readRoles(timeline: string): Map<string, string> {
  const roles = new Map<string, string>()
  for (const line of readFileSync(timeline, 'utf8').split('\n')) {
    if (!line.includes('"ev":"install"') || !line.includes('"k":"host"')) continue
    const r = JSON.parse(line) as { h: string; role?: string }
    if (r.role) roles.set(r.h, r.role)
  }
  return roles
}

/** `<cluster>/<role>` for every host id and `<cluster>` for every cluster id of a run. */
function keys(side: Side): Map<string, { key: string; kind: 'bootstrap' | 'master' | 'cluster' }> {
  const out = new Map<string, { key: string; kind: 'bootstrap' | 'master' | 'cluster' }>()
  const byCluster = new Map<string, { id: string; hostname: string; role: string }[]>()
  const clusterOf = (hostname: string): string => hostname.replace(/-(master|worker)-\d+$/, '')
  for (const [id, name] of Object.entries(side.result.names)) {
    const role = side.roles.get(name)
    if (!role) {
      if (!/-(master|worker)-\d+$/.test(name)) out.set(id, { key: name, kind: 'cluster' })
      continue
    }
    const cluster = clusterOf(name)
    const list = byCluster.get(cluster) ?? []
    list.push({ id, hostname: name, role })
    byCluster.set(cluster, list)
  }
  for (const [cluster, hosts] of byCluster) {
    let n = 0
    for (const h of hosts.sort((a, b) => a.hostname.localeCompare(b.hostname))) {
      if (h.role === 'bootstrap') out.set(h.id, { key: `${cluster}/bootstrap`, kind: 'bootstrap' })
      else out.set(h.id, { key: `${cluster}/${h.role}-${++n}`, kind: 'master' })
    }
  }
  return out
}

type Counts = Map<string, { kind: 'bootstrap' | 'master' | 'cluster'; counts: Record<string, number> }>

function countsByKey(side: Side): Counts {
  const k = keys(side)
  const out: Counts = new Map()
  const add = (id: string, counts: Record<string, number>): void => {
    const at = k.get(id) ?? { key: id === '-' ? '-' : `unknown ${id}`, kind: 'cluster' as const }
    const entry = out.get(at.key) ?? { kind: at.kind, counts: {} }
    for (const [what, n] of Object.entries(counts)) entry.counts[what] = (entry.counts[what] ?? 0) + n
    out.set(at.key, entry)
  }
  for (const [id, counts] of Object.entries(side.result.hosts)) add(id, counts)
  for (const [id, counts] of Object.entries(side.result.clusters)) add(id, counts)
  for (const [id, counts] of Object.entries(side.result.details)) add(id, counts)
  return out
}

function isTimeDependent(what: string): boolean {
  const [op, ...rest] = what.split(' ')
  if (!TIME_DEPENDENT.has(op!)) return false
  // distinct things inside time-dependent calls are compared as sets (present on both sides or neither); how a
  // poll asks (its query, e.g. `exclude-hosts=true`) is counted like the poll itself
  return rest.length === 0 || /^[a-z_-]+=\S+$/.test(rest.join(' '))
}

export interface Comparison {
  /** Differences beyond the tolerances and the allowed dry-run differences. */
  differences: Difference[]
  /** Differences within them (for the log). */
  tolerated: Difference[]
}

export function compareRuns(native: FidelityResult, processRun: FidelityResult): Comparison {
  const a = countsByKey({ result: native, roles: readRoles(native.timeline) })
  const b = countsByKey({ result: processRun, roles: readRoles(processRun.timeline) })
  const differences: Difference[] = []
  const tolerated: Difference[] = []
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const kind = a.get(key)?.kind ?? b.get(key)?.kind ?? 'cluster'
    const ca = a.get(key)?.counts ?? {}
    const cb = b.get(key)?.counts ?? {}
    for (const what of [...new Set([...Object.keys(ca), ...Object.keys(cb)])].sort()) {
      const na = ca[what] ?? 0
      const nb = cb[what] ?? 0
      if (na === nb) continue
      const d = { key, what, native: na, process: nb }
      const allowed = ALLOWED[kind][what]
      if (allowed && na - nb <= allowed[0] && nb - na <= allowed[1]) {
        tolerated.push(d)
        continue
      }
      if (what.startsWith('v2GetNextSteps step:') || what.startsWith('v2PostStepReply ')) {
        // step types: both sides got (and answered) the same kinds; how often depends on time (and, for
        // connectivity replies, on the dry-run checker's constant output: D5)
        if (na > 0 && nb > 0) {
          tolerated.push(d)
          continue
        }
      } else if (what.startsWith('v2UpdateHostInstallProgress ')) {
        // stages: the same ones; a stage reported twice (a 409 race between bootstrap and controller) is tolerated
        if (na > 0 && nb > 0) {
          tolerated.push(d)
          continue
        }
      } else if (isTimeDependent(what)) {
        if (Math.abs(na - nb) <= Math.max(POLL_TOLERANCE.abs, POLL_TOLERANCE.rel * Math.max(na, nb))) {
          tolerated.push(d)
          continue
        }
      }
      differences.push(d)
    }
  }
  return { differences, tolerated }
}

export function formatDifferences(list: readonly Difference[]): string {
  return list.map(d => `${d.key}: ${d.what}: native ${d.native}, process ${d.process}`).join('\n')
}
