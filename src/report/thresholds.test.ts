import { describe, expect, it } from '@jest/globals'
import { ConfigurationError } from '../util/errors.js'
import { parseThreshold, parseThresholds, thresholdPasses } from './thresholds.js'

describe('parseThreshold', () => {
  it.each([
    [
      'p95(host.discovery_to_known) < 60s',
      { aggregation: 'p(N)', percentile: 95, metric: 'host.discovery_to_known', operator: '<', value: 60_000 }
    ],
    [
      'p(99.9)(http.req.duration) <= 250ms',
      { aggregation: 'p(N)', percentile: 99.9, metric: 'http.req.duration', value: 250 }
    ],
    [
      'ratio(cluster.installed) == 1',
      { aggregation: 'ratio', metric: 'cluster.installed', operator: '==', value: 1 }
    ],
    ['rate(http.errors) < 0.001', { aggregation: 'rate', metric: 'http.errors', value: 0.001 }],
    [
      'rate(http.errors{endpoint=v2GetNextSteps}) < 0.1%',
      { tags: { endpoint: 'v2GetNextSteps' }, value: 0.001 }
    ],
    [
      'max(host.stage.writing_image_to_disk) < 2m',
      { metric: 'host.stage.writing_image_to_disk', value: 120_000 }
    ],
    ['count(agent.unknown_steps) == 0', { aggregation: 'count', value: 0 }]
  ])('parses %p', (source, expected) => expect(parseThreshold(source)).toMatchObject(expected))

  it.each([
    ['p95 host.discovery_to_known < 60s', /cannot parse/],
    ['p95(host.discovery_to_knwn) < 60s', /unknown metric "host.discovery_to_knwn"/],
    [
      'rate(host.discovery_to_known) < 1',
      /trend metric; it supports min, max, avg, med, count, p\(N\), not rate/
    ],
    ['p95(cluster.installed) < 1', /rate metric; it supports rate, ratio/],
    ['rate(cluster.installed) < 5s', /duration unit fits only duration metrics/],
    ['rate(http.errors{host=x}) < 1', /has no tag "host" \(it has: endpoint\)/]
  ])('rejects %p', (source, message) => {
    expect(() => parseThreshold(source, 'thresholds[0]')).toThrow(ConfigurationError)
    expect(() => parseThreshold(source, 'thresholds[0]')).toThrow(message)
  })

  it('reports every bad threshold at once with its index', () => {
    try {
      parseThresholds(['p95(nope) < 1', 'ratio(cluster.installed) == 1', 'max(x) >'])
      throw new Error('expected failure')
    } catch (error) {
      expect((error as ConfigurationError).problems).toEqual([
        expect.stringMatching(/^thresholds\[0\]: unknown metric/),
        expect.stringMatching(/^thresholds\[2\]: cannot parse/)
      ])
    }
  })
})

describe('thresholdPasses', () => {
  const t = (s: string) => parseThreshold(s)
  it('compares with each operator', () => {
    expect(thresholdPasses(t('p95(host.installation) < 60s'), 59_999)).toBe(true)
    expect(thresholdPasses(t('p95(host.installation) < 60s'), 60_000)).toBe(false)
    expect(thresholdPasses(t('p95(host.installation) <= 60s'), 60_000)).toBe(true)
    expect(thresholdPasses(t('ratio(cluster.installed) == 1'), 1)).toBe(true)
    expect(thresholdPasses(t('ratio(cluster.installed) == 1'), 0.99)).toBe(false)
    expect(thresholdPasses(t('ratio(cluster.installed) != 1'), 0.5)).toBe(true)
    expect(thresholdPasses(t('count(http.reqs) > 10'), 11)).toBe(true)
    expect(thresholdPasses(t('count(http.reqs) >= 10'), 9)).toBe(false)
  })
  it('fails when there is no measurement', () => {
    expect(thresholdPasses(t('p95(host.installation) < 60s'), undefined)).toBe(false)
  })
})
