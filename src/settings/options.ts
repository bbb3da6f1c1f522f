import { ConfigurationError } from '../util/errors.js'
import { parseDuration } from '../util/duration.js'

/**
 * One row of a stage's option table. The same row is an action input (actions/<stage>/action.yml is generated
 * from it), a CLI flag, and a line in the docs, so the three can never drift apart.
 */
export interface OptionSpec {
  /** Action input name and CLI long flag (`--name`), kebab-case. */
  name: string
  description: string
  kind: 'string' | 'path' | 'boolean' | 'integer' | 'number' | 'duration' | 'list' | 'secret' | 'enum' | 'url'
  choices?: readonly string[]
  required?: boolean
  /** Default as text, exactly as it appears in action.yml. */
  default?: string
  /** CLI specifics; `false` makes it an action-only input. */
  cli?: false | { flag?: string; short?: string; positional?: boolean; hidden?: boolean }
  /** `false` makes it a CLI-only flag. */
  action?: false
  /** Test-only inputs, marked `[Internal]` in the docs. */
  internal?: boolean
  /** Environment variable read when neither the input nor the flag is given (how the CLI takes secrets). */
  env?: string
}

export interface OutputSpec {
  name: string
  description: string
}

export interface StageTable {
  stage: string
  /** One line for action.yml's description and `--help`. */
  description: string
  options: readonly OptionSpec[]
  outputs: readonly OutputSpec[]
}

export type RawValues = Record<string, string | boolean | string[] | undefined>

/**
 * Typed access to the values of one stage, parsed against its table. Each getter checks that the option exists
 * in the table (a typo in code fails loudly) and turns a bad value into a ConfigurationError naming the input.
 */
export class OptionValues {
  private readonly specs: Map<string, OptionSpec>

  constructor(
    private readonly table: StageTable,
    private readonly raw: RawValues,
    private readonly env: NodeJS.ProcessEnv = process.env,
    /** "input" in Actions, "option" on the CLI: how errors name the field. */
    private readonly noun: 'input' | 'option' = 'option'
  ) {
    this.specs = new Map(table.options.map(o => [o.name, o]))
  }

  private spec(name: string): OptionSpec {
    const spec = this.specs.get(name)
    if (!spec) throw new Error(`option ${name} is not in the ${this.table.stage} table`)
    return spec
  }

  private label(spec: OptionSpec): string {
    return this.noun === 'input'
      ? `input ${spec.name}`
      : `--${spec.cli && spec.cli.flag ? spec.cli.flag : spec.name}`
  }

  /** The raw text of an option, or its default, or undefined. */
  private text(name: string): string | undefined {
    const spec = this.spec(name)
    const value = this.raw[name]
    if (Array.isArray(value)) return value.join('\n')
    if (typeof value === 'boolean') return String(value)
    if (value !== undefined && value !== '') return value
    if (spec.env && this.env[spec.env]) return this.env[spec.env]
    return spec.default
  }

  private fail(spec: OptionSpec, expected: string, got: string): never {
    throw new ConfigurationError(`${this.label(spec)}: must be ${expected}, got ${JSON.stringify(got)}`)
  }

  has(name: string): boolean {
    return this.text(name) !== undefined
  }

  string(name: string): string | undefined {
    const spec = this.spec(name)
    const value = this.text(name)
    if (value === undefined) {
      if (spec.required)
        throw new ConfigurationError(`${this.label(spec)}: is required (${spec.description})`)
      return undefined
    }
    if (spec.kind === 'enum' && spec.choices && !spec.choices.includes(value)) {
      this.fail(spec, `one of ${spec.choices.join(', ')}`, value)
    }
    if (spec.kind === 'url' && !/^https?:\/\/[^\s/]+/.test(value)) this.fail(spec, 'an http(s) URL', value)
    return value
  }

  requiredString(name: string): string {
    const value = this.string(name)
    if (value === undefined) throw new ConfigurationError(`${this.label(this.spec(name))}: is required`)
    return value
  }

  boolean(name: string): boolean {
    const spec = this.spec(name)
    const value = this.text(name)
    if (value === undefined) return false
    const normalised = value.trim().toLowerCase()
    if (['true', 'yes', '1', 'on'].includes(normalised)) return true
    if (['false', 'no', '0', 'off'].includes(normalised)) return false
    return this.fail(spec, 'true or false', value)
  }

  integer(name: string, min = Number.MIN_SAFE_INTEGER): number | undefined {
    const spec = this.spec(name)
    const value = this.string(name)
    if (value === undefined) return undefined
    const n = Number(value)
    if (!/^-?\d+$/.test(value.trim()) || n < min) this.fail(spec, `an integer >= ${min}`, value)
    return n
  }

  number(name: string, min = -Infinity): number | undefined {
    const spec = this.spec(name)
    const value = this.string(name)
    if (value === undefined) return undefined
    const n = Number(value)
    if (value.trim() === '' || !Number.isFinite(n) || n < min) this.fail(spec, `a number >= ${min}`, value)
    return n
  }

  /** Milliseconds. */
  duration(name: string): number | undefined {
    const spec = this.spec(name)
    const value = this.string(name)
    if (value === undefined) return undefined
    const ms = parseDuration(value)
    if (ms === undefined) this.fail(spec, 'a duration such as "90s", "1m30s" or "2h"', value)
    return ms
  }

  /** Comma- or newline-separated values, trimmed, empty ones dropped. */
  list(name: string): string[] {
    const value = this.string(name)
    if (value === undefined) return []
    return value
      .split(/[\n,]/)
      .map(v => v.trim())
      .filter(Boolean)
  }
}

/** Every option table lists its options once; this checks a table is well formed (used by tests and docs). */
export function checkTable(table: StageTable): string[] {
  const problems: string[] = []
  const names = new Set<string>()
  for (const option of table.options) {
    if (names.has(option.name)) problems.push(`${table.stage}: option ${option.name} listed twice`)
    names.add(option.name)
    if (!/^[a-z][a-z0-9-]*$/.test(option.name))
      problems.push(`${table.stage}: option ${option.name} is not kebab-case`)
    if (!option.description) problems.push(`${table.stage}: option ${option.name} has no description`)
    if (option.kind === 'enum' && !option.choices?.length)
      problems.push(`${table.stage}: enum ${option.name} has no choices`)
    if (option.required && option.default !== undefined) {
      problems.push(`${table.stage}: option ${option.name} is required and has a default`)
    }
  }
  return problems
}
