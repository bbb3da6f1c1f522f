import { describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runLocalAction } from '../../__fixtures__/local-action.js'

// launch-swarm then collect-results, each through @github/local-action as a runner would run them, on the
// smoke plan against the embedded simulator; the run directory passes from one to the other as outputs.
describe('launch-swarm and collect-results actions', () => {
  it('run the smoke plan to installed and report it, passing state through outputs', async () => {
    const runDir = join(mkdtempSync(join(tmpdir(), 'actions-')), 'run')
    const summaryFile = join(runDir, '..', 'step-summary.md')
    const launch = await runLocalAction(
      'launch-swarm',
      { plan: 'plans/smoke.yaml', 'run-id': 'action-smoke', 'run-dir': runDir },
      { GITHUB_STEP_SUMMARY: summaryFile }
    )
    expect(launch.code).toBe(0)
    expect(launch.outputs).toMatchObject({
      'run-id': 'action-smoke',
      'clusters-installed': '2',
      'clusters-failed': '0',
      'hosts-installed': '6'
    })
    expect(launch.outputs['run-dir']).toBe(runDir)
    expect(existsSync(launch.outputs.timeline!)).toBe(true)
    // CI logs get one-line progress summaries in collapsible groups.
    expect(launch.stdout).toMatch(/::group::\d\d:\d\d clusters \d\/2 installed/)

    const collect = await runLocalAction(
      'collect-results',
      { 'run-dir': launch.outputs['run-dir']! },
      { GITHUB_STEP_SUMMARY: summaryFile }
    )
    expect(collect.code).toBe(0)
    expect(collect.outputs.passed).toBe('true')
    expect(JSON.parse(collect.outputs.headline!)).toMatchObject({
      clustersInstalled: 2,
      hostsInstalled: 6,
      passed: true
    })
    expect(JSON.parse(readFileSync(collect.outputs.report!, 'utf8'))).toMatchObject({
      schemaVersion: 1,
      passed: true
    })
    expect(existsSync(collect.outputs.html!)).toBe(true)
  }, 300_000)
})
