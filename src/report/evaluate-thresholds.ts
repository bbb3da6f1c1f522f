import type { ThresholdResult } from './generated/report.js'
import type { MetricBook } from './metric-book.js'
import { lookupMetric, type MetricUnit } from './metric-catalogue.js'
import { round } from './percentile.js'
import { thresholdPasses, type Threshold } from './thresholds.js'

/** The metric key a threshold reads: `http.req.duration{endpoint=v2GetNextSteps}` or the bare name. */
export function thresholdKey(threshold: Threshold): string {
  const tags = Object.entries(threshold.tags)
  return tags.length
    ? `${threshold.metric}{${tags.map(([k, v]) => `${k}=${v}`).join(',')}}`
    : threshold.metric
}

/** The value a threshold compares, in the metric's unit; undefined when there is no data. */
export function measure(threshold: Threshold, book: MetricBook): number | undefined {
  const key = thresholdKey(threshold)
  const spec = lookupMetric(threshold.metric)
  switch (spec?.type) {
    case 'trend': {
      const trend = book.trend(key)
      if (!trend) return undefined
      switch (threshold.aggregation) {
        case 'count':
          return trend.count
        case 'min':
          return trend.min()
        case 'max':
          return trend.max()
        case 'avg':
          return trend.avg()
        case 'med':
          return trend.percentile(50)
        case 'p(N)':
          return trend.percentile(threshold.percentile ?? 50)
        default:
          return undefined
      }
    }
    case 'rate': {
      const rate = book.rate(key)
      return rate && rate.total ? rate.passes / rate.total : undefined
    }
    case 'counter': {
      const count = book.count(key) ?? 0
      if (threshold.aggregation === 'rate') return book.durationS ? count / book.durationS : undefined
      return count
    }
    case 'gauge': {
      const gauge = book.gauge(key)
      if (!gauge) return undefined
      return threshold.aggregation === 'min'
        ? gauge.min
        : threshold.aggregation === 'max'
          ? gauge.max
          : gauge.value
    }
    default:
      return undefined
  }
}

/** The unit of what a threshold compares: a trend's count is a count, a counter's rate is per second. */
export function aggregationUnit(threshold: Threshold): MetricUnit {
  const spec = lookupMetric(threshold.metric)!
  if (threshold.aggregation === 'count') return 'count'
  if (spec.type === 'counter' && threshold.aggregation === 'rate') return 'count/s'
  return spec.unit
}

/** Evaluates every threshold; a threshold without data fails. */
export function evaluateThresholds(thresholds: Threshold[], book: MetricBook): ThresholdResult[] {
  return thresholds.map(threshold => {
    const measured = measure(threshold, book)
    const unit = aggregationUnit(threshold)
    return {
      source: threshold.source,
      metric: threshold.metric,
      aggregation: threshold.aggregation,
      ...(threshold.percentile === undefined ? {} : { percentile: threshold.percentile }),
      tags: threshold.tags,
      operator: threshold.operator,
      value: threshold.value,
      unit,
      measured: round(measured, unit === 'ratio' ? 6 : 3),
      passed: thresholdPasses(threshold, measured)
    }
  })
}
