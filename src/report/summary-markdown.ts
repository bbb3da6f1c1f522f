import type { Comparison, Report, ThresholdResult, TrendValues } from './generated/report.js'
import { formatCount, formatDelta, formatMs, formatRatio, formatValue } from './format.js'

const TOP_ENDPOINTS = 10
const TOP_FAILURES = 10
const CELL_MAX = 200

/**
 * summary.md: what a person reads first, in the job summary or a shell. Short by design (GitHub caps a step
 * summary at 1 MiB): headline, thresholds, baseline deltas, durations, top endpoints, top failures.
 */
export function renderSummaryMarkdown(report: Report): string {
  const out: string[] = []
  const verdict = report.passed ? '✅ passed' : '❌ failed'
  out.push(`## assisted-swarm report: ${cell(report.run.id ?? 'unknown run')} — ${verdict}`, '')
  out.push(runLine(report), '')
  out.push(...headline(report), '')
  out.push(...thresholds(report.thresholds))
  if (report.baseline) out.push(...baseline(report))
  out.push(...durations(report))
  out.push(...stages(report))
  out.push(...endpoints(report))
  out.push(...failures(report))
  if (report.issues.length) {
    out.push(
      `> ⚠️ ${report.issues.length} timeline line(s) could not be read (e.g. ${cell(report.issues[0]!.file)}:${report.issues[0]!.line}: ${cell(report.issues[0]!.message)}).`,
      ''
    )
  }
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  )
}

function runLine(report: Report): string {
  const run = report.run
  const parts = [
    run.name ? `plan **${cell(run.name)}**` : undefined,
    run.driver ? `driver ${cell(run.driver)}` : undefined,
    run.target ? `target ${cell(run.target)}` : undefined,
    `shards ${run.shards.length ? run.shards.join(', ') : '–'}`,
    `duration ${formatMs(run.durationMs)}`,
    `ended: ${run.endReason ?? 'not recorded'}`,
    run.resumed ? `resumed ${run.resumed}×` : undefined,
    `${formatCount(run.records)} records`
  ]
  return parts.filter(Boolean).join(' · ')
}

function headline(report: Report): string[] {
  const h = report.headline
  return [
    '| | planned | launched | registered | known | installing | installed | failed |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    `| hosts | ${[h.hosts.planned, h.hosts.launched, h.hosts.registered, h.hosts.known, h.hosts.installing, h.hosts.installed, h.hosts.failed].map(formatCount).join(' | ')} |`,
    '',
    `Clusters: ${formatCount(h.clusters.planned)} planned, ${formatCount(h.clusters.created)} created, ${formatCount(h.clusters.installed)} installed, ${formatCount(h.clusters.failed)} failed.`,
    '',
    '| headline | value |',
    '|---|---:|',
    `| p95 discovery → known | ${formatMs(h.p95DiscoveryToKnownMs)} |`,
    `| p95 host installation | ${formatMs(h.p95HostInstallationMs)} |`,
    `| p95 launch → installed | ${formatMs(h.p95LaunchToInstalledMs)} |`,
    `| p95 cluster created → installed | ${formatMs(h.p95ClusterInstallMs)} |`,
    `| HTTP requests | ${formatCount(h.httpRequests)} |`,
    `| HTTP error rate | ${formatRatio(h.httpErrorRate)} |`,
    `| HTTP p95 latency | ${formatMs(h.httpP95Ms)} |`
  ]
}

/** The measured value of a threshold, in its metric's unit. */
export function formatMeasured(t: ThresholdResult): string {
  return t.measured === null ? 'no data' : formatValue(t.measured, t.unit)
}

function thresholds(results: ThresholdResult[]): string[] {
  if (!results.length) return ['### Thresholds', '', 'No thresholds were set.', '']
  const failed = results.filter(t => !t.passed).length
  return [
    `### Thresholds: ${results.length - failed}/${results.length} passed`,
    '',
    '| | threshold | measured |',
    '|---|---|---:|',
    ...results.map(t => `| ${t.passed ? '✅' : '❌'} | ${code(t.source)} | ${formatMeasured(t)} |`),
    ''
  ]
}

function baseline(report: Report): string[] {
  const b = report.baseline!
  const rows = b.comparisons.map(
    (c: Comparison) =>
      `| ${c.regression ? '❌' : '✅'} | ${c.aggregation}(${c.metric}) | ${formatValue(c.baseline, c.unit)} | ${formatValue(c.current, c.unit)} | ${formatDelta(c.deltaRatio)} |`
  )
  const tolerance =
    b.tolerance === null
      ? 'deltas only (no regression tolerance)'
      : `regression tolerance ${formatRatio(b.tolerance)}`
  return [
    `### Baseline: ${cell(b.runId ?? b.source)} — ${b.regressions ? `${b.regressions} regression(s)` : 'no regression'}`,
    '',
    `Compared with ${code(b.source)}; ${tolerance}.`,
    '',
    '| | metric | baseline | current | Δ |',
    '|---|---|---:|---:|---:|',
    ...rows,
    ''
  ]
}

