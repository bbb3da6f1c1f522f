import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import * as hdr from 'hdr-histogram-js'
import { createLatencyHistogram } from '../../timeline/http-metrics.js'
import { decodeLatencyHistogram, LatencyHistogram } from './latency-histogram.js'

/** hdr-histogram-js is the reference: the timeline writer encodes with it, the report must answer as it would. */
function reference(values: number[][]): hdr.Histogram {
  const merged = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3,
    bitBucketSize: 32
  })
  for (const set of values) {
    const h = createLatencyHistogram()
    for (const v of set) h.recordValue(v)
    merged.add(hdr.decodeFromCompressedBase64(hdr.encodeIntoCompressedBase64(h), 32))
  }
  return merged
}

function ours(values: number[][]): LatencyHistogram {
  const merged = new LatencyHistogram()
  for (const set of values) {
    const h = createLatencyHistogram()
    for (const v of set) h.recordValue(v)
    merged.add(decodeLatencyHistogram(hdr.encodeIntoCompressedBase64(h)))
  }
  return merged
}

const latency = fc.oneof(
  fc.integer({ min: 1, max: 5000 }),
  fc.integer({ min: 1, max: 60_000_000 }),
  fc.constantFrom(1, 2047, 2048, 2049, 4096, 1_000_000)
)

describe('LatencyHistogram', () => {
  it('answers exactly as hdr-histogram-js for merged snapshots', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(latency, { minLength: 1, maxLength: 200 }), { minLength: 1, maxLength: 5 }),
        sets => {
          const a = reference(sets)
          const b = ours(sets)
          expect(b.totalCount).toBe(a.totalCount)
          expect(b.minNonZeroValue).toBe(a.minNonZeroValue)
          expect(b.maxValue).toBe(a.maxValue)
          expect(b.mean).toBeCloseTo(a.mean, 6)
          for (const p of [0, 1, 25, 50, 90, 95, 99, 99.9, 100])
            expect([p, b.getValueAtPercentile(p)]).toEqual([p, a.getValueAtPercentile(p)])
        }
      ),
      { numRuns: 60 }
    )
  })

  it('is empty-safe', () => {
    const h = new LatencyHistogram()
    expect([h.totalCount, h.maxValue, h.mean, h.getValueAtPercentile(50)]).toEqual([0, 0, 0, 0])
  })

  it('rejects what is not a V2 HDR histogram', () => {
    expect(() => decodeLatencyHistogram(Buffer.from('hello world').toString('base64'))).toThrow(
      /not a compressed V2 HDR histogram/
    )
  })
})
