import { modelValidator, swaggerDefinitions } from '../../api/swagger.js'

type Schema = Record<string, unknown>

/** Go's JSON decoding treats `null` as "absent"; drop nulls so the swagger types (which are not nullable) accept them. */
export function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter(v => v !== null).map(dropNulls)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = dropNulls(v)
    return out
  }
  return value
}

function resolve(schema: Schema | undefined): Schema | undefined {
  let s = schema
  for (let i = 0; s && typeof s.$ref === 'string' && i < 16; i++) {
    s = swaggerDefinitions()[(s.$ref as string).replace('#/definitions/', '')]
  }
  return s
}

/**
 * Keeps only the fields the swagger model defines, recursively: what the real service's unmarshal and
 * re-marshal of a step output does to unknown fields.
 */
export function pruneToSchema(value: unknown, schema: Schema | undefined): unknown {
  const s = resolve(schema)
  if (!s) return value
  if (Array.isArray(value)) return s.items ? value.map(v => pruneToSchema(v, s.items as Schema)) : value
  if (!value || typeof value !== 'object') return value
  const properties = s.properties as Record<string, Schema> | undefined
  if (!properties) {
    if (s.additionalProperties && typeof s.additionalProperties === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, pruneToSchema(v, s.additionalProperties as Schema)])
      )
    }
    return value
  }
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    const child = properties[k]
    if (child) out[k] = pruneToSchema(v, child)
  }
  return out
}

/**
 * Decodes a step output as the service does: JSON, nulls as absent, types checked against the model, unknown
 * fields dropped. Returns the problem text when the output cannot be decoded.
 */
export function decodeOutput(output: string, definition: string): { value: unknown } | { problem: string } {
  let parsed: unknown
  try {
    parsed = JSON.parse(output)
  } catch (error) {
    return { problem: (error as Error).message }
  }
  const cleaned = output.includes('null') ? dropNulls(parsed) : parsed
  // Fast path: an output that is exactly the model (what agents send) needs no pruning.
  if (modelValidator({ rejectUnknownFields: true }).validate(definition, cleaned).length === 0)
    return { value: cleaned }
  // Go's unmarshal checks JSON types only: enums, formats, patterns and required fields are not enforced.
  const problems = modelValidator()
    .validate(definition, cleaned)
    .filter(p => / must be (string|integer|number|object|array|boolean)(,|$)/.test(p))
  if (problems.length) return { problem: problems.slice(0, 3).join('; ') }
  return { value: pruneToSchema(cleaned, { $ref: `#/definitions/${definition}` }) }
}
