import { formatDuration } from '../../util/duration.js'

/** What the live view shows, computed by the swarm every tick. */
export interface ProgressSnapshot {
  runId: string
  elapsedMs: number
  /** Estimated time left, when it can be estimated. */
  etaMs?: number
  clusters: {
    planned: number
    done: number
    installed: number
    failed: number
    inFlight: number
    byStatus: [string, number][]
  }
  hosts: { planned: number; launched: number; running: number; byStatus: [string, number][] }
  http: { rate: number; p95Ms: number; errors: number; total: number; totalErrors: number }
  records: number
}

export interface ProgressSink {
  update(snapshot: ProgressSnapshot): void
  finish(snapshot: ProgressSnapshot): void
}

function statuses(byStatus: [string, number][], limit = 6): string {
  if (!byStatus.length) return '-'
  const shown = byStatus.slice(0, limit).map(([s, n]) => `${s} ${n}`)
  const rest = byStatus.slice(limit).reduce((sum, [, n]) => sum + n, 0)
  return rest ? `${shown.join(', ')}, other ${rest}` : shown.join(', ')
}

/** One line for CI logs: `00:42 clusters 3/10 installed (1 failed, 4 in flight) | hosts 37/60 launched | 85 req/s p95 12ms 0 err | ETA 1m10s` */
export function formatProgressLine(s: ProgressSnapshot): string {
  const eta = s.etaMs === undefined ? '' : ` | ETA ${formatDuration(s.etaMs)}`
  return (
    `${formatClock(s.elapsedMs)} clusters ${s.clusters.installed}/${s.clusters.planned} installed` +
    ` (${s.clusters.failed} failed, ${s.clusters.inFlight} in flight) | hosts ${s.hosts.launched}/${s.hosts.planned} launched` +
    ` | ${s.http.rate.toFixed(0)} req/s p95 ${s.http.p95Ms.toFixed(1)}ms ${s.http.errors} err${eta}`
  )
}

/** The one-screen view for terminals. */
export function formatProgressScreen(s: ProgressSnapshot): string {
  const eta = s.etaMs === undefined ? 'estimating…' : formatDuration(s.etaMs)
  const bar = (done: number, total: number, width = 30): string => {
    const filled = total ? Math.round((done / total) * width) : 0
    return `[${'█'.repeat(filled)}${'·'.repeat(width - filled)}]`
  }
  return [
    `assisted-swarm ${s.runId} — elapsed ${formatClock(s.elapsedMs)}, left ${eta}`,
    `clusters ${bar(s.clusters.done, s.clusters.planned)} ${s.clusters.installed} installed, ${s.clusters.failed} failed, ${s.clusters.inFlight} in flight of ${s.clusters.planned}`,
    `         ${statuses(s.clusters.byStatus)}`,
    `hosts    ${bar(s.hosts.launched, s.hosts.planned)} ${s.hosts.launched} launched, ${s.hosts.running} running of ${s.hosts.planned}`,
    `         ${statuses(s.hosts.byStatus)}`,
    `requests ${s.http.rate.toFixed(1)}/s, p95 ${s.http.p95Ms.toFixed(1)} ms, errors ${s.http.errors} in the last 10 s (${s.http.totalErrors}/${s.http.total} in all)`,
    `timeline ${s.records} records`
  ].join('\n')
}

export function formatClock(ms: number): string {
  const total = Math.floor(ms / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const sec = total % 60
  const mm = String(m).padStart(2, '0')
  const ss = String(sec).padStart(2, '0')
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`
}