function trendRow(label: string, v: TrendValues): string {
  return `| ${label} | ${formatCount(v.count)} | ${[v.p50, v.p90, v.p95, v.p99, v.max].map(formatMs).join(' | ')} |`
}

function durations(report: Report): string[] {
  const rows: string[] = []
  for (const [key, metric] of Object.entries(report.metrics)) {
    if (metric.type !== 'trend' || !/^(host|cluster)\./.test(key) || key.startsWith('host.stage.')) continue
    const values = metric.values as TrendValues
    if (values.count) rows.push(trendRow(key, values))
  }
  if (!rows.length) return []
  return [
    '### Durations',
    '',
    '| metric | count | p50 | p90 | p95 | p99 | max |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
    ''
  ]
}

function stages(report: Report): string[] {
  const rows = report.stages.filter(s => s.durationMs.count).map(s => trendRow(cell(s.stage), s.durationMs))
  if (!rows.length) return []
  return [
    '### Installer stages (time in stage)',
    '',
    '| stage | hosts | p50 | p90 | p95 | p99 | max |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
    ''
  ]
}

function endpoints(report: Report): string[] {
  if (!report.endpoints.length) return []
  const shown = report.endpoints.slice(0, TOP_ENDPOINTS)
  const more = report.endpoints.length - shown.length
  return [
    `### Top endpoints${more > 0 ? ` (${shown.length} of ${report.endpoints.length})` : ''}`,
    '',
    '| endpoint | requests | errors | p50 | p95 | p99 | max |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...shown.map(
      e =>
        `| ${cell(e.endpoint)} | ${formatCount(e.requests)} | ${formatCount(e.errors)} (${formatRatio(e.errorRate)}) | ${[e.latencyMs.p50, e.latencyMs.p95, e.latencyMs.p99, e.latencyMs.max].map(formatMs).join(' | ')} |`
    ),
    ''
  ]
}

function failures(report: Report): string[] {
  const f = report.failures
  if (!f.hosts.total && !f.clusters.total && !f.errors.total) return ['### Failures', '', 'None.', '']
  const out = ['### Failures', '']
  if (f.hosts.total) {
    out.push(
      `**Hosts: ${formatCount(f.hosts.total)}**`,
      '',
      '| hosts | reason | last status | info | e.g. |',
      '|---:|---|---|---|---|'
    )
    for (const g of f.hosts.groups.slice(0, TOP_FAILURES)) {
      out.push(
        `| ${formatCount(g.count)} | ${g.reason} | ${cell(g.status ?? '–')} | ${cell(g.info ?? '–')} | ${cell(g.examples.join(', '))} |`
      )
    }
    out.push('')
  }
  if (f.clusters.total) {
    out.push(
      `**Clusters: ${formatCount(f.clusters.total)}**`,
      '',
      '| cluster | reason | last status | info |',
      '|---|---|---|---|'
    )
    for (const c of f.clusters.items.slice(0, TOP_FAILURES))
      out.push(`| ${cell(c.name)} | ${c.reason} | ${cell(c.status ?? '–')} | ${cell(c.info ?? '–')} |`)
    out.push('')
  }
  if (f.errors.total) {
    out.push(
      `**Errors: ${formatCount(f.errors.total)}**`,
      '',
      '| count | scope | message | e.g. |',
      '|---:|---|---|---|'
    )
    for (const g of f.errors.groups.slice(0, TOP_FAILURES))
      out.push(
        `| ${formatCount(g.count)} | ${g.scope} | ${cell(g.message)} | ${cell(g.examples.join(', '))} |`
      )
    out.push('')
  }
  return out
}

/** Text safe inside a Markdown table cell: one line, pipes escaped, length capped. */
export function cell(text: string): string {
  const line = text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;')
  return line.length > CELL_MAX ? `${line.slice(0, CELL_MAX - 1)}…` : line
}

/** A code span safe inside a Markdown table cell (no HTML escaping: code spans show text literally). */
export function code(text: string): string {
  const line = text.replace(/\s+/g, ' ').replace(/\|/g, '\\|')
  const fence = line.includes('`') ? '``' : '`'
  return `${fence}${line}${fence}`
}
