import { describe, expect, it } from '@jest/globals'
import { ConfigurationError } from '../util/errors.js'
import { loadTestPlan } from './load.js'

const fixture = (name: string): string => `test/fixtures/plans/${name}`

function problemsOf(fn: () => unknown): string[] {
  try {
    fn()
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems
    throw error
  }
  throw new Error('expected a ConfigurationError')
}

describe('loadTestPlan', () => {
  it('loads the smoke plan and fills defaults', () => {
    const { plan, notes } = loadTestPlan('plans/smoke.yaml')
    expect(notes).toEqual([])
    expect(plan.name).toBe('smoke')
    expect(plan.clusters[1]).toMatchObject({ masters: 3, workers: 2, with_nmstate: false })
    expect(plan.cpu_architecture).toBe('x86_64')
  })

  it('names every type problem with its path and what is expected', () => {
    expect(problemsOf(() => loadTestPlan(fixture('bad-types.yaml')))).toEqual([
      'clusters[2].workers: must be an integer >= 0, got "two"',
      'ramp.hosts_per_second: must be a number > 0, got 0'
    ])
  })

  it('reports unknown fields with a suggestion, bad names, durations and thresholds at once', () => {
    const problems = problemsOf(() => loadTestPlan(fixture('bad-fields.yaml')))
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^name: must be a string matching .* got "Bad Name"$/),
        expect.stringMatching(/^clusters\[0\]\.singel_node: unknown field \(did you mean "single_node"\?\)/),
        'deadline: must be a duration such as "90s", "1m30s" or "2h", got "soon"'
      ])
    )
  })

  it('checks thresholds against the metric catalogue', () => {
    expect(problemsOf(() => loadTestPlan(fixture('bad-thresholds.yaml')))).toEqual([
      'thresholds[0]: unknown metric "host.discovery_to_knwn" in "p95(host.discovery_to_knwn) < 60s"',
      'thresholds[1]: "rate(host.discovery_to_known) < 1": host.discovery_to_known is a trend metric; it supports min, max, avg, med, count, p(N), not rate'
    ])
  })

  it('rejects an empty cluster list', () => {
    expect(problemsOf(() => loadTestPlan(fixture('empty-clusters.yaml')))).toEqual([
      'clusters: must have at least 1 item(s)'
    ])
  })

  it('points at the line of a YAML syntax error', () => {
    expect(problemsOf(() => loadTestPlan(fixture('bad-yaml.yaml')))[0]).toMatch(
      /^test\/fixtures\/plans\/bad-yaml\.yaml:\d+: not valid YAML/
    )
  })

  it('names hosts and clusters that failure specs point at but do not exist', () => {
    expect(problemsOf(() => loadTestPlan(fixture('bad-failures.yaml')))).toEqual([
      expect.stringMatching(
        /^clusters\[0\]\.failures\[2\]\.kind: must be one of "small-disk", .*got "melted"$/
      )
    ])
  })

  it('reports a missing file as bad input', () => {
    expect(problemsOf(() => loadTestPlan(fixture('nope.yaml')))[0]).toMatch(
      /nope\.yaml: cannot read the test plan/
    )
  })

  it('converts the original swarm format, with its service config, and says so', () => {
    const { plan, notes } = loadTestPlan(fixture('legacy-testplan.yaml'), {
      serviceConfigPath: fixture('legacy-service-config.yaml')
    })
    expect(notes[0]).toMatch(/converted from the original swarm's test plan format/)
    expect(plan.name).toBe('legacy-testplan')
    expect(plan.shuffle).toBe(true)
    expect(plan.target).toMatchObject({ kind: 'rest', url: 'http://127.0.0.1:8090' })
    expect(plan.release_image).toBe('quay.io/openshift-release-dev/ocp-release:4.18.1-x86_64')
    expect(plan.clusters).toEqual([
      expect.objectContaining({ amount: 3, single_node: true, infraenv_labels: { swarm: 'sno' } }),
      expect.objectContaining({ amount: 2, masters: 3, workers: 2 }),
      expect.objectContaining({ amount: 1, masters: 3, workers: 0, just_infraenv: true })
    ])
  })

  it('refuses a service config for a plan in the current format', () => {
    expect(
      problemsOf(() =>
        loadTestPlan('plans/smoke.yaml', { serviceConfigPath: fixture('legacy-service-config.yaml') })
      )[0]
    ).toMatch(/applies only to plans in the original swarm format/)
  })
})
