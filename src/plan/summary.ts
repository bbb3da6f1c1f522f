import { formatDuration } from '../util/duration.js'
import type { Plan } from './types.js'

export interface PlanSummary {
  name: string
  runId: string
  target: Plan['target']
  openshiftVersion: string
  shard: string
  clusters: number
  hosts: number
  totals: Plan['totals']
  shapes: { shape: string; clusters: number; hostsPerCluster: number; masters: number; workers: number }[]
  hostsByRole: Record<string, number>
  machineNetworks: { first: string; last: string } | null
  ramp: Plan['ramp'] & { launchSeconds: number }
  thresholds: string[]
  failures: Record<string, number>
  notes: string[]
}

/** What `assisted-swarm plan` prints: the expanded plan at a glance. */
export function summarizePlan(plan: Plan): PlanSummary {
  const shapes = new Map<string, PlanSummary['shapes'][number]>()
  const hostsByRole: Record<string, number> = {}
  const failures: Record<string, number> = {}
  let hosts = 0
  for (const cluster of plan.clusters) {
    const shape = cluster.justInfraEnv
      ? `infra-env only (${cluster.hosts.length} hosts)`
      : cluster.singleNode
        ? 'single-node'
        : `${cluster.masters} masters + ${cluster.workers} workers${cluster.lateBinding ? ' (late binding)' : ''}`
    const entry = shapes.get(shape) ?? {
      shape,
      clusters: 0,
      hostsPerCluster: cluster.hosts.length,
      masters: cluster.masters,
      workers: cluster.workers
    }
    entry.clusters++
    shapes.set(shape, entry)
    for (const host of cluster.hosts) {
      hosts++
      hostsByRole[host.role] = (hostsByRole[host.role] ?? 0) + 1
      for (const f of host.failures) failures[f] = (failures[f] ?? 0) + 1
    }
  }
  const byIndex = plan.clusters.slice().sort((a, b) => a.index - b.index)
  return {
    name: plan.name,
    runId: plan.runId,
    target: plan.target,
    openshiftVersion: plan.openshiftVersion,
    shard: `${plan.shard.index}/${plan.shard.count}`,
    clusters: plan.clusters.length,
    hosts,
    totals: plan.totals,
    shapes: [...shapes.values()],
    hostsByRole,
    machineNetworks: byIndex.length
      ? { first: byIndex[0]!.machineCidr, last: byIndex[byIndex.length - 1]!.machineCidr }
      : null,
    ramp: { ...plan.ramp, launchSeconds: Math.ceil(hosts / plan.ramp.hostsPerSecond) },
    thresholds: plan.thresholds,
    failures,
    notes: plan.notes
  }
}

export function formatPlanSummary(summary: PlanSummary): string {
  const lines: string[] = []
  const target =
    summary.target.kind === 'simulator'
      ? `embedded simulator (${summary.target.profile} timings)`
      : summary.target.kind === 'rest'
        ? `assisted-service at ${summary.target.url}`
        : `kube-api hub (${summary.target.kubeconfig})`
  lines.push(`Plan ${summary.name} — run ${summary.runId}`)
  lines.push(`  target:     ${target}`)
  lines.push(`  openshift:  ${summary.openshiftVersion}`)
  lines.push(
    `  shard:      ${summary.shard} — ${summary.clusters} of ${summary.totals.clusters} clusters, ${summary.hosts} of ${summary.totals.hosts} hosts`
  )
  lines.push('  clusters:')
  for (const shape of summary.shapes) {
    lines.push(`    ${String(shape.clusters).padStart(6)} × ${shape.shape}`)
  }
  lines.push(
    `  hosts:      ${Object.entries(summary.hostsByRole)
      .map(([role, n]) => `${n} ${role}${n === 1 ? '' : 's'}`)
      .join(', ')}`
  )
  if (summary.machineNetworks) {
    lines.push(
      `  networks:   ${summary.machineNetworks.first} … ${summary.machineNetworks.last} (reported by hosts, never contacted)`
    )
  }
  lines.push(
    `  ramp:       ${summary.ramp.hostsPerSecond} hosts/s (launching takes ≥ ${formatDuration(summary.ramp.launchSeconds * 1000)}), at most ${summary.ramp.maxClustersInFlight} clusters in flight`
  )
  if (Object.keys(summary.failures).length) {
    lines.push(
      `  failures:   ${Object.entries(summary.failures)
        .map(([kind, n]) => `${n} host(s) ${kind}`)
        .join(', ')}`
    )
  }
  lines.push(`  thresholds: ${summary.thresholds.length ? '' : 'none'}`)
  for (const t of summary.thresholds) lines.push(`    ${t}`)
  for (const note of summary.notes) lines.push(`note: ${note}`)
  return lines.join('\n')
}
