import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { swaggerSpec } from './generated/swagger-spec.js'

type AddFormats = (ajv: Ajv) => Ajv
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ??
  (addFormatsModule as unknown as AddFormats)

type Schema = Record<string, unknown>

/** The assisted-service REST API base path. */
export const API_BASE = '/api/assisted-install'

export interface SwaggerOperation {
  operationId: string
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  /** Path under the base path, with `{param}` placeholders, e.g. `/v2/infra-envs/{infra_env_id}/hosts`. */
  path: string
  parameters: Schema[]
  responses: Record<string, Schema>
  security?: Record<string, unknown>[]
  tags?: string[]
}

let operationsCache: Map<string, SwaggerOperation> | undefined

/** Every operation of the contract, keyed by operationId. */
export function swaggerOperations(): Map<string, SwaggerOperation> {
  if (operationsCache) return operationsCache
  const operations = new Map<string, SwaggerOperation>()
  const paths = swaggerSpec.paths as Record<string, Record<string, Schema>>
  for (const [path, item] of Object.entries(paths)) {
    const shared = (item.parameters as unknown as Schema[] | undefined) ?? []
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item[method]
      if (!op) continue
      const operationId = op.operationId as string
      operations.set(operationId, {
        operationId,
        method,
        path,
        parameters: [...shared, ...((op.parameters as Schema[] | undefined) ?? [])],
        responses: (op.responses as Record<string, Schema>) ?? {},
        ...(op.security ? { security: op.security as Record<string, unknown>[] } : {}),
        ...(op.tags ? { tags: op.tags as string[] } : {})
      })
    }
  }
  operationsCache = operations
  return operations
}

export function swaggerOperation(operationId: string): SwaggerOperation {
  const op = swaggerOperations().get(operationId)
  if (!op) throw new Error(`unknown swagger operation ${operationId}`)
  return op
}

export function swaggerDefinitions(): Record<string, Schema> {
  return swaggerSpec.definitions as Record<string, Schema>
}

/**
 * Turns a Swagger 2.0 schema into JSON Schema that ajv understands: `x-nullable: true` allows null (go-swagger's
 * meaning), `$ref`s point into `definitions`, and, for request bodies, unknown fields can be rejected as the real
 * service does (ENABLE_REJECT_UNKNOWN_FIELDS).
 */
export function toJsonSchema(schema: unknown, options: { rejectUnknownFields?: boolean } = {}): unknown {
  if (Array.isArray(schema)) return schema.map(s => toJsonSchema(s, options))
  if (!schema || typeof schema !== 'object') return schema
  const input = schema as Schema
  const out: Schema = {}
  for (const [key, value] of Object.entries(input)) {
    if (key.startsWith('x-')) continue
    if (key === 'properties' || key === 'definitions' || key === 'patternProperties') {
      out[key] = Object.fromEntries(
        Object.entries(value as Schema).map(([k, v]) => [k, toJsonSchema(v, options)])
      )
    } else if (key === 'discriminator' || key === 'example' || key === 'readOnly') {
      continue
    } else {
      out[key] = toJsonSchema(value, options)
    }
  }
  // go-swagger maps a bare `type: object` (no properties) to interface{}, which accepts any JSON value: the real
  // controller sends a list under complete-installation `data`, and the real service takes it.
  if (out.type === 'object' && !out.properties && out.additionalProperties === undefined && !out.allOf)
    delete out.type
  if (options.rejectUnknownFields && out.properties && !out.allOf && out.additionalProperties === undefined) {
    out.additionalProperties = false
  }
  if (input['x-nullable'] === true) {
    if (typeof out.$ref === 'string') return { anyOf: [{ $ref: out.$ref }, { type: 'null' }] }
    if (typeof out.type === 'string') out.type = [out.type, 'null']
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null]
  }
  return out
}

export interface ModelValidator {
  /** Problems with `value` as the named swagger definition (`host-create-params`, `inventory`, ...); empty when valid. */
  validate(definition: string, value: unknown): string[]
  /** Validates against an arbitrary swagger schema fragment (e.g. a parameter's schema). */
  validateSchema(schema: unknown, value: unknown): string[]
}

const validators = new Map<string, ModelValidator>()

/**
 * Validators for the contract's models. `strict` rejects fields the contract does not define (what the real
 * service does to request bodies); responses of the real service may carry extra fields, so check those loosely.
 */
export function modelValidator(options: { rejectUnknownFields?: boolean } = {}): ModelValidator {
  const key = options.rejectUnknownFields ? 'strict' : 'loose'
  const cached = validators.get(key)
  if (cached) return cached
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true })
  addFormats(ajv)
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  ajv.addFormat('mac', /^([0-9A-Fa-f]{2}[:-]){5}([0-9A-Fa-f]{2})$/)
  ajv.addFormat('binary', () => true)
  ajv.addFormat('string', () => true)
  ajv.addFormat('int32', () => true)
  ajv.addFormat('int64', () => true)
  ajv.addFormat('double', () => true)
  ajv.addSchema({ $id: 'swagger', definitions: toJsonSchema(swaggerDefinitions(), options) })
  const compiled = new Map<string, ValidateFunction>()
  const run = (fn: ValidateFunction, value: unknown): string[] =>
    fn(value) ? [] : (fn.errors ?? []).map(e => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`)
  const validator: ModelValidator = {
    validate(definition, value) {
      let fn = compiled.get(definition)
      if (!fn) {
        if (!swaggerDefinitions()[definition]) throw new Error(`unknown swagger definition ${definition}`)
        fn = ajv.compile({ $ref: `swagger#/definitions/${definition}` })
        compiled.set(definition, fn)
      }
      return run(fn, value)
    },
    validateSchema(schema, value) {
      const text = JSON.stringify(schema)
      let fn = compiled.get(text)
      if (!fn) {
        const converted = JSON.parse(
          JSON.stringify(toJsonSchema(schema, options)).replace(
            /"#\/definitions\//g,
            '"swagger#/definitions/'
          )
        )
        fn = ajv.compile(converted)
        compiled.set(text, fn)
      }
      return run(fn, value)
    }
  }
  validators.set(key, validator)
  return validator
}
