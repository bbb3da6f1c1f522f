import { afterAll, describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createFixtureUpstream } from '../../src/patches/testing/fixture-upstream.js'
import { runLocalAction } from '../../__fixtures__/local-action.js'

// apply-patches and build-push-images run through @github/local-action, on a fixture upstream made with real git.
const fixture = createFixtureUpstream()
afterAll(() => fixture.cleanup())

describe('apply-patches and build-push-images actions', () => {
  it('apply-patches outputs the trees, and in check mode reports a failing patch by file and hunk with exit 2', async () => {
    const summary = join(fixture.root, 'summary.md')
    writeFileSync(summary, '')
    const ok = await runLocalAction(
      'apply-patches',
      {
        components: fixture.componentsFile,
        'run-dir': join(fixture.root, 'run'),
        'cache-dir': join(fixture.root, 'cache')
      },
      { GITHUB_STEP_SUMMARY: summary }
    )
    expect(ok.code).toBe(0)
    expect(readFileSync(summary, 'utf8')).toContain('| demo/0001-app-change-line-20.patch | ✓ applied |')
    expect(JSON.parse(ok.outputs.trees!)).toEqual({ demo: join(fixture.root, 'run', 'src', 'demo') })
    expect(ok.outputs['failed-patches']).toBe('0')

    const first = readFileSync(fixture.seriesFile, 'utf8').split('\n')[0]!
    const path = join(fixture.seriesFile, '..', first)
    writeFileSync(path, readFileSync(path, 'utf8').replace(' line 19\n', ' line nineteen\n'))
    const check = await runLocalAction(
      'apply-patches',
      { components: fixture.componentsFile, 'run-dir': join(fixture.root, 'check'), check: 'true' },
      { GITHUB_STEP_SUMMARY: summary }
    )
    expect(check.outputs['failed-patches']).toBe('1')
    expect(check.stdout + check.stderr).toContain(
      `demo/${first}: failed in src/app.txt hunk #1 @@ -17,7 +17,7 @@`
    )
    expect(check.annotations.join('\n')).toMatch(/exit code 2/)
  }, 300_000)

  it('build-push-images masks the registry password and names a tree apply-patches did not make', async () => {
    const password = 'Masked-Pw-31f7'
    const result = await runLocalAction('build-push-images', {
      components: fixture.componentsFile,
      'run-dir': join(fixture.root, 'nowhere'),
      registry: '127.0.0.1:5/swarm',
      'registry-username': 'u',
      'registry-password': password
    })
    expect(result.code).not.toBe(0)
    expect(result.annotations.join('\n')).toMatch(/is not a tree patched by apply-patches/)
    expect(result.stdout + result.stderr).not.toContain(password)
  }, 300_000)
})
