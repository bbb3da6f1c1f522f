import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expandPlan } from '../plan/expand.js'
import { loadTestPlan } from '../plan/load.js'
import { PLACEHOLDER_PULL_SECRET, buildRunObjects } from './builders.js'
import { renderManifests } from './render.js'

// manifests/examples/ are documentation; this keeps them equal to what the builders make today.
const EXAMPLES = [
  { plan: 'plans/smoke.yaml', dir: 'manifests/examples/smoke', bareMetalHosts: false },
  { plan: 'manifests/examples/plans/nmstate.yaml', dir: 'manifests/examples/nmstate', bareMetalHosts: true }
]

describe('manifests/examples', () => {
  it.each(EXAMPLES)(
    '$dir is what deploy-crs --render makes of $plan (see manifests/README.md to regenerate)',
    example => {
      const plan = expandPlan(loadTestPlan(example.plan).plan, { runId: 'example' })
      const out = mkdtempSync(join(tmpdir(), 'manifest-examples-'))
      try {
        renderManifests(
          buildRunObjects(plan, {
            pullSecret: PLACEHOLDER_PULL_SECRET,
            bareMetalHosts: example.bareMetalHosts
          }),
          out
        )
        const files = readdirSync(out).sort()
        expect(readdirSync(example.dir).sort()).toEqual(files)
        for (const file of files)
          expect(readFileSync(join(example.dir, file), 'utf8')).toBe(readFileSync(join(out, file), 'utf8'))
      } finally {
        rmSync(out, { recursive: true, force: true })
      }
    }
  )
})
