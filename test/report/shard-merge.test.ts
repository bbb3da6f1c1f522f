/**
 * Shards merge by concatenating timelines: the report of a run split into N shards (each with its own run
 * records, HTTP and counter snapshots) equals the report of the same run unsharded, and does not depend on
 * the order the shard files are read in.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { computeReport } from '../../src/report/compute-report.js'
import type { Report } from '../../src/report/generated/report.js'
import { generateRun, writeRun, type GeneratorOptions } from './helpers/timeline-generator.js'

const dir = mkdtempSync(join(tmpdir(), 'report-shards-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const OPTIONS: GeneratorOptions = {
  runId: 'merge',
  seed: 42,
  clusters: [
    { name: 'sno-0', sno: true, masters: 1, workers: 0 },
    { name: 'compact-1', masters: 3, workers: 0 },
    { name: 'multi-2', masters: 3, workers: 2, fates: { 3: 'install-error' } },
    { name: 'sno-3', sno: true, masters: 1, workers: 0 },
    { name: 'bad-4', masters: 3, workers: 0, fates: { 0: 'frozen' } },
    { name: 'sno-5', sno: true, masters: 1, workers: 0 },
    { name: 'compact-6', masters: 3, workers: 0 }
  ],
  thresholds: [
    'p95(host.discovery_to_known) < 60s',
    'ratio(cluster.installed) == 1',
    'p99(http.req.duration) < 50ms'
  ],
  errorRate: 0.02,
  agentErrors: true
}

/** The parts of a report that legitimately differ with the split: which files, shards and how many records. */
function comparable(report: Report): unknown {
  const { shards: _shards, timelines: _timelines, records: _records, ...run } = report.run
  return { ...report, run }
}

async function reportOf(shards: number, reverse = false): Promise<Report> {
  const files = writeRun(generateRun({ ...OPTIONS, shards }), join(dir, `n${shards}`))
  return computeReport({ files: reverse ? [...files].reverse() : files })
}

describe('shard merge', () => {
  it.each([2, 3, 7])('a run in %i shards gives the unsharded report', async shards => {
    const whole = await reportOf(1)
    const merged = await reportOf(shards)
    expect(merged.run.shards).toEqual(Array.from({ length: shards }, (_, i) => `${i}/${shards}`))
    expect(comparable(merged)).toEqual(comparable(whole))
  })

  it('does not depend on the order the shard files are read in', async () => {
    expect(comparable(await reportOf(3, true))).toEqual(comparable(await reportOf(3)))
  })
})
