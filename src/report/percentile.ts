import type { TrendValues } from './generated/report.js'

/**
 * The p-th percentile (0–100) of ascending `sorted` values, interpolating linearly between the two closest
 * ranks as k6's TrendSink does: rank = p/100 × (n − 1). Undefined for no values.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | undefined {
  const n = sorted.length
  if (!n) return undefined
  if (p <= 0) return sorted[0]
  if (p >= 100) return sorted[n - 1]
  const rank = (p / 100) * (n - 1)
  const lower = Math.floor(rank)
  const fraction = rank - lower
  const a = sorted[lower]!
  if (!fraction) return a
  return a + (sorted[lower + 1]! - a) * fraction
}

/** Rounds to `digits` decimals, keeping null/undefined as null (JSON-friendly). */
export function round(value: number | undefined | null, digits: number): number | null {
  if (value === undefined || value === null || !Number.isFinite(value)) return null
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

export const EMPTY_TREND: TrendValues = {
  count: 0,
  min: null,
  max: null,
  avg: null,
  med: null,
  p50: null,
  p90: null,
  p95: null,
  p99: null
}

/** What a trend can answer: its summary and any percentile (thresholds ask for p(99.9) and the like). */
export interface TrendSource {
  readonly count: number
  min(): number | undefined
  max(): number | undefined
  avg(): number | undefined
  percentile(p: number): number | undefined
}

/** The report's aggregations of a trend, in milliseconds rounded to microseconds. */
export function trendValues(trend: TrendSource): TrendValues {
  if (!trend.count) return { ...EMPTY_TREND }
  const ms = (v: number | undefined): number | null => round(v, 3)
  const med = ms(trend.percentile(50))
  return {
    count: trend.count,
    min: ms(trend.min()),
    max: ms(trend.max()),
    avg: ms(trend.avg()),
    med,
    p50: med,
    p90: ms(trend.percentile(90)),
    p95: ms(trend.percentile(95)),
    p99: ms(trend.percentile(99))
  }
}
