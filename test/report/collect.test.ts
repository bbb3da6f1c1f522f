/**
 * collect-results end to end on a run directory: every output file, the logs archive (secrets scrubbed), JUnit,
 * the baseline comparison and regression gate, and artifact naming and shard merging through the directory
 * artifact store. The real upload/download (@actions/artifact) only works inside a GitHub workflow run (it
 * needs the runner's ACTIONS_RUNTIME_TOKEN), so here the store is the directory stand-in with the same names.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import * as tar from 'tar'
import { createDirectoryArtifactStore } from '../../src/report/artifacts/directory-artifact-store.js'
import { collectResults, type CollectResultsSettings } from '../../src/report/collect.js'
import type { Report } from '../../src/report/generated/report.js'
import { schema } from '../../src/report/generated/report-schema.js'
import { OptionValues } from '../../src/settings/options.js'
import { collectResultsStage } from '../../src/stages/collect-results.js'
import { ConfigurationError } from '../../src/util/errors.js'
import { createFriendlyValidator } from '../../src/util/json-schema.js'
import { AnnotatingLogger } from './helpers/annotating-logger.js'
import { generateRun, writeRun, type GeneratorOptions } from './helpers/timeline-generator.js'

const work = mkdtempSync(join(tmpdir(), 'report-collect-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))
const FIXTURES = join(process.cwd(), 'test/fixtures/timelines')
const validator = createFriendlyValidator(schema, { useDefaults: false })

function settings(runDir: string, extra: Partial<CollectResultsSettings> = {}): CollectResultsSettings {
  return { runDir, timelines: [], thresholds: [], uploadArtifact: false, downloadShards: false, ...extra }
}

function runDirWith(name: string, fixture = 'basic'): string {
  const dir = join(work, name)
  mkdirSync(dir, { recursive: true })
  cpSync(join(FIXTURES, `${fixture}.timeline.jsonl`), join(dir, 'timeline.jsonl'))
  return dir
}

async function listTar(file: string): Promise<Map<string, string>> {
  const entries = new Map<string, string>()
  await tar.list({
    file,
    onReadEntry: entry => {
      const chunks: Buffer[] = []
      entry.on('data', (c: Buffer) => chunks.push(c))
      entry.on('end', () => entries.set(entry.path, Buffer.concat(chunks).toString('utf8')))
    }
  })
  return entries
}

describe('collectResults', () => {
  it('writes report.json, summary.md, report.html, junit.xml and a scrubbed logs archive', async () => {
    const runDir = runDirWith('outputs')
    mkdirSync(join(runDir, 'logs', 'agents'), { recursive: true })
    writeFileSync(
      join(runDir, 'logs', 'agents', 'sno-0-host-0.log'),
      'starting agent\nAuthorization: Bearer abcdefghijklmnop.qrstu\n{"pull_secret":"{\\"auths\\":{}}","x":1}\nX-Secret-Key: eyJhbGciOiJFUzI1NiJ9.eyJpbmZyYV9lbnZfaWQiOiJ4In0.c2lnbmF0dXJl\nok\n'
    )
    const logger = new AnnotatingLogger()
    const result = await collectResults(settings(runDir), { logger })
    expect(Object.keys(result.files).sort()).toEqual(['html', 'json', 'junit', 'logs', 'markdown'])
    for (const file of Object.values(result.files)) expect(existsSync(file)).toBe(true)
    const report = JSON.parse(readFileSync(result.files.json!, 'utf8')) as Report
    expect(validator.problems(report)).toEqual([])
    expect(report.passed).toBe(true)
    expect(readFileSync(result.files.markdown!, 'utf8')).toBe(result.markdown)
    expect(readFileSync(result.files.html!, 'utf8')).toContain('echarts')

    const entries = await listTar(result.files.logs!)
    expect([...entries.keys()].sort()).toEqual(['logs/agents/sno-0-host-0.log', 'timelines/timeline.jsonl'])
    const log = entries.get('logs/agents/sno-0-host-0.log')!
    expect(log).toContain('starting agent')
    expect(log).not.toMatch(/abcdefghijklmnop|eyJhbGci|auths/)
    expect(log).toContain('Bearer ***')
    expect(entries.get('timelines/timeline.jsonl')).toBe(readFileSync(join(runDir, 'timeline.jsonl'), 'utf8'))

    const junit = readFileSync(result.files.junit!, 'utf8')
    expect(junit).toContain('<testsuite name="thresholds" tests="5" failures="0"')
    expect(junit).toContain('name="p95(host.discovery_to_known) &lt; 30s"')
  })

  it('writes a failing JUnit case with the measured value', async () => {
    const runDir = runDirWith('junit-fail', 'failures')
    const result = await collectResults(settings(runDir), { logger: new AnnotatingLogger() })
    const junit = readFileSync(result.files.junit!, 'utf8')
    expect(junit).toContain('failures="3"')
    expect(junit).toMatch(
      /<failure message="ratio\(cluster.installed\) == 1: measured 16.7%" type="threshold">/
    )
  })

  it('fails clearly when there is no timeline', async () => {
    const empty = join(work, 'empty')
    mkdirSync(empty, { recursive: true })
    await expect(collectResults(settings(empty), { logger: new AnnotatingLogger() })).rejects.toThrow(
      ConfigurationError
    )
    await expect(
      collectResults(settings(join(work, 'missing')), { logger: new AnnotatingLogger() })
    ).rejects.toThrow(/run-dir: .*missing does not exist/)
  })
})

describe('baseline', () => {
  it('shows deltas, and fails on a regression beyond the tolerance with an annotation', async () => {
    const baselineDir = runDirWith('baseline-old')
    await collectResults(settings(baselineDir), { logger: new AnnotatingLogger() })
    // Same run, but every host takes 2× longer to become known.
    const slower = runDirWith('baseline-new')
    const lines = readFileSync(join(slower, 'timeline.jsonl'), 'utf8').split('\n')
    const registered = new Map<string, number>()
    const shifted = lines.map(line => {
      if (!line) return line
      const r = JSON.parse(line)
      if (r.k === 'host' && r.ev === 'registered') registered.set(r.h, r.t)
      if (r.k === 'host' && r.ev === 'status' && r.status === 'known')
        r.t = registered.get(r.h)! + 2 * (r.t - registered.get(r.h)!)
      return JSON.stringify(r)
    })
    writeFileSync(join(slower, 'timeline.jsonl'), shifted.join('\n'))

    const deltasOnly = await collectResults(settings(slower, { baseline: baselineDir }), {
      logger: new AnnotatingLogger()
    })
    expect(deltasOnly.report.baseline!.regressions).toBe(0)
    expect(deltasOnly.report.headline.regressions).toBe(0)
    const p95 = deltasOnly.report.baseline!.comparisons.find(
      c => c.metric === 'host.discovery_to_known' && c.aggregation === 'p95'
    )!
    expect(p95.deltaRatio).toBeCloseTo(1, 1)
    expect(deltasOnly.markdown).toContain('### Baseline: basic-fixture — no regression')

    const logger = new AnnotatingLogger()
    const gated = await collectResults(
      settings(slower, { baseline: join(baselineDir, 'report.json'), regressionTolerance: 0.2 }),
      { logger }
    )
    expect(gated.report.passed).toBe(false)
    expect(gated.report.headline.regressions).toBeGreaterThanOrEqual(2)
    expect(
      gated.report.baseline!.comparisons.filter(c => c.regression).map(c => `${c.aggregation}(${c.metric})`)
    ).toEqual(expect.arrayContaining(['med(host.discovery_to_known)', 'p95(host.discovery_to_known)']))
    expect(logger.errors()).toContainEqual({
      title: 'Regression: p95(host.discovery_to_known)',
      message: expect.stringMatching(/vs .* in basic-fixture \(\+\d+(\.\d)?%, tolerance \+20%\)/)
    })
    expect(gated.markdown).toMatch(/\| ❌ \| p95\(host.discovery_to_known\) \| .* \| \+\d/)
    expect(readFileSync(gated.files.junit!, 'utf8')).toContain('<testsuite name="baseline"')
    expect(validator.problems(gated.report)).toEqual([])

    // The same run against itself: no regression.
    const same = await collectResults(
      settings(baselineDir, { baseline: baselineDir, regressionTolerance: 0 }),
      { logger: new AnnotatingLogger() }
    )
    expect(same.report.baseline!.regressions).toBe(0)
  })

  it('rejects a baseline that is not a report', async () => {
    const runDir = runDirWith('bad-baseline')
    writeFileSync(join(work, 'not-a-report.json'), '{"schemaVersion": 99}')
    await expect(
      collectResults(settings(runDir, { baseline: join(work, 'not-a-report.json') }), {
        logger: new AnnotatingLogger()
      })
    ).rejects.toThrow(/baseline: .*schemaVersion 99 is not supported/)
  })
})

describe('artifacts (directory stand-in for the Actions artifact service)', () => {
  const options: GeneratorOptions = {
    runId: 'art',
    seed: 5,
    shards: 3,
    clusters: [0, 1, 2, 3, 4].map(i => ({ name: `sno-${i}`, sno: true, masters: 1, workers: 0 })),
    thresholds: ['ratio(cluster.installed) == 1']
  }

  it('uploads each shard as <base>-shard-<i>, then downloads and merges them into the whole report', async () => {
    const store = createDirectoryArtifactStore(join(work, 'artifacts'))
    const run = generateRun(options)
    const uploaded: string[] = []
    for (let i = 0; i < 3; i++) {
      const shardDir = join(work, `shard-${i}`)
      writeRun({ ...run, shards: [run.shards[i]!] }, join(work, 'tmp'))
      mkdirSync(shardDir, { recursive: true })
      cpSync(join(work, 'tmp', 'timeline.jsonl'), join(shardDir, `timeline-${i}-of-3.jsonl`))
      const result = await collectResults(settings(shardDir, { uploadArtifact: true }), {
        logger: new AnnotatingLogger(),
        artifactStore: async () => store
      })
      uploaded.push(result.artifactName!)
    }
    expect(uploaded).toEqual([
      'assisted-swarm-art-shard-0',
      'assisted-swarm-art-shard-1',
      'assisted-swarm-art-shard-2'
    ])
    expect(readdirSync(join(work, 'artifacts', uploaded[0]!)).sort()).toEqual([
      'junit.xml',
      'logs.tar.gz',
      'report.html',
      'report.json',
      'summary.md',
      'timeline-0-of-3.jsonl'
    ])

    const mergeDir = join(work, 'merge')
    const merged = await collectResults(
      settings(mergeDir, { runId: 'art', downloadShards: true, uploadArtifact: true }),
      {
        logger: new AnnotatingLogger(),
        artifactStore: async () => store
      }
    )
    expect(merged.report.run.shards).toEqual(['0/3', '1/3', '2/3'])
    expect(merged.artifactName).toBe('assisted-swarm-art')
    // The merged artifact holds the merged reports, not the downloaded shards again.
    expect(readdirSync(join(work, 'artifacts', 'assisted-swarm-art'))).not.toContain('shards')

    const whole = join(work, 'whole')
    writeRun(generateRun({ ...options, shards: 1 }), whole)
    const expected = await collectResults(settings(whole), { logger: new AnnotatingLogger() })
    const strip = (r: Report): unknown => ({ ...r, run: { ...r.run, shards: [], timelines: [], records: 0 } })
    expect(strip(merged.report)).toEqual(strip(expected.report))
  })

  it('uses artifact-name as the base of every name, and needs a run id or name to download', async () => {
    const store = createDirectoryArtifactStore(join(work, 'artifacts-named'))
    const runDir = runDirWith('named')
    const result = await collectResults(
      settings(runDir, { uploadArtifact: true, artifactName: 'nightly:run/1' }),
      { logger: new AnnotatingLogger(), artifactStore: async () => store }
    )
    expect(result.artifactName).toBe('nightly-run-1')
    await expect(
      collectResults(settings(runDir, { downloadShards: true }), {
        logger: new AnnotatingLogger(),
        artifactStore: async () => store
      })
    ).rejects.toThrow(/download-shards: needs run-id or artifact-name/)
    await expect(
      collectResults(settings(runDir, { uploadArtifact: true }), { logger: new AnnotatingLogger() })
    ).rejects.toThrow(/only in GitHub Actions/)
  })
})

describe('collect-results stage', () => {
  it('prints the summary on the CLI and gives the outputs of the table', async () => {
    const runDir = runDirWith('stage')
    const stdout = new PassThrough()
    const chunks: Buffer[] = []
    stdout.on('data', c => chunks.push(c))
    const values = new OptionValues(collectResultsStage.table, { 'run-dir': runDir }, {})
    const result = await collectResultsStage.execute(collectResultsStage.settings(values) as never, {
      logger: new AnnotatingLogger(),
      signal: new AbortController().signal,
      host: 'cli',
      stdout
    })
    expect(Buffer.concat(chunks).toString()).toContain('## assisted-swarm report: basic-fixture — ✅ passed')
    const outputs = collectResultsStage.outputs(result)
    expect(Object.keys(outputs).sort()).toEqual(collectResultsStage.table.outputs.map(o => o.name).sort())
    expect(JSON.parse(outputs.headline!)).toMatchObject({
      run: 'basic-fixture',
      passed: true,
      clustersInstalled: 3,
      clustersPlanned: 3
    })
    expect(collectResultsStage.summary!(result)).toBe(result.markdown)
  })

  it('defaults the run directory to runs/<run id>, else the timelines directory', () => {
    const s = (raw: Record<string, string>) =>
      collectResultsStage.settings(new OptionValues(collectResultsStage.table, raw, {}))
    expect(s({ 'run-id': 'abc' })).toMatchObject({ runDir: join('runs', 'abc') })
    expect(s({ timelines: FIXTURES })).toMatchObject({ runDir: FIXTURES })
    expect(() => s({})).toThrow(/run-dir: give the run directory/)
  })
})
