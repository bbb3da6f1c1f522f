/**
 * Offline validation of the objects deploy-crs sends, before anything reaches a server: custom resources
 * against their CRD's OpenAPI v3 schema (src/kube/generated/crds.ts), built-in kinds and metadata against
 * the API server's naming rules. Messages name the object and the field:
 *
 *   InfraEnv r1-smoke-sno-0/smoke-sno-0-infraenv: spec.ipxeScriptType: must be one of "", "DiscoveryImageAlways", "BootOrderControl" (got "x")
 *
 * Unknown fields are errors here (the API server would silently prune them). CEL rules
 * (x-kubernetes-validations) are left to the server.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { ConfigurationError } from '../util/errors.js'
import { crds } from './generated/crds.js'
import { kindInfo } from './kinds.js'
import {
  describeObject,
  dns1123LabelProblems,
  dns1123SubdomainProblems,
  labelKeyProblems,
  labelValueProblems,
  type KubeObject
} from './objects.js'

type Schema = Record<string, unknown>

/**
 * Turns a Kubernetes structural schema into JSON Schema ajv understands: int-or-string becomes a type
 * union, objects with `properties` reject unknown fields unless they preserve them, and `metadata`
 * (only `type: object` in CRDs) is checked separately.
 */
export function toJsonSchema(schema: Schema, path: string[] = []): Schema {
  const out: Schema = {}
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'description' || key.startsWith('x-kubernetes-')) continue
    if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, Schema>).map(([name, sub]) => [
          name,
          toJsonSchema(sub, [...path, name])
        ])
      )
    } else if (
      (key === 'items' || key === 'additionalProperties' || key === 'not') &&
      value &&
      typeof value === 'object'
    ) {
      out[key] = toJsonSchema(value as Schema, path)
    } else if ((key === 'allOf' || key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) {
      out[key] = value.map(v => toJsonSchema(v as Schema, path))
    } else {
      out[key] = value
    }
  }
  if (schema['x-kubernetes-int-or-string'] === true) {
    delete out.type
    out.anyOf = [{ type: 'integer' }, { type: 'string' }]
  }
  const preserves = schema['x-kubernetes-preserve-unknown-fields'] === true
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined && !preserves) {
    out.additionalProperties = false
  }
  if (schema['x-kubernetes-embedded-resource'] === true) {
    out.properties = {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      ...(out.properties as object)
    }
  }
  return out
}

let ajv: Ajv | undefined
const validators = new Map<string, ValidateFunction>()

function validatorFor(crdName: string, version: string): ValidateFunction | undefined {
  const key = `${crdName}@${version}`
  const cached = validators.get(key)
  if (cached) return cached
  const crd = crds[crdName] as
    { spec?: { versions?: { name: string; schema?: { openAPIV3Schema?: Schema } }[] } } | undefined
  const schema = crd?.spec?.versions?.find(v => v.name === version)?.schema?.openAPIV3Schema
  if (!schema) return undefined
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true })
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i)
    // Kubernetes' numeric formats: range checks are the server's; accept any number here.
    for (const format of ['int32', 'int64', 'double', 'float', 'byte']) ajv.addFormat(format, true)
  }
  const validate = ajv.compile(toJsonSchema(schema))
  validators.set(key, validate)
  return validate
}

/** `/spec/interfaces/0/macAddress` → `spec.interfaces[0].macAddress` */
export function fieldPath(instancePath: string, extra?: string): string {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map(p => p.replace(/~1/g, '/').replace(/~0/g, '~'))
  if (extra !== undefined) parts.push(extra)
  return parts.reduce((path, part) => {
    if (/^\d+$/.test(part)) return `${path}[${part}]`
    const safe = /^[A-Za-z_$][\w$-]*$/.test(part) ? part : JSON.stringify(part)
    return path ? (safe.startsWith('"') ? `${path}[${safe}]` : `${path}.${safe}`) : safe
  }, '')
}

function show(value: unknown): string {
  const text = JSON.stringify(value)
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text
}

function valueAt(object: unknown, instancePath: string): unknown {
  let current: unknown = object
  for (const part of instancePath.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')]
  }
  return current
}

function describeError(error: ErrorObject, object: unknown): string {
  const value = valueAt(object, error.instancePath)
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'required':
      return `${fieldPath(error.instancePath, String(params.missingProperty))}: required field is missing`
    case 'additionalProperties':
      return `${fieldPath(error.instancePath, String(params.additionalProperty))}: unknown field (the API server would drop it)`
    case 'enum':
      return `${fieldPath(error.instancePath)}: must be one of ${(params.allowedValues as unknown[]).map(v => JSON.stringify(v)).join(', ')} (got ${show(value)})`
    case 'type':
      return `${fieldPath(error.instancePath)}: must be of type ${String(params.type)} (got ${show(value)})`
    case 'pattern':
      return `${fieldPath(error.instancePath)}: must match ${String(params.pattern)} (got ${show(value)})`
    default:
      return `${fieldPath(error.instancePath)}: ${error.message ?? error.keyword} (got ${show(value)})`
  }
}

