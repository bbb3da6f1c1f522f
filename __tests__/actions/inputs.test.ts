import { afterEach, describe, expect, it } from '@jest/globals'
import { runLocalAction } from '../../__fixtures__/local-action.js'

// Each action runs here through @github/local-action, the way a runner would run it, on its source.
describe('actions through @github/local-action', () => {
  afterEach(() => {
    delete process.env.INPUT_PLAN
  })

  it('launch-swarm refuses an invalid plan with the documented message and exit code 2', async () => {
    const result = await runLocalAction('launch-swarm', { plan: 'test/fixtures/plans/bad-types.yaml' })
    expect(result.annotations.join('\n')).toMatch(
      /launch-swarm: test\/fixtures\/plans\/bad-types\.yaml: invalid test plan \(2 problem\(s\)\)/
    )
    expect(result.stdout + result.stderr).toMatch(
      /clusters\[2\]\.workers: must be an integer >= 0, got "two"/
    )
    expect(result.stdout).not.toMatch(/at .*\.ts:\d+/)
  })

  it('launch-swarm names a bad input value', async () => {
    const result = await runLocalAction('launch-swarm', { plan: 'plans/smoke.yaml', driver: 'teleport' })
    expect(result.annotations.join('\n')).toMatch(
      /input driver: must be one of native, process, container, got "teleport"/
    )
  })
})
