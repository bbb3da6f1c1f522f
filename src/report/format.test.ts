import { describe, expect, it } from '@jest/globals'
import { formatCount, formatDelta, formatMs, formatRatio, formatValue } from './format.js'

describe('format', () => {
  it.each([
    [0.4236, '0.42ms'],
    [12.34, '12.3ms'],
    [850.4, '850ms'],
    [12_345, '12.3s'],
    [245_000, '4m05s'],
    [3_720_000, '1h02m'],
    [null, '–']
  ])('formatMs(%p) = %p', (ms, text) => expect(formatMs(ms)).toBe(text))

  it('formats ratios, counts, rates and deltas', () => {
    expect(formatRatio(0.995)).toBe('99.5%')
    expect(formatRatio(0.00012)).toBe('0.012%')
    expect(formatRatio(0)).toBe('0%')
    expect(formatCount(12345)).toBe('12,345')
    expect(formatValue(2.5, 'count/s')).toBe('2.5/s')
    expect(formatDelta(0.125)).toBe('+12.5%')
    expect(formatDelta(-0.03)).toBe('-3%')
    expect(formatDelta(0)).toBe('±0%')
  })
})
