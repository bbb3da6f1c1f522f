import type { Report } from '../generated/report.js'
import { formatCount, formatDelta, formatMs, formatRatio, formatValue } from '../format.js'
import { formatMeasured } from '../summary-markdown.js'
import { CHART_SCRIPT } from './chart-script.js'

/** Every chart report.html draws, in page order (the Chromium test checks each one rendered). */
export const CHARTS = [
  { id: 'host-statuses', title: 'Hosts by status over time' },
  { id: 'throughput', title: 'Throughput: hosts reaching registered, known, installed per minute' },
  { id: 'cluster-statuses', title: 'Clusters by status over time' },
  { id: 'durations', title: 'Host and cluster phase durations (p50, p90, p95, p99, max)' },
  { id: 'stages', title: 'Installer stage durations (time in stage)' },
  { id: 'http-latency', title: 'Request latency over time (all endpoints) and request rate' },
  { id: 'endpoints', title: 'Latency by endpoint' },
  { id: 'clusters-gantt', title: 'Per-cluster timeline' },
  { id: 'baseline', title: 'Change against the baseline' }
] as const

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.meta{color:#57606a;margin-bottom:16px}.verdict.pass{color:#1a7f37}.verdict.fail{color:#cf222e}
section{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:12px 16px;margin:12px 0}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{padding:4px 8px;border-bottom:1px solid #eaeef2;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f6f8fa;padding:1px 4px;border-radius:4px}
.chart{width:100%;height:340px}.chart.empty{height:auto;color:#57606a;padding:12px 0}
.ok{color:#1a7f37}.bad{color:#cf222e}.small{color:#57606a;font-size:12px}
`

/**
 * report.html: one self-contained file that opens offline. Tables are rendered here; charts are drawn in the
 * browser by ECharts (inlined) from the report JSON embedded in the page.
 */
export function renderHtml(report: Report, echartsSource: string | undefined): string {
  const title = `assisted-swarm report: ${report.run.id ?? 'unknown run'}`
  const body = [
    `<h1>${esc(title)} <span class="verdict ${report.passed ? 'pass' : 'fail'}">${report.passed ? '✔ passed' : '✘ failed'}</span></h1>`,
    `<div class="meta">${esc(runLine(report))}</div>`,
    section('Headline', headline(report)),
    section('Thresholds', thresholds(report)),
    report.baseline ? section('Baseline', baseline(report)) : '',
    ...CHARTS.filter(c => c.id !== 'baseline' || report.baseline).map(c =>
      section(c.title, `<div class="chart" data-chart="${c.id}"></div>`)
    ),
    section('Endpoints', endpoints(report)),
    section('Failures', failures(report)),
    report.issues.length ? section('Unreadable timeline lines', issues(report)) : ''
  ].join('\n')
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body><main>',
    body,
    '</main>',
    `<script type="application/json" id="report-data">${jsonForScript(report)}</script>`,
    echartsSource ? `<script>${echartsSource.replace(/<\/script/gi, '<\\/script')}</script>` : '',
    `<script>${CHART_SCRIPT}</script>`,
    '</body></html>',
    ''
  ].join('\n')
}

function runLine(report: Report): string {
  const r = report.run
  return [
    r.name && `plan ${r.name}`,
    r.driver && `driver ${r.driver}`,
    r.target && `target ${r.target}`,
    `shards ${r.shards.join(', ') || '–'}`,
    r.start && `started ${r.start}`,
    `duration ${formatMs(r.durationMs)}`,
    `ended: ${r.endReason ?? 'not recorded'}`,
    `${formatCount(r.records)} records from ${r.timelines.join(', ')}`
  ]
    .filter(Boolean)
    .join(' · ')
}

function section(title: string, content: string): string {
  return `<section><h2>${esc(title)}</h2>\n${content}\n</section>`
}

function table(head: string[], rows: string[][], numeric: number[] = []): string {
  const cls = (i: number): string => (numeric.includes(i) ? ' class="n"' : '')
  return [
    '<table><thead><tr>',
    head.map((h, i) => `<th${cls(i)}>${h}</th>`).join(''),
    '</tr></thead><tbody>',
    rows.map(r => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`).join('\n'),
    '</tbody></table>'
  ].join('')
}

function headline(report: Report): string {
  const h = report.headline
  const hosts = table(
    ['', 'planned', 'launched', 'registered', 'known', 'installing', 'installed', 'failed'],
    [
      [
        'hosts',
        ...[
          h.hosts.planned,
          h.hosts.launched,
          h.hosts.registered,
          h.hosts.known,
          h.hosts.installing,
          h.hosts.installed,
          h.hosts.failed
        ].map(formatCount)
      ],
      [
        'clusters',
        formatCount(h.clusters.planned),
        `${formatCount(h.clusters.created)} created`,
        '',
        '',
        '',
        formatCount(h.clusters.installed),
        formatCount(h.clusters.failed)
      ]
    ],
    [1, 2, 3, 4, 5, 6, 7]
  )
  const figures = table(
    ['figure', 'value'],
    [
      ['p95 discovery → known', formatMs(h.p95DiscoveryToKnownMs)],
      ['p95 host installation', formatMs(h.p95HostInstallationMs)],
      ['p95 launch → installed', formatMs(h.p95LaunchToInstalledMs)],
      ['p95 cluster created → installed', formatMs(h.p95ClusterInstallMs)],
      ['HTTP requests', formatCount(h.httpRequests)],
      ['HTTP error rate', formatRatio(h.httpErrorRate)],
      ['HTTP p95 latency', formatMs(h.httpP95Ms)]
    ].map(([a, b]) => [esc(a!), esc(b!)]),
    [1]
  )
  return hosts + '<br>' + figures
}

function thresholds(report: Report): string {
  if (!report.thresholds.length) return '<p>No thresholds were set.</p>'
  return table(
    ['', 'threshold', 'measured'],
    report.thresholds.map(t => [
      t.passed ? '<span class="ok">✔</span>' : '<span class="bad">✘</span>',
      `<code>${esc(t.source)}</code>`,
      esc(formatMeasured(t))
    ]),
    [2]
  )
}

function baseline(report: Report): string {
  const b = report.baseline!
  const intro = `<p>Compared with <code>${esc(b.source)}</code> (run ${esc(b.runId ?? 'unknown')}); ${
    b.tolerance === null ? 'deltas only' : `regression tolerance ${esc(formatRatio(b.tolerance))}`
  }: ${b.regressions ? `<span class="bad">${b.regressions} regression(s)</span>` : '<span class="ok">no regression</span>'}.</p>`
  return (
    intro +
    table(
      ['', 'metric', 'baseline', 'current', 'Δ'],
      b.comparisons.map(c => [
        c.regression ? '<span class="bad">✘</span>' : '<span class="ok">✔</span>',
        esc(`${c.aggregation}(${c.metric})`),
        esc(formatValue(c.baseline, c.unit)),
        esc(formatValue(c.current, c.unit)),
        esc(formatDelta(c.deltaRatio))
      ]),
      [2, 3, 4]
    )
  )
}

function endpoints(report: Report): string {
  if (!report.endpoints.length) return '<p>No HTTP requests were recorded.</p>'
  return table(
    ['endpoint', 'requests', 'errors', 'error rate', 'codes', 'p50', 'p95', 'p99', 'max'],
    report.endpoints.map(e => [
      esc(e.endpoint),
      formatCount(e.requests),
      formatCount(e.errors),
      formatRatio(e.errorRate),
      esc(
        Object.entries(e.codes)
          .map(([code, n]) => `${code}: ${n}`)
          .join(', ')
      ),
      ...[e.latencyMs.p50, e.latencyMs.p95, e.latencyMs.p99, e.latencyMs.max].map(formatMs)
    ]),
    [1, 2, 3, 5, 6, 7, 8]
  )
}

function failures(report: Report): string {
  const f = report.failures
  if (!f.hosts.total && !f.clusters.total && !f.errors.total) return '<p>None.</p>'
  const parts: string[] = []
  if (f.hosts.total) {
    parts.push(`<h3>Hosts: ${formatCount(f.hosts.total)}</h3>`)
    parts.push(
      table(
        ['hosts', 'reason', 'last status', 'info', 'examples'],
        f.hosts.groups.map(g => [
          formatCount(g.count),
          esc(g.reason),
          esc(g.status ?? '–'),
          esc(g.info ?? '–'),
          esc(g.examples.join(', '))
        ]),
        [0]
      )
    )
  }
  if (f.clusters.total) {
    parts.push(`<h3>Clusters: ${formatCount(f.clusters.total)}</h3>`)
    parts.push(
      table(
        ['cluster', 'reason', 'last status', 'info'],
        f.clusters.items.map(c => [esc(c.name), esc(c.reason), esc(c.status ?? '–'), esc(c.info ?? '–')])
      )
    )
  }
  if (f.errors.total) {
    parts.push(`<h3>Errors: ${formatCount(f.errors.total)}</h3>`)
    parts.push(
      table(
        ['count', 'scope', 'message', 'examples'],
        f.errors.groups.map(g => [
          formatCount(g.count),
          esc(g.scope),
          esc(g.message),
          esc(g.examples.join(', '))
        ]),
        [0]
      )
    )
  }
  return parts.join('\n')
}

function issues(report: Report): string {
  return table(
    ['file', 'line', 'problem'],
    report.issues.map(i => [esc(i.file), String(i.line), esc(i.message)]),
    [1]
  )
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** JSON that cannot end the script element it sits in. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}
