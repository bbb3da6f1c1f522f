import { modelValidator } from '../../api/swagger.js'
import { failed, type StepOutcome } from './step.js'

/**
 * The agent's argument checks before running a step (agent:`src/commands/actions/action.go` ValidateCommon): the
 * argument count, then args[0] unmarshalled into the request model and validated. A failure is a reply with
 * exit code -1 and the error text; the step does not run.
 */

/** Go's `%v` of a string slice. */
export function goSlice(args: readonly string[]): string {
  return `[${args.join(' ')}]`
}

export function checkCount(name: string, args: readonly string[], expected: number): StepOutcome | undefined {
  if (args.length === expected) return undefined
  return failed(-1, `${name} cmd accepts ${expected} params in args, given args ${goSlice(args)}`)
}

export type Parsed<T> = { value: T; outcome?: undefined } | { value?: undefined; outcome: StepOutcome }

/** Checks the count, parses args[0] as JSON and validates it against the swagger `definition`. */
export function parseModelArg<T>(
  name: string,
  args: readonly string[],
  expected: number,
  definition: string
): Parsed<T> {
  const count = checkCount(name, args, expected)
  if (count) return { outcome: count }
  let value: unknown
  try {
    value = JSON.parse(args[0]!)
  } catch (error) {
    return { outcome: failed(-1, `failed to unmarshal ${name}: ${(error as Error).message}`) }
  }
  const problems = modelValidator().validate(definition, value)
  if (problems.length) return { outcome: failed(-1, `validation failure list:\n${problems.join('\n')}`) }
  return { value: value as T }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(text: string): boolean {
  return UUID.test(text)
}
