import { describe, expect, it } from '@jest/globals'
import { percentileOfSorted, round, trendValues } from './percentile.js'
import { SampleBuffer } from './sample-buffer.js'

describe('percentileOfSorted (k6 interpolation)', () => {
  it.each([
    [[10], 95, 10],
    [[1, 2, 3, 4], 50, 2.5],
    [[1, 2, 3, 4, 5], 90, 4.6],
    [[0, 100], 95, 95],
    [[5, 7], 0, 5],
    [[5, 7], 100, 7]
  ])('%p p%p = %p', (values, p, expected) => expect(percentileOfSorted(values, p)).toBeCloseTo(expected, 9))

  it('is undefined without values', () => expect(percentileOfSorted([], 50)).toBeUndefined())
})

describe('SampleBuffer', () => {
  it('grows, sorts once and summarises', () => {
    const b = new SampleBuffer(2)
    for (const v of [5, 1, 4, 2, 3]) b.push(v)
    expect(trendValues(b)).toEqual({
      count: 5,
      min: 1,
      max: 5,
      avg: 3,
      med: 3,
      p50: 3,
      p90: 4.6,
      p95: 4.8,
      p99: 4.96
    })
    b.push(0)
    expect(b.min()).toBe(0)
  })

  it('gives nulls when empty', () => {
    expect(trendValues(new SampleBuffer())).toMatchObject({ count: 0, min: null, p95: null })
  })
})

describe('round', () => {
  it('rounds and turns missing values into null', () => {
    expect(round(1.23456, 3)).toBe(1.235)
    expect(round(undefined, 3)).toBeNull()
    expect(round(NaN, 3)).toBeNull()
  })
})
