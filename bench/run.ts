/**
 * `npm run bench [-- name ...]`: runs the benchmarks in bench/ one after another (each in its own process,
 * so one's memory does not skew another's) and lets each print its figures. Benchmarks are never timed tests.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const available = readdirSync(here)
  .filter(f => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
  .map(f => f.replace(/\.ts$/, ''))
  .sort()
const wanted = process.argv.slice(2).filter(a => !a.startsWith('-'))
const unknown = wanted.filter(w => !available.includes(w))
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}`)
  process.exit(2)
}
let failed = 0
for (const name of wanted.length ? wanted : available) {
  console.log(`\n=== bench/${name}.ts`)
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(here, `${name}.ts`)], {
    stdio: 'inherit'
  })
  if (result.status !== 0) failed++
}
process.exit(failed ? 1 : 0)
