/**
 * Reading shard files on several threads gives the report of reading them on one: aggregator states merge
 * exactly (checked in-process with structured clones of the states, as threads exchange them), and the real
 * worker threads, run in a child process under tsx (Jest cannot load a TypeScript worker), agree too.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ReportAggregator } from '../../src/report/aggregate/aggregator.js'
import { buildReport } from '../../src/report/build-report.js'
import { computeReport } from '../../src/report/compute-report.js'
import { shareOut } from '../../src/report/parallel-aggregate.js'
import { forEachRecord } from '../../src/report/record-stream.js'
import { parseThresholds } from '../../src/report/thresholds.js'
import { generateRun, writeRun } from './helpers/timeline-generator.js'

const dir = mkdtempSync(join(tmpdir(), 'report-parallel-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const files = writeRun(
  generateRun({
    runId: 'parallel',
    seed: 9,
    shards: 4,
    clusters: [
      { name: 'sno-0', sno: true, masters: 1, workers: 0 },
      { name: 'compact-1', masters: 3, workers: 0 },
      { name: 'multi-2', masters: 3, workers: 2, fates: { 4: 'install-error' } },
      { name: 'bad-3', masters: 3, workers: 0, fates: { 1: 'frozen', 2: 'stuck-insufficient' } },
      { name: 'sno-4', sno: true, masters: 1, workers: 0, fates: { 0: 'died' } },
      { name: 'sno-5', sno: true, masters: 1, workers: 0 }
    ],
    thresholds: ['ratio(cluster.installed) == 1', 'p95(http.req.duration) < 20ms'],
    errorRate: 0.03,
    agentErrors: true,
    unknownSteps: 1
  }),
  dir
)
// A torn line in one shard, so issues travel back from workers too.
writeFileSync(files[3]!, '{"t":1,"k":"ho', { flag: 'a' })

describe('parallel reading', () => {
  it('merging aggregator states gives the report of one aggregator', async () => {
    const sequential = await computeReport({ files, threads: 1 })
    for (const groups of [shareOut(files, 2), shareOut(files, 4), [[files[0]!], files.slice(1)]]) {
      const merged = new ReportAggregator()
      await forEachRecord(groups[0]!, r => merged.add(r))
      for (const group of groups.slice(1)) {
        const part = new ReportAggregator()
        await forEachRecord(group, r => part.add(r))
        merged.merge(structuredClone(part.exportState()))
      }
      const report = buildReport(merged, {
        thresholds: parseThresholds(merged.run.thresholds),
        timelines: sequential.run.timelines,
        issues: sequential.issues
      })
      expect(report).toEqual(sequential)
    }
  })

  it('worker threads (under tsx) give the same report', async () => {
    const sequential = await computeReport({ files, threads: 1 })
    const script = join(dir, 'threads.mts')
    const src = (path: string): string => JSON.stringify(join(process.cwd(), 'src/report', path))
    writeFileSync(
      script,
      [
        `import { aggregateFiles } from ${src('parallel-aggregate.ts')}`,
        `import { buildReport } from ${src('build-report.ts')}`,
        `import { parseThresholds } from ${src('thresholds.ts')}`,
        `const issues = []`,
        `const aggregator = await aggregateFiles(${JSON.stringify(files)}, { threads: 3, onIssue: i => issues.push({ ...i, file: i.file.split('/').pop() }) })`,
        `const report = buildReport(aggregator, { thresholds: parseThresholds(aggregator.run.thresholds), timelines: ${JSON.stringify(files.map(f => f.split('/').pop()))}, issues })`,
        `process.stdout.write(JSON.stringify({ merges: aggregator.merges, report }))`
      ].join('\n')
    )
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], {
      cwd: process.cwd(),
      encoding: 'utf8',
      timeout: 120_000
    })
    expect(child.stderr).toBe('')
    expect(child.status).toBe(0)
    const { merges, report } = JSON.parse(child.stdout)
    expect(merges).toBe(2)
    expect(report).toEqual(sequential)
  }, 180_000)

  it('shares files out by size', () => {
    expect(shareOut(files, 2).flat().sort()).toEqual([...files].sort())
    expect(shareOut(files, 9)).toHaveLength(files.length)
  })
})
