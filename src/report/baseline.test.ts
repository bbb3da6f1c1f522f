import { describe, expect, it } from '@jest/globals'
import { compareReports } from './baseline.js'
import type { Metric, Report } from './generated/report.js'

function reportWith(metrics: Record<string, Metric>): Report {
  return { schemaVersion: 1, run: { id: 'r' }, metrics } as unknown as Report
}
const trend = (p95: number, med = p95 / 2): Metric => ({
  type: 'trend',
  unit: 'ms',
  values: { count: 10, min: 0, max: p95, avg: med, med, p50: med, p90: p95, p95, p99: p95 }
})
const rate = (value: number): Metric => ({
  type: 'rate',
  unit: 'ratio',
  values: { rate: value, passes: 0, total: 10 }
})

describe('compareReports', () => {
  it('flags lower-is-better metrics that grew beyond the tolerance', () => {
    const c = compareReports(
      reportWith({ 'host.installation': trend(1300, 500) }),
      reportWith({ 'host.installation': trend(1000, 500) }),
      0.2,
      'old'
    )
    expect(c.comparisons).toEqual([
      expect.objectContaining({
        aggregation: 'med',
        baseline: 500,
        current: 500,
        deltaRatio: 0,
        regression: false
      }),
      expect.objectContaining({
        aggregation: 'p95',
        baseline: 1000,
        current: 1300,
        delta: 300,
        deltaRatio: 0.3,
        better: 'lower',
        regression: true
      })
    ])
    expect(c.regressions).toBe(1)
  })

  it('flags higher-is-better rates that fell, and error rates that rose', () => {
    const c = compareReports(
      reportWith({ 'cluster.installed': rate(0.7), 'http.errors': rate(0.05) }),
      reportWith({ 'cluster.installed': rate(1), 'http.errors': rate(0.01) }),
      0.1,
      'old'
    )
    expect(c.comparisons.map(x => [x.metric, x.better, x.regression])).toEqual([
      ['cluster.installed', 'higher', true],
      ['http.errors', 'lower', true]
    ])
  })

  it('ignores differences under the noise floor and never fails without a tolerance', () => {
    expect(
      compareReports(
        reportWith({ 'host.installation': trend(1.5) }),
        reportWith({ 'host.installation': trend(1) }),
        0.1,
        'o'
      ).regressions
    ).toBe(0)
    expect(
      compareReports(
        reportWith({ 'host.installation': trend(9000) }),
        reportWith({ 'host.installation': trend(1000) }),
        undefined,
        'o'
      ).regressions
    ).toBe(0)
  })

  it('keeps a comparison with a missing side, with null deltas', () => {
    const c = compareReports(reportWith({ 'host.installation': trend(1000) }), reportWith({}), 0.1, 'o')
    expect(c.comparisons[1]).toMatchObject({
      baseline: null,
      current: 1000,
      delta: null,
      deltaRatio: null,
      regression: false
    })
  })
})
