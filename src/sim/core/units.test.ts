import { describe, expect, it } from '@jest/globals'
import { DeadlineQueue } from '../monitor/deadline-queue.js'
import { cidrContainsText, cidrsOverlap, formatIp, networkOf, parseCidr, parseIp } from '../net/ip.js'
import { decodeOutput } from './prune.js'

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
