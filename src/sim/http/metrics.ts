import type { FastifyReply, FastifyRequest } from 'fastify'
import { Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { SimContext } from '../core/context.js'
import type { MonitorKind } from '../monitor/monitors.js'
import type { FaultInjector } from './faults.js'

/**
 * The simulator's Prometheus metrics (one registry per simulator, so several can run in one process):
 * requests by route and status with durations, hosts and clusters by status, monitor pass durations.
 */
export class SimMetrics {
  readonly registry = new Registry()
  private readonly requests: Counter<'route' | 'method' | 'status'>
  private readonly duration: Histogram<'route'>
  private readonly monitorDuration: Histogram<'monitor'>
  private readonly monitorItems: Counter<'monitor'>
  private readonly requestChildren = new Map<string, { inc(): void }>()
  private readonly durationChildren = new Map<string, { observe(v: number): void }>()

  constructor(sim: SimContext, faults: FaultInjector) {
    const registers = [this.registry]
    this.requests = new Counter({
      name: 'assisted_sim_requests_total',
      help: 'API requests by route template, method and status',
      labelNames: ['route', 'method', 'status'],
      registers
    })
    this.duration = new Histogram({
      name: 'assisted_sim_request_duration_seconds',
      help: 'Time from request start to response, by route template',
      labelNames: ['route'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers
    })
    new Gauge({
      name: 'assisted_sim_hosts',
      help: 'Registered hosts by status',
      labelNames: ['status'],
      registers,
      collect() {
        this.reset()
        for (const [status, n] of sim.store.hostStatusCounts) if (n) this.set({ status }, n)
      }
    })
    new Gauge({
      name: 'assisted_sim_clusters',
      help: 'Clusters by status',
      labelNames: ['status'],
      registers,
      collect() {
        this.reset()
        for (const [status, n] of sim.store.clusterStatusCounts) if (n) this.set({ status }, n)
      }
    })
    this.monitorDuration = new Histogram({
      name: 'assisted_sim_monitor_duration_seconds',
      help: 'Duration of host and cluster monitor passes',
      labelNames: ['monitor'],
      buckets: [0.0001, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers
    })
    this.monitorItems = new Counter({
      name: 'assisted_sim_monitor_refreshes_total',
      help: 'Hosts and clusters refreshed by the monitors',
      labelNames: ['monitor'],
      registers
    })
    new Gauge({
      name: 'assisted_sim_injected_faults',
      help: 'Requests affected by fault injection since start, by kind',
      labelNames: ['kind'],
      registers,
      collect() {
        this.set({ kind: 'delayed' }, faults.counts.delayed)
        this.set({ kind: 'error' }, faults.counts.errors)
        this.set({ kind: 'dropped' }, faults.counts.drops)
      }
    })
    new Gauge({
      name: 'assisted_sim_events',
      help: 'Events kept in memory',
      registers,
      collect() {
        this.set(sim.events.total)
      }
    })
  }

  /** A recorder bound to one route and method (the hot routes), so counting needs no key string per request. */
  recorder(route: string, method: string): (status: number, seconds: number) => void {
    const byStatus = new Map<number, { inc(): void }>()
    const timer = this.duration.labels(route)
    return (status, seconds) => {
      let child = byStatus.get(status)
      if (!child) {
        child = this.requests.labels(route, method, String(status))
        byStatus.set(status, child)
      }
      child.inc()
      timer.observe(seconds)
    }
  }

  /** Counts one answered request (route template, method, status) and its duration. */
  record(request: FastifyRequest, reply: FastifyReply): void {
    const route = request.routeOptions.url ?? 'unmatched'
    const key = `${route}|${request.method}|${reply.statusCode}`
    let child = this.requestChildren.get(key)
    if (!child) {
      child = this.requests.labels(route, request.method, String(reply.statusCode))
      this.requestChildren.set(key, child)
    }
    child.inc()
    let timer = this.durationChildren.get(route)
    if (!timer) {
      timer = this.duration.labels(route)
      this.durationChildren.set(route, timer)
    }
    timer.observe(reply.elapsedTime / 1000)
  }

  readonly onResponse = (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    this.record(request, reply)
    done()
  }

  readonly onMonitorPass = (kind: MonitorKind, seconds: number, items: number): void => {
    this.monitorDuration.labels(kind).observe(seconds)
    if (items) this.monitorItems.labels(kind).inc(items)
  }
}