function metadataProblems(object: KubeObject, namespaced: boolean): string[] {
  const problems: string[] = []
  const metadata = object.metadata as Partial<KubeObject['metadata']> | undefined
  if (!metadata || typeof metadata !== 'object') return ['metadata: required field is missing']
  if (typeof metadata.name !== 'string' || metadata.name === '') {
    problems.push('metadata.name: required field is missing')
  } else {
    const nameProblems =
      object.kind === 'Namespace'
        ? dns1123LabelProblems(metadata.name)
        : dns1123SubdomainProblems(metadata.name)
    problems.push(...nameProblems.map(p => `metadata.name: ${p} (got ${JSON.stringify(metadata.name)})`))
  }
  if (namespaced && !metadata.namespace) problems.push('metadata.namespace: required for a namespaced kind')
  if (!namespaced && metadata.namespace)
    problems.push('metadata.namespace: must not be set on a cluster-scoped kind')
  if (metadata.namespace)
    problems.push(...dns1123LabelProblems(metadata.namespace).map(p => `metadata.namespace: ${p}`))
  for (const [key, value] of Object.entries(metadata.labels ?? {})) {
    problems.push(...labelKeyProblems(key).map(p => `metadata.labels[${JSON.stringify(key)}]: key ${p}`))
    if (typeof value !== 'string')
      problems.push(`metadata.labels[${JSON.stringify(key)}]: must be a string (got ${show(value)})`)
    else
      problems.push(
        ...labelValueProblems(value).map(p => `metadata.labels[${JSON.stringify(key)}]: value ${p}`)
      )
  }
  for (const [key, value] of Object.entries(metadata.annotations ?? {})) {
    problems.push(...labelKeyProblems(key).map(p => `metadata.annotations[${JSON.stringify(key)}]: key ${p}`))
    if (typeof value !== 'string')
      problems.push(`metadata.annotations[${JSON.stringify(key)}]: must be a string (got ${show(value)})`)
  }
  return problems
}

function builtinProblems(object: KubeObject): string[] {
  if (object.kind !== 'Secret') return []
  const problems: string[] = []
  for (const [key, value] of Object.entries((object.data as Record<string, unknown> | undefined) ?? {})) {
    if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
      problems.push(`data[${JSON.stringify(key)}]: must be base64 (value not shown)`)
    }
  }
  return problems
}

/** Problems of one object, each prefixed with the field; empty when valid. */
export function objectProblems(object: KubeObject): string[] {
  const info = kindInfo(object.apiVersion, object.kind)
  if (!info)
    return [`apiVersion/kind: ${object.apiVersion} ${object.kind} is not a kind assisted-swarm knows`]
  const problems = metadataProblems(object, info.namespaced)
  if (info.crd) {
    const version = object.apiVersion.split('/')[1] ?? ''
    const validate = validatorFor(info.crd, version)
    if (!validate) {
      problems.push(`apiVersion: ${object.apiVersion} is not served by CRD ${info.crd}`)
    } else {
      // metadata was checked above; the CRD schema only says `type: object`.
      const { metadata: _metadata, ...rest } = object
      if (!validate({ ...rest, metadata: {} })) {
        const seen = new Set<string>()
        for (const error of validate.errors ?? []) {
          const line = describeError(error, object)
          if (!seen.has(line)) problems.push(line)
          seen.add(line)
        }
      }
    }
  } else {
    problems.push(...builtinProblems(object))
  }
  return problems
}

/**
 * Validates every object; throws one ConfigurationError listing the problems (at most `limit` lines,
 * each naming the object and the field) when any object is invalid.
 */
export function validateObjects(objects: readonly KubeObject[], limit = 25): void {
  const problems: string[] = []
  let invalid = 0
  for (const object of objects) {
    const found = objectProblems(object)
    if (found.length === 0) continue
    invalid++
    for (const problem of found)
      if (problems.length < limit) problems.push(`${describeObject(object)}: ${problem}`)
  }
  if (problems.length) {
    const more =
      invalid > 0
        ? ` (${invalid} of ${objects.length} objects invalid${problems.length >= limit ? `; first ${limit} problems shown` : ''})`
        : ''
    throw new ConfigurationError(
      problems,
      `Objects rejected by offline schema validation, nothing was sent${more}:`
    )
  }
}
