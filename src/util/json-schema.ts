import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
type AddFormats = (ajv: Ajv) => Ajv
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ??
  (addFormatsModule as unknown as AddFormats)

type Schema = Record<string, unknown>

/**
 * Validates documents against a JSON Schema and turns ajv's errors into one line per problem that a person
 * can act on: `clusters[2].workers: must be an integer >= 0, got "two"`.
 */
export interface FriendlyValidator {
  /** Every problem found, empty when the document is valid. Defaults from the schema are filled in place. */
  problems(data: unknown): string[]
}

export function createFriendlyValidator(
  schema: Schema,
  options: { useDefaults?: boolean } = {}
): FriendlyValidator {
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strict: false,
    useDefaults: options.useDefaults ?? true
  })
  addFormats(ajv)
  const validate: ValidateFunction = ajv.compile(schema)
  return {
    problems(data) {
      if (validate(data)) return []
      return describeErrors(validate.errors ?? [], schema)
    }
  }
}

/** `/clusters/2/workers` → `clusters[2].workers` */
export function formatPath(instancePath: string): string {
  if (!instancePath) return '(top level)'
  return instancePath
    .split('/')
    .slice(1)
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '')
}

function describeErrors(errors: ErrorObject[], root: Schema): string[] {
  const byPath = new Map<string, string>()
  const add = (path: string, message: string): void => {
    if (!byPath.has(path)) byPath.set(path, message)
  }
  // Errors inside oneOf/anyOf branches are summarised by their parent, so handle those first.
  const composite = new Set(
    errors.filter(e => e.keyword === 'oneOf' || e.keyword === 'anyOf').map(e => e.instancePath)
  )
  for (const error of errors) {
    const path = formatPath(error.instancePath)
    switch (error.keyword) {
      case 'required': {
        const missing = (error.params as { missingProperty: string }).missingProperty
        const full = error.instancePath ? `${path}.${missing}` : missing
        add(full, `${full}: is required`)
        break
      }
      case 'additionalProperty':
      case 'additionalProperties': {
        const extra = (error.params as { additionalProperty: string }).additionalProperty
        const full = error.instancePath ? `${path}.${extra}` : extra
        const known = Object.keys((error.parentSchema as Schema | undefined)?.properties ?? {})
        const suggestion = closest(extra, known)
        add(
          full,
          `${full}: unknown field${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; known fields: ${known.join(', ')}`
        )
        break
      }
      case 'minItems':
        add(path, `${path}: must have at least ${(error.params as { limit: number }).limit} item(s)`)
        break
      default: {
        if (composite.has(error.instancePath) && error.keyword !== 'oneOf' && error.keyword !== 'anyOf') {
          continue
        }
        const schema = (
          error.keyword === 'oneOf' || error.keyword === 'anyOf' ? error.schema : error.parentSchema
        ) as Schema | undefined
        const expected =
          error.keyword === 'oneOf' || error.keyword === 'anyOf'
            ? describeAlternatives(error.parentSchema as Schema, root)
            : describeSchema(schema ?? {}, root)
        add(path, `${path}: must be ${expected}, got ${show(error.data)}`)
      }
    }
  }
  return [...byPath.values()]
}

function describeAlternatives(parent: Schema, root: Schema): string {
  const description = typeof parent.description === 'string' ? parent.description : ''
  if (/^A duration/.test(description)) return 'a duration such as "90s", "1m30s" or "2h"'
  const branches = (parent.oneOf ?? parent.anyOf) as Schema[] | undefined
  return branches ? branches.map(b => describeSchema(b, root)).join(' or ') : 'valid'
}

function resolve(schema: Schema, root: Schema): Schema {
  let current = schema
  for (let i = 0; i < 10 && typeof current.$ref === 'string'; i++) {
    const path = (current.$ref as string).replace(/^#\//, '').split('/')
    current = path.reduce<Schema>((node, key) => (node?.[key] as Schema) ?? {}, root)
  }
  return current
}

function describeSchema(input: Schema, root: Schema): string {
  const schema = resolve(input, root)
  if (schema.oneOf || schema.anyOf) return describeAlternatives(schema, root)
  if (Array.isArray(schema.enum)) {
    const values = schema.enum.map(v => JSON.stringify(v))
    return values.length === 1 ? values[0]! : `one of ${values.join(', ')}`
  }
  const bounds: string[] = []
  if (typeof schema.minimum === 'number') bounds.push(`>= ${schema.minimum}`)
  if (typeof schema.exclusiveMinimum === 'number') bounds.push(`> ${schema.exclusiveMinimum}`)
  if (typeof schema.maximum === 'number') bounds.push(`<= ${schema.maximum}`)
  if (typeof schema.exclusiveMaximum === 'number') bounds.push(`< ${schema.exclusiveMaximum}`)
  const withBounds = (noun: string): string => (bounds.length ? `${noun} ${bounds.join(' and ')}` : noun)
  switch (schema.type) {
    case 'integer':
      return withBounds('an integer')
    case 'number':
      return withBounds('a number')
    case 'boolean':
      return 'true or false'
    case 'array':
      return typeof schema.minItems === 'number' && schema.minItems > 0
        ? `a list with at least ${schema.minItems} item(s)`
        : 'a list'
    case 'object':
      return 'a mapping'
    case 'string': {
      const parts = ['a string']
      if (typeof schema.format === 'string') parts[0] = `a ${schema.format} string`
      if (typeof schema.pattern === 'string') parts.push(`matching /${schema.pattern}/`)
      if (typeof schema.maxLength === 'number') parts.push(`of at most ${schema.maxLength} characters`)
      if (typeof schema.minLength === 'number' && schema.minLength > 0) parts.push('that is not empty')
      return parts.join(' ')
    }
    default:
      return 'valid'
  }
}

function show(value: unknown): string {
  const text = JSON.stringify(value)
  if (text === undefined) return String(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

/** The known name closest to `name` by edit distance, when it is plausibly a typo. */
export function closest(name: string, known: string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of known) {
    const d = editDistance(name, candidate)
    if (d < bestDistance) {
      bestDistance = d
      best = candidate
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = saved
    }
  }
  return row[b.length]!
}
