import { describe, expect, it } from '@jest/globals'
import { DeadlineQueue } from '../monitor/deadline-queue.js'
import { cidrContainsText, cidrsOverlap, formatIp, networkOf, parseCidr, parseIp } from '../net/ip.js'
import { decodeOutput } from './prune.js'
import { EVENT_TEXT, EventLog, SimEvent } from '../events.js'
import { sharedText } from './stored-text.js'
import { HostRecord } from '../model/types.js'

describe('DeadlineQueue', () => {
  it('pops due items in time order, once each, and skips entries superseded by an earlier arm', () => {
    const q = new DeadlineQueue<{ queuedDeadline: number; name: string }>()
    const a = { queuedDeadline: 0, name: 'a' }
    const b = { queuedDeadline: 0, name: 'b' }
    const c = { queuedDeadline: 0, name: 'c' }
    q.arm(a, 30)
    q.arm(b, 10)
    q.arm(c, 20)
    q.arm(a, 50) // later than queued: ignored (the early entry pops and the caller re-arms)
    q.arm(c, 5) // earlier: re-queued, the 20 entry goes stale
    expect(q.popDue(25).map(x => x.name)).toEqual(['c', 'b'])
    expect(q.popDue(25)).toEqual([])
    expect(q.popDue(30).map(x => x.name)).toEqual(['a'])
    expect(a.queuedDeadline).toBe(0)
  })

  it('pops an item armed for a fractional time (deadlines are kept in whole milliseconds)', () => {
    const q = new DeadlineQueue<HostRecord>()
    const host = new HostRecord('h', 'ie', null, Date.now())
    const at = Date.now() + 1000.4
    q.arm(host, at)
    expect(host.queuedDeadline).toBe(Math.ceil(at))
    expect(q.popDue(at)).toEqual([])
    expect(q.popDue(Math.ceil(at))).toEqual([host])
    expect(host.queuedDeadline).toBe(0)
  })
})

describe('EventLog', () => {
  const t0 = Date.now()
  const hostEvent = (i: number, cluster: string | null, host: string, ie: string): SimEvent =>
    new SimEvent(
      t0 + i,
      'info',
      'host_status_updated',
      `name-${host}`,
      cluster,
      host,
      ie,
      null,
      EVENT_TEXT.hostStatus,
      'discovering',
      i % 2 ? 'known' : 'insufficient',
      `info ${i}`
    )

  it('gives back every field of the events it keeps, per cluster and per infra-env', () => {
    const log = new EventLog(100)
    log.add(hostEvent(1, 'c1', 'h1', 'ie1'))
    log.add(new SimEvent(t0 + 2, 'warning', 'cluster_thing', 'raw message', 'c1', null, null, '{"a":1}'))
    log.add(hostEvent(3, null, 'h2', 'ie2'))
    const cluster = log.query({ clusterId: 'c1' }).events
    expect(
      cluster.map(e => [e.time, e.severity, e.name, e.message, e.clusterId, e.hostId, e.infraEnvId, e.props])
    ).toEqual([
      [
        t0 + 1,
        'info',
        'host_status_updated',
        'Host name-h1: updated status from discovering to known (info 1)',
        'c1',
        'h1',
        'ie1',
        null
      ],
      [t0 + 2, 'warning', 'cluster_thing', 'raw message', 'c1', null, null, '{"a":1}']
    ])
    expect(log.query({ infraEnvId: 'ie2' }).events.map(e => [e.message, e.clusterId])).toEqual([
      ['Host name-h2: updated status from discovering to known (info 3)', null]
    ])
    expect(log.query({ infraEnvId: 'ie1' }).events.map(e => e.hostId)).toEqual(['h1'])
    expect(log.total).toBe(3)
  })

  it('keeps the newest events of a scope when it overflows, and the total right', () => {
    const log = new EventLog(20)
    for (let i = 0; i < 37; i++) log.add(hostEvent(i, 'c1', `h${i}`, 'ie1'))
    const kept = log.query({ clusterId: 'c1' }).events
    expect(kept.length).toBe(log.total)
    expect(kept.length).toBeLessThanOrEqual(36)
    expect(kept.at(-1)!.hostId).toBe('h36')
    expect(kept.map(e => e.time)).toEqual([...kept.map(e => e.time)].sort((a, b) => a - b))
    expect(kept[0]!.message).toBe(
      `Host name-${kept[0]!.hostId}: updated status from discovering to ${Number(kept[0]!.hostId!.slice(1)) % 2 ? 'known' : 'insufficient'} (info ${kept[0]!.hostId!.slice(1)})`
    )
    log.dropScope('c1')
    expect(log.total).toBe(0)
  })
})

describe('sharedText', () => {
  it('keeps every text unchanged, equal texts included', () => {
    const first = JSON.stringify({ domains: ['api.a.example.com', 'x'.repeat(100)] })
    const again = JSON.stringify({ domains: ['api.a.example.com', 'x'.repeat(100)] })
    expect(sharedText(first)).toBe(first)
    expect(sharedText(again)).toBe(again)
    expect(sharedText('')).toBe('')
  })
})

describe('IP helpers', () => {
  it('parses, formats and compares IPv4 and IPv6', () => {
    expect(parseIp('10.0.1.7')).toEqual({ family: 4, value: 0x0a000107n })
    expect(parseIp('256.1.1.1')).toBeUndefined()
    expect(parseIp('1.2.3')).toBeUndefined()
    expect(parseIp('fd00::1')?.family).toBe(6)
    expect(formatIp(6, parseIp('fd00:0:0:0:0:0:0:1')!.value)).toBe('fd00::1')
    expect(networkOf('10.0.1.7/24')).toBe('10.0.1.0/24')
    expect(networkOf('fd00::1:2/64')).toBe('fd00::/64')
    expect(cidrContainsText('10.0.1.0/24', '10.0.1.250')).toBe(true)
    expect(cidrContainsText('10.0.1.0/24', '10.0.2.1/24')).toBe(false)
    expect(cidrsOverlap(parseCidr('10.128.0.0/14')!, parseCidr('10.130.0.0/16')!)).toBe(true)
    expect(cidrsOverlap(parseCidr('10.128.0.0/14')!, parseCidr('172.30.0.0/16')!)).toBe(false)
  })
})

describe('decodeOutput (Go-like step output decoding)', () => {
  it('drops unknown fields and nulls, checks JSON types only', () => {
    const ok = decodeOutput(
      JSON.stringify({
        ntp_sources: [{ source_name: 'a', source_state: 'synced', extra: 1 }],
        surprise: true
      }),
      'ntp_synchronization_response'
    )
    expect(ok).toEqual({ value: { ntp_sources: [{ source_name: 'a', source_state: 'synced' }] } })
    const nulls = decodeOutput(
      JSON.stringify({ resolutions: [{ domain_name: 'x', ipv4_addresses: [], cnames: null }] }),
      'domain_resolution_response'
    )
    expect(nulls).toEqual({ value: { resolutions: [{ domain_name: 'x', ipv4_addresses: [] }] } })
    // Enums are not enforced by Go's unmarshal; types are.
    expect(
      'value' in
        decodeOutput(
          JSON.stringify({ ntp_sources: [{ source_state: 'weird' }] }),
          'ntp_synchronization_response'
        )
    ).toBe(true)
    expect(
      decodeOutput(JSON.stringify({ ntp_sources: 'no' }), 'ntp_synchronization_response')
    ).toHaveProperty('problem')
    expect(decodeOutput('{', 'inventory')).toHaveProperty('problem')
  })
})
