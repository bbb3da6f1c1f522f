import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorBody, SIM_ERROR_HEADER, SIM_ERRORS } from '../errors.js'
import type { RouteConfig } from './route.js'

/**
 * Fault injection for reliability tests. Rates are probabilities (0..1) keyed by swagger operationId
 * (`v2GetNextSteps`, `v2PostStepReply`, ...) or `*` for every API route.
 */
export interface FaultSettings {
  /** Added latency (ms) before every API request is handled. */
  latencyMs?: number
  /** Extra random latency, uniformly 0..latencyJitterMs. */
  latencyJitterMs?: number
  /** Probability of answering `errorStatus` (default 503) instead of handling the request. */
  errorRate?: Record<string, number>
  errorStatus?: number
  /** Probability of closing the connection without any reply. */
  dropRate?: Record<string, number>
}

export interface FaultCounts {
  delayed: number
  errors: number
  drops: number
}

/** Checks settings (from options or the admin endpoint); returns problems, empty when valid. */
export function checkFaults(value: unknown): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return ['faults: must be an object']
  const f = value as Record<string, unknown>
  const problems: string[] = []
  const known = new Set(['latencyMs', 'latencyJitterMs', 'errorRate', 'errorStatus', 'dropRate'])
  for (const key of Object.keys(f))
    if (!known.has(key)) problems.push(`faults.${key}: unknown setting (known: ${[...known].join(', ')})`)
  for (const key of ['latencyMs', 'latencyJitterMs'] as const) {
    if (f[key] !== undefined && (typeof f[key] !== 'number' || !((f[key] as number) >= 0)))
      problems.push(`faults.${key}: must be a number >= 0`)
  }
  if (
    f.errorStatus !== undefined &&
    (typeof f.errorStatus !== 'number' || (f.errorStatus as number) < 400 || (f.errorStatus as number) > 599)
  ) {
    problems.push('faults.errorStatus: must be an HTTP status 400..599')
  }
  for (const key of ['errorRate', 'dropRate'] as const) {
    const rates = f[key]
    if (rates === undefined) continue
    if (!rates || typeof rates !== 'object' || Array.isArray(rates)) {
      problems.push(`faults.${key}: must map operationIds (or "*") to probabilities`)
      continue
    }
    for (const [op, rate] of Object.entries(rates)) {
      if (typeof rate !== 'number' || rate < 0 || rate > 1)
        problems.push(`faults.${key}.${op}: must be a probability 0..1`)
    }
  }
  return problems
}

export class FaultInjector {
  private settings: FaultSettings = {}
  readonly counts: FaultCounts = { delayed: 0, errors: 0, drops: 0 }

  constructor(
    settings: FaultSettings,
    private readonly random: () => number
  ) {
    this.set(settings)
  }

  get current(): FaultSettings {
    return this.settings
  }

  get active(): boolean {
    const s = this.settings
    return Boolean(
      s.latencyMs ||
      s.latencyJitterMs ||
      (s.errorRate && Object.keys(s.errorRate).length) ||
      (s.dropRate && Object.keys(s.dropRate).length)
    )
  }

  set(settings: FaultSettings): void {
    this.settings = { ...settings }
  }

  private rate(map: Record<string, number> | undefined, operationId: string): number {
    if (!map) return 0
    return map[operationId] ?? map['*'] ?? 0
  }

  /** The onRequest hook: delay, drop or fail the request. */
  /**
   * Applies the current faults to a request of `operationId`: maybe a delay, then a dropped connection, an
   * injected error, or `next()` (go on handling). Shared by the onRequest hook and the hot instruction routes.
   */
  apply(
    request: FastifyRequest,
    reply: FastifyReply,
    operationId: string,
    next: () => void,
    answered?: () => void
  ): void {
    const s = this.settings
    const decide = (): void => {
      if (this.random() < this.rate(s.dropRate, operationId)) {
        this.counts.drops++
        reply.hijack()
        request.raw.socket?.destroy()
        return
      }
      if (this.random() < this.rate(s.errorRate, operationId)) {
        this.counts.errors++
        const status = s.errorStatus ?? SIM_ERRORS.INJECTED_FAULT.status
        reply
          .code(status)
          .header(SIM_ERROR_HEADER, SIM_ERRORS.INJECTED_FAULT.code)
          .send(errorBody(status, SIM_ERRORS.INJECTED_FAULT.message.replace('%s', operationId)))
        answered?.()
        return
      }
      next()
    }
    const delay = (s.latencyMs ?? 0) + (s.latencyJitterMs ? this.random() * s.latencyJitterMs : 0)
    if (delay > 0) {
      this.counts.delayed++
      setTimeout(decide, delay)
    } else decide()
  }

  /** The onRequest hook (callback style, so the common no-fault case costs no promise). */
  readonly hook = (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void): void => {
    if (!this.active) return done()
    const config = request.routeOptions.config as Partial<RouteConfig> | undefined
    const operationId = config?.operationId
    if (!operationId || config.noFaults) return done()
    this.apply(request, reply, operationId, () => done())
  }
}
