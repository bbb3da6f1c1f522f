/**
 * Generates TypeScript types from the JSON Schemas in schemas/, so the schema stays the single source.
 *   npm run types            # regenerate
 *   npm run types -- --check # fail when a generated file is stale
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { compile } from 'json-schema-to-typescript'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const check = process.argv.includes('--check')

/** schema file → generated module */
const targets: Record<string, string> = {
  'schemas/test-plan.schema.json': 'src/plan/generated/test-plan.ts',
  'schemas/report.schema.json': 'src/report/generated/report.ts'
}

let stale = 0
for (const [schemaPath, outPath] of Object.entries(targets)) {
  const source = join(root, schemaPath)
  if (!existsSync(source)) continue
  const schema = JSON.parse(readFileSync(source, 'utf8'))
  const body = await compile(schema, schema.title ?? 'Schema', {
    bannerComment: `// GENERATED from ${schemaPath} by \`npm run types\`. Do not edit.\n/* eslint-disable */`,
    additionalProperties: false,
    unreachableDefinitions: true,
    style: { singleQuote: true, semi: false, printWidth: 110, trailingComma: 'none' }
  })
  const schemaModule =
    `// GENERATED from ${schemaPath} by \`npm run types\`. Do not edit.\n` +
    `/** The JSON Schema itself, for validation at run time (bundled into the actions). */\n` +
    `export const schema: Record<string, unknown> = ${JSON.stringify(schema, null, 2)}\n`
  for (const [path, content] of [
    [outPath, body],
    [outPath.replace(/\.ts$/, '-schema.ts'), schemaModule]
  ] as const) {
    const target = join(root, path)
    const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined
    if (current === content) continue
    if (check) {
      console.error(`stale: ${path} (run npm run types)`)
      stale++
      continue
    }
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, content)
    console.log(`wrote ${path}`)
  }
}
if (stale) process.exit(1)
