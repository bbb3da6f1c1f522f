/**
 * Independent answers for the golden tests: computed from the raw timeline lines with plain loops and a sort,
 * sharing no code with src/report (which streams into typed-array tables and histograms).
 */
import { readFileSync } from 'node:fs'

export type Line = Record<string, unknown> & { t: number; k: string }

/** Every parseable line (a torn last line is skipped, as the reader does). */
export function readLines(file: string): Line[] {
  const out: Line[] = []
  for (const text of readFileSync(file, 'utf8').split('\n')) {
    if (!text) continue
    try {
      out.push(JSON.parse(text) as Line)
    } catch {
      // torn
    }
  }
  return out
}

/** k6's percentile: linear interpolation between closest ranks of the sorted values. */
export function interpolated(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const rank = (p / 100) * (sorted.length - 1)
  const lo = Math.floor(rank)
  const hi = Math.min(sorted.length - 1, lo + 1)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo)
}

/** Nearest-rank percentile (what an HDR histogram approximates): the ⌈p/100 × n⌉-th smallest value. */
export function nearestRank(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1]!
}

function first(lines: Line[], match: (l: Line) => boolean, key: (l: Line) => string): Map<string, number> {
  const out = new Map<string, number>()
  for (const l of lines) if (match(l)) out.set(key(l), Math.min(out.get(key(l)) ?? Infinity, l.t))
  return out
}

/** Per-host and per-cluster durations, the obvious way. */
export function independentDurations(lines: Line[]): Record<string, number[]> {
  const host = (l: Line): string => l.h as string
  const cluster = (l: Line): string => l.c as string
  const launch = first(lines, l => l.k === 'host' && l.ev === 'launch', host)
  const registered = first(lines, l => l.k === 'host' && l.ev === 'registered', host)
  const known = first(lines, l => l.k === 'host' && l.ev === 'status' && l.status === 'known', host)
  const installedStatus = first(
    lines,
    l => l.k === 'host' && l.ev === 'status' && l.status === 'installed',
    host
  )
  const done = first(lines, l => l.k === 'stage' && l.stage === 'Done', host)
  const created = first(lines, l => l.k === 'cluster' && l.ev === 'created', cluster)
  const clusterInstalled = first(
    lines,
    l => l.k === 'cluster' && l.ev === 'status' && l.status === 'installed',
    cluster
  )
  const diff = (to: Map<string, number>, from: Map<string, number>): number[] =>
    [...to.entries()].filter(([k]) => from.has(k)).map(([k, t]) => t - from.get(k)!)
  const installed = new Map<string, number>()
  for (const h of new Set([...installedStatus.keys(), ...done.keys()]))
    installed.set(h, Math.min(installedStatus.get(h) ?? Infinity, done.get(h) ?? Infinity))
  return {
    'host.launch_to_registered': diff(registered, launch),
    'host.discovery_to_known': diff(known, registered),
    'host.launch_to_installed': diff(installed, launch),
    'cluster.created_to_installed': diff(clusterInstalled, created)
  }
}

/** Time each host spent in `stage`: from its first report to the first report of a different stage after it. */
export function independentStage(lines: Line[], stage: string): number[] {
  const byHost = new Map<string, { stage: string; t: number }[]>()
  for (const l of lines)
    if (l.k === 'stage')
      (byHost.get(l.h as string) ?? byHost.set(l.h as string, []).get(l.h as string)!).push({
        stage: l.stage as string,
        t: l.t
      })
  const out: number[] = []
  for (const reports of byHost.values()) {
    const start = reports.findIndex(r => r.stage === stage)
    if (start < 0) continue
    const next = reports.slice(start).find(r => r.stage !== stage)
    if (next) out.push(next.t - reports[start]!.t)
  }
  return out
}
