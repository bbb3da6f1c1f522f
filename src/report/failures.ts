import type { ClusterFailure, Failures, HostFailureGroup } from './generated/report.js'
import type { ReportAggregator } from './aggregate/aggregator.js'
import { addExample } from './aggregate/error-groups.js'
import { HOST_DIED, HOST_FROZEN, HOST_LAUNCHED, reached } from './aggregate/host-table.js'
import { HOST_FAILED_STATUSES } from './aggregate/statuses.js'
import { clusterInstallStarted } from './metric-book.js'

const MAX_GROUPS = 50
const MAX_CLUSTERS = 100
const MAX_EXAMPLES = 5

/**
 * Why hosts and clusters did not get where they should, grouped so 10,000 hosts stuck the same way are one
 * line: the reason, the last status observed and its status info (which names the failing validations).
 *
 * A host fails when the driver reported it frozen or dead, when it launched and never registered, when it
 * registered and never became known, when its last status is error/cancelled, or when its cluster started
 * installing and it did not finish. A host that reached known in a cluster that never installs is not a
 * failure (discovery-only plans).
 */
export function collectFailures(aggregator: ReportAggregator): Failures {
  const h = aggregator.hosts
  const text = (id: number): string | null => aggregator.strings.text(id) ?? null
  const installStarted = clusterInstallStarted(aggregator)
  const groups = new Map<string, HostFailureGroup>()
  let failedHosts = 0
  for (let i = 0; i < h.size; i++) {
    const flags = h.flags[i]!
    const registered = h.has('registered', i)
    const installed = h.has('installed', i)
    const status = text(h.status[i]!)
    let info = text(h.info[i]!)
    let reason: HostFailureGroup['reason'] | undefined
    if (flags & HOST_FROZEN) reason = 'frozen'
    else if (flags & HOST_DIED) reason = 'died'
    else if (status && HOST_FAILED_STATUSES.has(status)) reason = 'error'
    else if (installed) reason = undefined
    else if (!registered) reason = flags & HOST_LAUNCHED ? 'never-registered' : undefined
    else if (!h.has('known', i) && !h.has('installing', i)) reason = 'not-known'
    else if (h.has('installing', i) || (h.cluster[i]! >= 0 && installStarted[h.cluster[i]!]))
      reason = 'not-installed'
    if (!reason) continue
    if (reason === 'frozen' || reason === 'died') info = text(h.failInfo[i]!) ?? info
    failedHosts++
    const key = `${reason}\u0000${status}\u0000${info}`
    let group = groups.get(key)
    if (!group) {
      group = { reason, status, info, count: 0, examples: [] }
      groups.set(key, group)
    }
    group.count++
    addExample(group.examples, h.names[i]!, MAX_EXAMPLES)
  }
  const hostGroups = [...groups.values()].sort(
    (a, b) =>
      b.count - a.count ||
      cmp(a.reason, b.reason) ||
      cmp(a.status ?? '', b.status ?? '') ||
      cmp(a.info ?? '', b.info ?? '')
  )

  const clusterFailures: ClusterFailure[] = []
  aggregator.clusters.all.forEach((cluster, number) => {
    if (reached(cluster.installed)) return
    let reason: ClusterFailure['reason'] | undefined
    if (cluster.gaveUp) reason = 'gave-up'
    else if (cluster.failed) reason = 'failed'
    else if (installStarted[number]) reason = 'not-installed'
    if (reason)
      clusterFailures.push({
        name: cluster.name,
        reason,
        status: cluster.status ?? null,
        info: cluster.info ?? null
      })
  })
  clusterFailures.sort((a, b) => cmp(a.name, b.name))

  const errorGroups = [...aggregator.errors.groups.values()]
    .sort((a, b) => b.count - a.count || cmp(a.scope, b.scope) || cmp(a.message, b.message))
    .slice(0, MAX_GROUPS)
    .map(g => ({ scope: g.scope, message: g.message, count: g.count, examples: g.examples }))

  return {
    hosts: { total: failedHosts, groups: hostGroups.slice(0, MAX_GROUPS) },
    clusters: { total: clusterFailures.length, items: clusterFailures.slice(0, MAX_CLUSTERS) },
    errors: { total: aggregator.errors.total, groups: errorGroups }
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
