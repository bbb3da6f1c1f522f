import { describe, expect, it } from '@jest/globals'
import { formatDuration, parseDuration } from './duration.js'

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['60s', 60_000],
    ['1m30s', 90_000],
    ['2h', 7_200_000],
    ['1.5s', 1500],
    ['45', 45_000],
    [3, 3000]
  ])('parses %p', (text, ms) => expect(parseDuration(text)).toBe(ms))

  it.each(['', 'soon', '10 s', '-5s', '5x', 's10'])('rejects %p', text =>
    expect(parseDuration(text)).toBeUndefined()
  )
})

describe('formatDuration', () => {
  it.each([
    [850, '850ms'],
    [12_345, '12.3s'],
    [245_000, '4m05s'],
    [3_720_000, '1h02m']
  ])('formats %p as %p', (ms, text) => expect(formatDuration(ms)).toBe(text))
})
