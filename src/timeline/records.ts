/**
 * The timeline: one JSON object per line, appended while a run goes on, and the only input of the report.
 * Shards write their own files; the report merges by reading them all. Field names are short because a
 * 100,000-host run writes millions of lines; every record has `t` (epoch milliseconds) and `k` (kind).
 *
 * Times are those of the machine that wrote the record. Host and cluster statuses are what the target
 * observed (REST polls or kube watches), so their precision is the observation interval.
 */
export const TIMELINE_VERSION = 1

export type TimelineRecord =
  | RunRecord
  | ClusterRecord
  | HostRecord
  | StageRecord
  | HttpRecord
  | CountersRecord
  | ErrorRecord
  | ProcessRecord

export interface RunRecord {
  t: number
  k: 'run'
  /** start: a new run; resume: the same run id started again; stop: interrupted; end: finished. */
  ev: 'start' | 'resume' | 'stop' | 'end'
  run: string
  /** `i/N` */
  shard: string
  v?: number
  name?: string
  driver?: string
  target?: string
  /** Planned totals of this shard. */
  clusters?: number
  hosts?: number
  thresholds?: string[]
  /** For `end`: why the run ended. */
  reason?: 'completed' | 'deadline' | 'interrupted' | 'error'
}

export interface ClusterRecord {
  t: number
  k: 'cluster'
  /** Cluster name from the plan (unique in a run). */
  c: string
  /**
   * planned: in the plan of this shard; created: exists in the service (with `id`); status: a status observed;
   * install: installation requested (REST) or approved (kube-api); done: reached what counts as done (`status`
   * says installed or the failure); gave-up: deadline passed.
   */
  ev: 'planned' | 'created' | 'status' | 'install' | 'done' | 'gave-up'
  id?: string
  status?: string
  info?: string
  /** For `planned`: shape. */
  hosts?: number
  sno?: boolean
}

export interface HostRecord {
  t: number
  k: 'host'
  /** Hostname from the plan (unique in a run). */
  h: string
  c: string
  /**
   * planned / launch (the driver started it) / registered (201) / status (service status observed) /
   * install (install step received) / rebooted (fake reboot) / frozen (the real agent would hang: 401/403/404/409
   * on register, 404 on next steps) / exit (the host process ended) / died (a real host process died).
   */
  ev: 'planned' | 'launch' | 'registered' | 'status' | 'install' | 'rebooted' | 'frozen' | 'exit' | 'died'
  id?: string
  role?: string
  status?: string
  info?: string
}

export interface StageRecord {
  t: number
  k: 'stage'
  h: string
  c: string
  /** The exact `host-stage` value reported (`Writing image to disk`, ...). */
  stage: string
  info?: string
  /** Who reported it. */
  by: 'installer' | 'bootstrap' | 'controller'
}

export interface HttpEndpointSnapshot {
  /** Requests completed in the interval. */
  n: number
  /** Failed: network errors, timeouts and 5xx. */
  err: number
  /** Count per status code ("0" for network errors). */
  codes: Record<string, number>
  /** HDR histogram of latency in microseconds, compressed base64 (hdr-histogram-js encodeIntoCompressedBase64). */
  hist: string
}

export interface HttpRecord {
  t: number
  k: 'http'
  /** Interval covered: [from, to). */
  from: number
  to: number
  /** Keyed by endpoint: the swagger operationId (e.g. `v2GetNextSteps`). */
  ep: Record<string, HttpEndpointSnapshot>
}

export interface CountersRecord {
  t: number
  k: 'counters'
  from: number
  to: number
  /** Counts in the interval, e.g. `steps.inventory`, `steps.unknown.execute`, `step_failures`. */
  values: Record<string, number>
}

export interface ErrorRecord {
  t: number
  k: 'error'
  scope: 'run' | 'cluster' | 'host' | 'http'
  c?: string
  h?: string
  msg: string
  ctx?: Record<string, unknown>
}

/** CPU and memory of a real host's processes (process/container drivers). */
export interface ProcessRecord {
  t: number
  k: 'proc'
  h: string
  cpuMs: number
  rssBytes: number
}

export type RecordInput = TimelineRecord extends infer R
  ? R extends TimelineRecord
    ? Omit<R, 't'> & { t?: number }
    : never
  : never
