import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { swaggerDefinitions, toJsonSchema } from '../../api/swagger.js'

type AddFormats = (ajv: Ajv) => Ajv
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ??
  (addFormatsModule as unknown as AddFormats)

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: false,
    strict: false,
    coerceTypes: coerce ? 'array' : false,
    useDefaults: false
  })
  addFormats(ajv)
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  ajv.addFormat('mac', /^([0-9A-Fa-f]{2}[:-]){5}([0-9A-Fa-f]{2})$/)
  for (const name of ['binary', 'string', 'int32', 'int64', 'double', 'float', 'byte'])
    ajv.addFormat(name, () => true)
  return ajv
}

let bodyAjv: Ajv | undefined
let paramAjv: Ajv | undefined
const compiled = new Map<string, ValidateFunction>()

/**
 * Request validators, shared by every simulator in the process (compiling the contract once): bodies are checked
 * strictly against the swagger models with unknown fields rejected (ENABLE_REJECT_UNKNOWN_FIELDS), path and query
 * parameters are coerced from text like go-swagger does.
 */
export function compileValidator(schema: unknown, part: string): ValidateFunction {
  const isBody = part === 'body'
  const key = `${isBody ? 'b' : 'p'}:${JSON.stringify(schema)}`
  const hit = compiled.get(key)
  if (hit) return hit
  let ajv: Ajv
  if (isBody) {
    if (!bodyAjv) {
      bodyAjv = makeAjv(false)
      bodyAjv.addSchema({
        $id: 'swagger',
        definitions: toJsonSchema(swaggerDefinitions(), { rejectUnknownFields: true })
      })
    }
    ajv = bodyAjv
  } else {
    paramAjv ??= makeAjv(true)
    ajv = paramAjv
  }
  const fn = ajv.compile(schema as object)
  compiled.set(key, fn)
  return fn
}
