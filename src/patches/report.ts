import type { PatchResult, PatchStatus } from './apply-series.js'

/** The outcome for one component: where its patched tree is and how each patch of its series chain went. */
export interface ComponentApplyResult {
  component: string
  /** Directory of the patched tree. */
  tree: string
  upstream: { url: string; ref: string; commit: string; tree: string }
  /** The upstream commit the component is pinned to (what image tags carry). */
  pinnedCommit: string
  seriesHash: string
  cacheKey: string
  cacheHit: boolean
  /** Patched commit (HEAD of the tree). */
  head: string
  /** Every patch of the chain, base series first. */
  patches: PatchResult[]
  /** True when every patch applied. */
  ok: boolean
}

export interface ApplyReport {
  check: boolean
  components: ComponentApplyResult[]
  counts: Record<PatchStatus, number>
}

/** Counts each patch once, even when a base series is part of several chains. */
export function countStatuses(components: readonly ComponentApplyResult[]): Record<PatchStatus, number> {
  const counts: Record<PatchStatus, number> = {
    applied: 0,
    'applied-with-offset': 0,
    'applied-3way': 0,
    failed: 0,
    skipped: 0
  }
  const seen = new Map<string, PatchStatus>()
  const rank: PatchStatus[] = ['failed', 'skipped', 'applied-3way', 'applied-with-offset', 'applied']
  for (const c of components) {
    for (const p of c.patches) {
      const key = `${p.component}/${p.patch}`
      const before = seen.get(key)
      if (!before || rank.indexOf(p.status) < rank.indexOf(before)) seen.set(key, p.status)
    }
  }
  for (const status of seen.values()) counts[status]++
  return counts
}

const MARK: Record<PatchStatus, string> = {
  applied: '✓',
  'applied-with-offset': '✓',
  'applied-3way': '✓',
  failed: '✗',
  skipped: '–'
}

/** One line per patch, for the log. */
export function describePatch(result: PatchResult): string {
  const head = `${MARK[result.status]} ${result.component}/${result.patch}: ${result.status}`
  if (result.status === 'applied-with-offset' && result.offsets?.length) {
    const where = result.offsets.map(o => `${o.file} hunk #${o.hunk} ${o.offset > 0 ? '+' : ''}${o.offset}`)
    return `${head} (${where.join(', ')})`
  }
  if (result.status === 'failed' && result.failure) {
    const f = result.failure
    const where = [f.file, f.hunkIndex ? `hunk #${f.hunkIndex}` : undefined, f.hunk].filter(Boolean).join(' ')
    return `${head}${where ? ` in ${where}` : ''}\n    ${f.message.split('\n').join('\n    ')}`
  }
  return head
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', '<br>')
}

/** The report as Markdown (job summary, apply-patches/report.md). */
export function reportMarkdown(report: ApplyReport): string {
  const c = report.counts
  const lines = [
    `## apply-patches${report.check ? ' (check)' : ''}`,
    '',
    `${c.applied} applied, ${c['applied-with-offset']} with offset, ${c['applied-3way']} with 3-way merge, ` +
      `**${c.failed} failed**, ${c.skipped} skipped`,
    ''
  ]
  for (const component of report.components) {
    lines.push(
      `### ${component.component} ${component.ok ? '✓' : '✗'}`,
      '',
      `upstream ${component.upstream.url} @ ${component.pinnedCommit.slice(0, 12)} (tree ${component.upstream.tree.slice(0, 12)}), ` +
        `series ${component.seriesHash.slice(0, 12)}${component.cacheHit ? ', restored from the cache' : ''}`,
      '',
      '| patch | status | where |',
      '|---|---|---|'
    )
    for (const p of component.patches) {
      let where = ''
      if (p.failure) {
        where = [p.failure.file, p.failure.hunk ? `\`${p.failure.hunk}\`` : undefined]
          .filter(Boolean)
          .join(' ')
        where = where ? `${where}<br>${p.failure.message}` : p.failure.message
      } else if (p.offsets?.length) {
        where = p.offsets.map(o => `${o.file} #${o.hunk} (${o.offset > 0 ? '+' : ''}${o.offset})`).join(', ')
      }
      lines.push(`| ${cell(`${p.component}/${p.patch}`)} | ${MARK[p.status]} ${p.status} | ${cell(where)} |`)
    }
    lines.push('')
  }
  return lines.join('\n')
}
