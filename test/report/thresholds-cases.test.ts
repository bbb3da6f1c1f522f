/**
 * One small timeline per threshold failure case (test/fixtures/timelines/thresholds/), run through the real
 * collect-results Stage: the failing threshold fails with its measured value, its neighbour passes, the exit
 * code is 1 (0 with fail-on-thresholds off), and each failure becomes an error annotation naming the threshold
 * and the value.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { OptionValues } from '../../src/settings/options.js'
import { collectResultsStage } from '../../src/stages/collect-results.js'
import { ExitCode } from '../../src/util/exit-codes.js'
import { AnnotatingLogger } from './helpers/annotating-logger.js'

const FIXTURES = join(process.cwd(), 'test/fixtures/timelines/thresholds')
const work = mkdtempSync(join(tmpdir(), 'report-thresholds-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

async function run(name: string, extra: Record<string, string> = {}) {
  const runDir = join(work, name + Object.keys(extra).join('-'))
  cpSync(join(FIXTURES, `${name}.timeline.jsonl`), join(runDir, 'timeline.jsonl'))
  const logger = new AnnotatingLogger()
  const settings = collectResultsStage.settings(
    new OptionValues(collectResultsStage.table, { 'run-dir': runDir, ...extra }, {})
  )
  const result = await collectResultsStage.execute(await settings, {
    logger,
    signal: new AbortController().signal,
    host: 'cli',
    stdout: new PassThrough()
  })
  return {
    result,
    logger,
    code: collectResultsStage.exitCode!(result),
    outputs: collectResultsStage.outputs(result)
  }
}

describe('threshold failure cases', () => {
  it.each([
    ['trend-percentile', 'p95(host.discovery_to_known) < 10s', /^1\d(\.\d+)?s$/],
    ['trend-max-stage', 'max(host.stage.rebooting) < 5s', /^1\d(\.\d+)?s$/],
    ['rate-ratio', 'ratio(cluster.installed) == 1', /^50%$/],
    ['counter-count', 'count(agent.unknown_steps) == 0', /^3$/],
    ['counter-rate', 'rate(http.reqs) > 1000', /^\d+(\.\d+)?\/s$/],
    ['endpoint-latency', 'p99(http.req.duration{endpoint=v2GetNextSteps}) < 1ms', /ms$/],
    ['endpoint-errors', 'rate(http.errors{endpoint=v2GetNextSteps}) < 1%', /%$/],
    ['gauge-run-duration', 'value(run.duration) < 30s', /^1m\d\ds$/],
    ['no-data', 'p95(host.stage.waiting_for_ignition) < 1m', /^no data$/]
  ])('%s: %s fails with its measured value', async (name, failing, measured) => {
    const { result, logger, code, outputs } = await run(name)
    const failed = result.report.thresholds.filter(t => !t.passed)
    expect(failed.map(t => t.source)).toEqual([failing])
    expect(result.report.thresholds).toHaveLength(2)
    expect(result.report.passed).toBe(false)
    expect(code).toBe(ExitCode.ThresholdsFailed)
    expect(outputs.passed).toBe('false')
    const errors = logger.errors()
    expect(errors).toHaveLength(1)
    expect(errors[0]!.title).toBe(`Threshold failed: ${failing}`)
    const value = errors[0]!.message.replace(`${failing}: measured `, '')
    expect(value).toMatch(measured)
    expect(result.markdown).toContain(`| ❌ | \`${failing}\` | ${value} |`)
  })

  it('all-pass: every threshold passes and the exit code is 0', async () => {
    const { result, logger, code, outputs } = await run('all-pass')
    expect(result.report.thresholds.map(t => t.passed)).toEqual([true, true, true, true])
    expect(code).toBe(ExitCode.Ok)
    expect(outputs.passed).toBe('true')
    expect(logger.errors()).toEqual([])
  })

  it('with fail-on-thresholds off, a failure is reported but the exit code is 0', async () => {
    const { result, code } = await run('rate-ratio', { 'fail-on-thresholds': 'false' })
    expect(result.report.passed).toBe(false)
    expect(code).toBe(ExitCode.Ok)
  })

  it('adds thresholds given as an option to those of the run', async () => {
    const { result } = await run('all-pass', {
      thresholds: 'count(http.reqs) < 1, p95(host.installation) < 10m'
    })
    expect(result.report.thresholds.map(t => [t.source, t.passed])).toEqual([
      ['p95(host.launch_to_installed) < 5m', true],
      ['ratio(cluster.installed) == 1', true],
      ['rate(http.errors) == 0', true],
      ['med(cluster.created_to_installed) < 3m', true],
      ['count(http.reqs) < 1', false],
      ['p95(host.installation) < 10m', true]
    ])
  })

  it('rejects a bad threshold option naming it', async () => {
    await expect(run('all-pass', { thresholds: 'p95(host.nope) < 1s' })).rejects.toThrow(
      /thresholds\[0\]: unknown metric "host.nope"/
    )
  })
})
