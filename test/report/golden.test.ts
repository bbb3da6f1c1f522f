/**
 * Golden fixtures (test/fixtures/timelines/<name>.timeline.jsonl → <name>.expected.json / .expected.md), and the
 * figures checked against independently computed answers (helpers/independent.ts).
 *
 * Refresh after an intended change: `UPDATE_GOLDEN=1 npm test -- test/report/golden.test.ts`, then
 * `npx prettier --write test/fixtures/timelines` and review the diff.
 */
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { computeReport } from '../../src/report/compute-report.js'
import type { Report, TrendValues } from '../../src/report/generated/report.js'
import { schema } from '../../src/report/generated/report-schema.js'
import { renderSummaryMarkdown } from '../../src/report/summary-markdown.js'
import { createFriendlyValidator } from '../../src/util/json-schema.js'
import {
  independentDurations,
  independentStage,
  interpolated,
  nearestRank,
  readLines
} from './helpers/independent.js'

const FIXTURES = join(process.cwd(), 'test/fixtures/timelines')
const update = process.env.UPDATE_GOLDEN === '1'
const validator = createFriendlyValidator(schema, { useDefaults: false })

async function report(name: string): Promise<Report> {
  return computeReport({ files: [join(FIXTURES, `${name}.timeline.jsonl`)] })
}

/** Markdown compares byte for byte; JSON compares parsed (so formatting the golden with Prettier is harmless). */
function golden(file: string, actual: string): void {
  const path = join(FIXTURES, file)
  if (update || !existsSync(path)) writeFileSync(path, actual)
  if (file.endsWith('.json')) expect(JSON.parse(actual)).toEqual(JSON.parse(readFileSync(path, 'utf8')))
  else expect(actual).toEqual(readFileSync(path, 'utf8'))
}

describe.each(['basic', 'failures'])('golden fixture %s', name => {
  it('matches the expected report.json and summary.md, and the schema', async () => {
    const r = await report(name)
    expect(validator.problems(r)).toEqual([])
    golden(`${name}.expected.json`, JSON.stringify(r, null, 2) + '\n')
    golden(`${name}.expected.md`, renderSummaryMarkdown(r))
  })

  it('has host and cluster percentiles equal to a plain sort (k6 interpolation)', async () => {
    const r = await report(name)
    const lines = readLines(join(FIXTURES, `${name}.timeline.jsonl`))
    for (const [metric, samples] of Object.entries(independentDurations(lines))) {
      const values = r.metrics[metric]!.values as TrendValues
      expect(values.count).toBe(samples.length)
      if (!samples.length) continue
      expect(values.min).toBeCloseTo(Math.min(...samples), 3)
      expect(values.max).toBeCloseTo(Math.max(...samples), 3)
      expect(values.avg).toBeCloseTo(samples.reduce((a, b) => a + b, 0) / samples.length, 3)
      for (const p of [50, 90, 95, 99] as const)
        expect(values[`p${p}`]).toBeCloseTo(interpolated(samples, p), 3)
    }
  })

  it('has stage durations equal to a plain computation', async () => {
    const r = await report(name)
    const lines = readLines(join(FIXTURES, `${name}.timeline.jsonl`))
    expect(r.stages.length).toBeGreaterThan(5)
    for (const stage of r.stages) {
      const samples = independentStage(lines, stage.stage)
      expect(stage.durationMs.count).toBe(samples.length)
      if (samples.length) expect(stage.durationMs.p95).toBeCloseTo(interpolated(samples, 95), 3)
    }
  })

  /*
   * HTTP latencies come from HDR histograms with 3 significant digits: a recorded value v lands in a bucket
   * no wider than v/1024 (2048 sub-buckets per power of two), and a percentile query returns the highest
   * value of the bucket holding the nearest-rank sample. So the report may exceed the exact nearest-rank
   * value by at most v/1024 (plus 1 µs of rounding) and is never below it. The tolerance below is that bound.
   */
  it('has endpoint counts exact and latency percentiles within the HDR resolution of a plain sort', async () => {
    const r = await report(name)
    const raw = JSON.parse(readFileSync(join(FIXTURES, `${name}.latencies.json`), 'utf8')) as Record<
      string,
      number[]
    >
    expect(r.endpoints.map(e => e.endpoint).sort()).toEqual(Object.keys(raw).sort())
    for (const e of r.endpoints) {
      const micros = raw[e.endpoint]!
      expect(e.requests).toBe(micros.length)
      for (const p of [50, 90, 95, 99] as const) {
        const exactMs = nearestRank(micros, p) / 1000
        const reported = e.latencyMs[`p${p}`]!
        expect(reported).toBeGreaterThanOrEqual(exactMs - 0.001)
        expect(reported - exactMs).toBeLessThanOrEqual(exactMs / 1024 + 0.002)
      }
      expect(e.latencyMs.max! - Math.max(...micros) / 1000).toBeLessThanOrEqual(
        Math.max(...micros) / 1000 / 1024 + 0.002
      )
    }
  })
})

describe('failures fixture', () => {
  it('tolerates the torn last line and reports it', async () => {
    const r = await report('failures')
    expect(r.issues).toEqual([
      { file: 'failures.timeline.jsonl', line: expect.any(Number), message: 'not JSON (torn write?)' }
    ])
  })

  it('names each failure with its reason, status and message', async () => {
    const r = await report('failures')
    const groups = r.failures.hosts.groups.map(g => [g.reason, g.status, g.info, g.examples])
    expect(groups).toEqual(
      expect.arrayContaining([
        ['frozen', null, '409 on register: cluster is not accepting hosts', ['frozen-2-host-1']],
        [
          'not-known',
          'insufficient',
          expect.stringContaining('Require at least 16.00 GiB RAM'),
          ['frozen-2-host-2']
        ],
        ['died', 'known', 'agent process exited with signal SIGKILL', ['died-3-host-0']],
        ['never-registered', null, null, ['unreachable-4-host-0']],
        [
          'error',
          'error',
          'Failed - failed to write image: no space left on device',
          ['install-error-1-host-4']
        ]
      ])
    )
    // Hosts of a discovery-only cluster stop at known: not failures.
    expect(JSON.stringify(r.failures.hosts)).not.toContain('discovery-only-5')
    expect(r.failures.clusters.items.map(c => [c.name, c.reason])).toEqual([
      ['died-3', 'gave-up'],
      ['frozen-2', 'gave-up'],
      ['install-error-1', 'failed'],
      ['unreachable-4', 'gave-up']
    ])
    expect(r.failures.errors.groups.map(g => g.message)).toContain('register host <uuid>: 409 Conflict')
    expect(r.metrics['agent.unknown_steps']!.values).toMatchObject({ count: 2 })
  })
})
