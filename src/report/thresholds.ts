import { ConfigurationError } from '../util/errors.js'
import { parseDuration } from '../util/duration.js'
import { AGGREGATIONS, lookupMetric, type MetricSpec } from './metric-catalogue.js'

/**
 * Threshold expressions, in the manner of k6, over the metrics of a report.
 *
 * Grammar:
 *   threshold   = aggregation "(" metric [ "{" tag "=" value "}" ] ")" operator number [ unit ]
 *   aggregation = "min" | "max" | "avg" | "med" | "count" | "rate" | "ratio" | "value" | "p" number | "p(" number ")"
 *   metric      = name { "." name }                      e.g. host.discovery_to_known, http.req.duration
 *   operator    = "<" | "<=" | ">" | ">=" | "==" | "!="
 *   unit        = "ms" | "s" | "m" | "h" | "%"             (durations become milliseconds, % a ratio)
 *
 * Examples: `p95(host.discovery_to_known) < 60s`, `ratio(cluster.installed) == 1`,
 * `rate(http.errors{endpoint=v2GetNextSteps}) < 0.1%`.
 */
export interface Threshold {
  source: string
  aggregation: string
  /** For percentile aggregations, the percentile (0–100). */
  percentile?: number
  metric: string
  tags: Record<string, string>
  operator: '<' | '<=' | '>' | '>=' | '==' | '!='
  /** In the metric's unit: milliseconds for durations, 0–1 for ratios. */
  value: number
}

const EXPRESSION =
  /^\s*([a-z]+(?:\(\s*\d+(?:\.\d+)?\s*\))?|p\d+(?:\.\d+)?)\s*\(\s*([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*)\s*(?:\{\s*([a-z_]+)\s*=\s*([^}\s]+)\s*\})?\s*\)\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*(ms|s|m|h|%)?\s*$/

/** Parses and checks one threshold against the metric catalogue; throws a ConfigurationError naming `where`. */
export function parseThreshold(source: string, where = 'threshold'): Threshold {
  const match = EXPRESSION.exec(source)
  if (!match) {
    throw new ConfigurationError(
      `${where}: cannot parse ${JSON.stringify(source)}; expected aggregation(metric) operator value, e.g. "p95(host.discovery_to_known) < 60s"`
    )
  }
  const [, rawAggregation, metric, tag, tagValue, operator, number, unit] = match as unknown as string[]
  const spec = lookupMetric(metric!)
  if (!spec) {
    throw new ConfigurationError(
      `${where}: unknown metric ${JSON.stringify(metric)} in ${JSON.stringify(source)}`
    )
  }
  const { aggregation, percentile } = normaliseAggregation(rawAggregation!)
  checkAggregation(spec, aggregation, where, source, metric!)
  const tags: Record<string, string> = {}
  if (tag) {
    if (!spec.tags?.includes(tag)) {
      throw new ConfigurationError(
        `${where}: metric ${metric} has no tag ${JSON.stringify(tag)}${spec.tags ? ` (it has: ${spec.tags.join(', ')})` : ''}`
      )
    }
    tags[tag] = tagValue!
  }
  return {
    source: source.trim(),
    aggregation,
    ...(percentile === undefined ? {} : { percentile }),
    metric: metric!,
    tags,
    operator: operator as Threshold['operator'],
    value: convertValue(Number(number), unit, spec, where, source)
  }
}

function normaliseAggregation(raw: string): { aggregation: string; percentile?: number } {
  const percentile = /^p\(?\s*(\d+(?:\.\d+)?)\s*\)?$/.exec(raw)
  if (percentile) return { aggregation: 'p(N)', percentile: Number(percentile[1]) }
  return { aggregation: raw }
}

function checkAggregation(
  spec: MetricSpec,
  aggregation: string,
  where: string,
  source: string,
  metric: string
): void {
  const allowed = AGGREGATIONS[spec.type]
  if (!allowed.includes(aggregation)) {
    throw new ConfigurationError(
      `${where}: ${JSON.stringify(source)}: ${metric} is a ${spec.type} metric; it supports ${allowed.join(', ')}, not ${aggregation}`
    )
  }
}

function convertValue(
  value: number,
  unit: string | undefined,
  spec: MetricSpec,
  where: string,
  source: string
): number {
  if (!unit) return value
  if (unit === '%') return value / 100
  if (spec.unit !== 'ms') {
    throw new ConfigurationError(
      `${where}: ${JSON.stringify(source)}: a duration unit fits only duration metrics`
    )
  }
  return parseDuration(`${value}${unit}`)!
}

/** True when the measured value satisfies the threshold. A missing value (no data) fails it. */
export function thresholdPasses(threshold: Threshold, measured: number | undefined | null): boolean {
  if (measured === undefined || measured === null || Number.isNaN(measured)) return false
  switch (threshold.operator) {
    case '<':
      return measured < threshold.value
    case '<=':
      return measured <= threshold.value
    case '>':
      return measured > threshold.value
    case '>=':
      return measured >= threshold.value
    case '==':
      return Math.abs(measured - threshold.value) < 1e-9
    case '!=':
      return Math.abs(measured - threshold.value) >= 1e-9
  }
}

/** Parses every threshold and reports all problems at once. */
export function parseThresholds(sources: string[], where = 'thresholds'): Threshold[] {
  const problems: string[] = []
  const parsed: Threshold[] = []
  sources.forEach((source, i) => {
    try {
      parsed.push(parseThreshold(source, `${where}[${i}]`))
    } catch (error) {
      if (error instanceof ConfigurationError) problems.push(...error.problems)
      else throw error
    }
  })
  if (problems.length) throw new ConfigurationError(problems)
  return parsed
}
