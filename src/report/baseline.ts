import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { BaselineComparison, Comparison, Metric, Report, TrendValues } from './generated/report.js'
import { betterDirection } from './metric-catalogue.js'
import { round } from './percentile.js'
import { ConfigurationError } from '../util/errors.js'
import { REPORT_SCHEMA_VERSION } from './build-report.js'

/**
 * What a baseline comparison looks at: the headline durations (median and p95 of each host and cluster phase and
 * of HTTP latency) and the success and error rates. Per-stage and per-endpoint figures are too noisy to gate on.
 */
export const BASELINE_METRICS: { metric: string; aggregations: ('med' | 'p95' | 'rate')[] }[] = [
  { metric: 'host.launch_to_registered', aggregations: ['med', 'p95'] },
  { metric: 'host.discovery_to_known', aggregations: ['med', 'p95'] },
  { metric: 'host.known_to_installing', aggregations: ['med', 'p95'] },
  { metric: 'host.installation', aggregations: ['med', 'p95'] },
  { metric: 'host.launch_to_installed', aggregations: ['med', 'p95'] },
  { metric: 'cluster.created_to_ready', aggregations: ['med', 'p95'] },
  { metric: 'cluster.created_to_installed', aggregations: ['med', 'p95'] },
  { metric: 'http.req.duration', aggregations: ['med', 'p95'] },
  { metric: 'host.registered', aggregations: ['rate'] },
  { metric: 'host.known', aggregations: ['rate'] },
  { metric: 'host.installed', aggregations: ['rate'] },
  { metric: 'cluster.installed', aggregations: ['rate'] },
  { metric: 'http.errors', aggregations: ['rate'] }
]

/** Differences smaller than this never count as a regression (1 ms; 0.1 percentage point). */
const NOISE_FLOOR = { ms: 1, ratio: 0.001, count: 1, 'count/s': 0.01 } as const

/** Reads a baseline report: a report.json file or a run directory holding one. */
export function loadBaseline(path: string): Report {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'report.json') : path
  if (!existsSync(file))
    throw new ConfigurationError(
      `baseline: ${file}: no such report (give a report.json or a run directory holding one)`
    )
  let report: unknown
  try {
    report = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new ConfigurationError(`baseline: ${file}: not JSON (${(error as Error).message})`)
  }
  const version = (report as { schemaVersion?: unknown } | null)?.schemaVersion
  if (version !== REPORT_SCHEMA_VERSION) {
    throw new ConfigurationError(
      `baseline: ${file}: schemaVersion ${JSON.stringify(version)} is not supported (expected ${REPORT_SCHEMA_VERSION})`
    )
  }
  return report as Report
}

/**
 * Compares `current` with `baseline`. With a tolerance, a comparison is a regression when it is worse by more
 * than that fraction of the baseline (and by more than a small noise floor): for lower-is-better metrics
 * current > baseline × (1 + tolerance), for higher-is-better current < baseline × (1 − tolerance).
 */
export function compareReports(
  current: Report,
  baseline: Report,
  tolerance: number | undefined,
  source: string
): BaselineComparison {
  const comparisons: Comparison[] = []
  for (const { metric, aggregations } of BASELINE_METRICS) {
    const now = current.metrics[metric]
    const then = baseline.metrics[metric]
    if (!now) continue
    for (const aggregation of aggregations) {
      const currentValue = pick(now, aggregation)
      const baselineValue = then ? pick(then, aggregation) : null
      if (currentValue === null && baselineValue === null) continue
      const better = betterDirection(metric)
      const delta = currentValue !== null && baselineValue !== null ? currentValue - baselineValue : null
      const deltaRatio = delta !== null && baselineValue ? delta / baselineValue : null
      let regression = false
      if (tolerance !== undefined && delta !== null && baselineValue !== null) {
        const worse = better === 'lower' ? delta : -delta
        regression = worse > Math.abs(baselineValue) * tolerance && worse > NOISE_FLOOR[now.unit]
      }
      comparisons.push({
        metric,
        aggregation,
        unit: now.unit,
        better,
        baseline: baselineValue,
        current: currentValue,
        delta: round(delta, 6),
        deltaRatio: round(deltaRatio, 6),
        regression
      })
    }
  }
  return {
    source,
    runId: baseline.run?.id ?? null,
    tolerance: tolerance ?? null,
    comparisons,
    regressions: comparisons.filter(c => c.regression).length
  }
}

function pick(metric: Metric, aggregation: 'med' | 'p95' | 'rate'): number | null {
  const values = metric.values as Partial<TrendValues> & { rate?: number | null }
  const value = values[aggregation]
  return typeof value === 'number' ? value : null
}

/** The report with its baseline comparison: regressions counted in the headline and in `passed`. */
export function withBaseline(report: Report, comparison: BaselineComparison): Report {
  return {
    ...report,
    baseline: comparison,
    passed: report.passed && comparison.regressions === 0,
    headline: { ...report.headline, regressions: comparison.regressions }
  }
}
