import type { ClusterItem, ClusterTimeline } from './generated/report.js'
import type { ReportAggregator } from './aggregate/aggregator.js'
import type { ClusterState } from './aggregate/cluster-table.js'
import { clusterInstallStarted } from './metric-book.js'
import { reached } from './aggregate/host-table.js'

/** The per-cluster Gantt stays readable with this many rows; with more, failures and then the slowest are kept. */
export const MAX_CLUSTER_ROWS = 200

/** Per-cluster milestones, in ms since `origin` (series.start), for the Gantt-like chart. */
export function buildClusterTimeline(aggregator: ReportAggregator, origin: number | null): ClusterTimeline {
  const installStarted = clusterInstallStarted(aggregator)
  const hostCounts = new Array<number>(aggregator.clusters.size).fill(0)
  const h = aggregator.hosts
  for (let i = 0; i < h.size; i++) if (h.cluster[i]! >= 0) hostCounts[h.cluster[i]!]!++
  const all = aggregator.clusters.all
  let chosen: ClusterState[] = all
  if (all.length > MAX_CLUSTER_ROWS) {
    const failed = all.filter(c => !reached(c.installed) && (c.failed || c.gaveUp))
    const rest = all
      .filter(c => !failed.includes(c))
      .sort((a, b) => elapsed(b) - elapsed(a) || (a.name < b.name ? -1 : 1))
    chosen = [...failed.sort((a, b) => (a.name < b.name ? -1 : 1)), ...rest].slice(0, MAX_CLUSTER_ROWS)
  }
  const base = origin ?? 0
  const at = (t: number): number | null => (reached(t) ? t - base : null)
  const items: ClusterItem[] = chosen.map(c => {
    const outcome: ClusterItem['outcome'] = reached(c.installed)
      ? 'installed'
      : c.failed || c.gaveUp
        ? 'failed'
        : installStarted[c.number] || reached(c.created) || c.status
          ? 'in-progress'
          : 'not-started'
    return {
      name: c.name,
      ...(c.sno === undefined ? {} : { sno: c.sno }),
      outcome,
      hosts: c.plannedHosts ?? hostCounts[c.number]!,
      status: c.status ?? null,
      ...(c.info ? { info: c.info } : {}),
      createdMs: at(c.created),
      readyMs: at(c.ready),
      installingMs: at(c.installing),
      finalizingMs: at(c.finalizing),
      installedMs: at(c.installed),
      endedMs: at(c.ended)
    }
  })
  items.sort(
    (a, b) =>
      (a.createdMs ?? Infinity) - (b.createdMs ?? Infinity) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  )
  return { total: all.length, shown: items.length, items }
}

/** How long a cluster took (or has been going): installed/ended/last status − created. */
function elapsed(c: ClusterState): number {
  const start = reached(c.created) ? c.created : c.planned
  const end = reached(c.installed) ? c.installed : reached(c.ended) ? c.ended : c.statusT
  const value = end - start
  return reached(value) ? value : -1
}
