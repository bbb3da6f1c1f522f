import { describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { runLocalAction } from '../../__fixtures__/local-action.js'
import { runDirectoryFiles } from '../../src/report/artifacts/artifact-store.js'

const AUTH = 'c3dhcm0tdGVzdDpzM2NyM3QtcHVsbC1zZWNyZXQtOWYy'
const PULL_SECRET = JSON.stringify({
  auths: { 'registry.example.com': { auth: AUTH, email: 'swarm@example.com' } }
})

// launch-swarm then collect-results, each through @github/local-action as a runner would run them, on the
// smoke plan against the embedded simulator; the run directory passes from one to the other as outputs.
describe('launch-swarm and collect-results actions', () => {
  it('run the smoke plan to installed and report it, passing state through outputs', async () => {
    const runDir = join(mkdtempSync(join(tmpdir(), 'actions-')), 'run')
    const summaryFile = join(runDir, '..', 'step-summary.md')
    const launch = await runLocalAction(
      'launch-swarm',
      { plan: 'plans/smoke.yaml', 'run-id': 'action-smoke', 'run-dir': runDir, 'pull-secret': PULL_SECRET },
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

    // The pull secret reached the service (its state, kept on the runner, owner-only) and nothing that is
    // uploaded, archived or printed.
    const state = join(runDir, 'private', 'sim-state.json')
    expect(readFileSync(state, 'utf8')).toContain(AUTH)
    expect(statSync(state).mode & 0o777).toBe(0o600)
    const uploaded = runDirectoryFiles(runDir)
    expect(uploaded.some(f => f.endsWith('report.json'))).toBe(true)
    expect(uploaded.some(f => f.includes('sim-state'))).toBe(false)
    for (const file of uploaded) {
      const bytes = readFileSync(file)
      const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('latin1')
      expect({ file, leaks: text.includes(AUTH) }).toEqual({ file, leaks: false })
    }
    for (const out of [launch.stdout, launch.stderr, collect.stdout, collect.stderr])
      expect(out).not.toContain(AUTH)
  }, 300_000)
})
