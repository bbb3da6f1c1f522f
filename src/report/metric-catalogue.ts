/**
 * Every metric a report carries, with its k6-style type. Thresholds are checked against this catalogue when
 * a plan loads, so a typo or an aggregation the metric cannot give is a bad-input error before anything runs.
 */
export type MetricType = 'trend' | 'rate' | 'counter' | 'gauge'
export type MetricUnit = 'ms' | 'ratio' | 'count' | 'count/s'

export interface MetricSpec {
  type: MetricType
  unit: MetricUnit
  description: string
  /** Tag names the metric can be filtered by in a threshold, e.g. `http.req.duration{endpoint=v2GetNextSteps}`. */
  tags?: string[]
  /** Which way is better, for baseline comparisons; default: lower for trends, higher for rates. */
  better?: 'lower' | 'higher'
}

export const METRICS: Record<string, MetricSpec> = {
  'host.launch_to_registered': { type: 'trend', unit: 'ms', description: 'Host launched → registered (201)' },
  'host.discovery_to_known': { type: 'trend', unit: 'ms', description: 'Host registered → known' },
  'host.known_to_installing': { type: 'trend', unit: 'ms', description: 'Host known → installing' },
  'host.installation': { type: 'trend', unit: 'ms', description: 'Host installing → installed' },
  'host.launch_to_installed': { type: 'trend', unit: 'ms', description: 'Host launched → installed' },
  'host.registered': { type: 'rate', unit: 'ratio', description: 'Share of launched hosts that registered' },
  'host.known': { type: 'rate', unit: 'ratio', description: 'Share of launched hosts that reached known' },
  'host.installed': {
    type: 'rate',
    unit: 'ratio',
    description: 'Share of hosts of installing clusters that reached installed'
  },
  'cluster.created_to_ready': { type: 'trend', unit: 'ms', description: 'Cluster created → ready' },
  'cluster.ready_to_installing': { type: 'trend', unit: 'ms', description: 'Cluster ready → installing' },
  'cluster.installing_to_finalizing': {
    type: 'trend',
    unit: 'ms',
    description: 'Cluster installing → finalizing'
  },
  'cluster.finalizing_to_installed': {
    type: 'trend',
    unit: 'ms',
    description: 'Cluster finalizing → installed'
  },
  'cluster.created_to_installed': { type: 'trend', unit: 'ms', description: 'Cluster created → installed' },
  'cluster.installed': {
    type: 'rate',
    unit: 'ratio',
    description: 'Share of planned clusters that reached installed'
  },
  'http.reqs': { type: 'counter', unit: 'count', description: 'HTTP requests sent', tags: ['endpoint'] },
  'http.req.duration': { type: 'trend', unit: 'ms', description: 'HTTP request latency', tags: ['endpoint'] },
  'http.errors': {
    type: 'rate',
    unit: 'ratio',
    description: 'Share of HTTP requests that failed (network error or 5xx)',
    tags: ['endpoint'],
    better: 'lower'
  },
  'agent.unknown_steps': {
    type: 'counter',
    unit: 'count',
    description: 'Steps of a type the agent does not know'
  },
  'agent.step_failures': {
    type: 'counter',
    unit: 'count',
    description: 'Step replies sent with a non-zero exit code'
  },
  'run.duration': { type: 'gauge', unit: 'ms', description: 'Wall time of the run' }
}

/** Per-stage trends: `host.stage.writing_image_to_disk` is the time a host spent in "Writing image to disk". */
export const STAGE_METRIC_PREFIX = 'host.stage.'

export function stageMetricName(stage: string): string {
  return (
    STAGE_METRIC_PREFIX +
    stage
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '')
  )
}

export function lookupMetric(name: string): MetricSpec | undefined {
  if (METRICS[name]) return METRICS[name]
  if (name.startsWith(STAGE_METRIC_PREFIX) && /^[a-z0-9_]+$/.test(name.slice(STAGE_METRIC_PREFIX.length))) {
    return {
      type: 'trend',
      unit: 'ms',
      description: `Time spent in installer stage ${name.slice(STAGE_METRIC_PREFIX.length)}`
    }
  }
  return undefined
}

/** Aggregations each metric type can give, as k6 defines them (`p(N)` and `pN` for any percentile). */
export const AGGREGATIONS: Record<MetricType, string[]> = {
  trend: ['min', 'max', 'avg', 'med', 'count', 'p(N)'],
  rate: ['rate', 'ratio'],
  counter: ['count', 'rate'],
  gauge: ['value', 'min', 'max']
}

/** Which way a metric is better: `better` from the catalogue, else lower for trends and counters, higher for rates. */
export function betterDirection(name: string): 'lower' | 'higher' {
  const spec = lookupMetric(name.replace(/\{.*\}$/, ''))
  if (spec?.better) return spec.better
  return spec?.type === 'rate' ? 'higher' : 'lower'
}
