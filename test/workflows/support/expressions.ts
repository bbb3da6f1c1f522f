/**
 * GitHub Actions expressions for the workflow walk, evaluated by @actions/expressions (the parser and evaluator of
 * GitHub's own language services): `${{ }}` templates, `if:` conditions with the status functions, and the
 * conversion between plain values and the library's data types.
 */
import { Evaluator, Lexer, Parser, data } from '@actions/expressions'
import { truthy } from '@actions/expressions/result'

/** Plain JSON-like values, as the walk keeps its contexts. */
export type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain }

/** The contexts an expression may read (github, inputs, secrets, matrix, needs, steps, runner, env, ...). */
export type Contexts = Record<string, Plain>

/** What the status functions answer where the expression is evaluated. */
export interface Status {
  success: boolean
  failure: boolean
  cancelled: boolean
}

const STATUS_FUNCTIONS = ['always', 'success', 'failure', 'cancelled']

export function toData(value: Plain | undefined): data.ExpressionData {
  if (value === null || value === undefined) return new data.Null()
  if (typeof value === 'string') return new data.StringData(value)
  if (typeof value === 'number') return new data.NumberData(value)
  if (typeof value === 'boolean') return new data.BooleanData(value)
  if (Array.isArray(value)) return new data.Array(...value.map(toData))
  return new data.Dictionary(...Object.entries(value).map(([key, v]) => ({ key, value: toData(v) })))
}

export function toPlain(value: data.ExpressionData): Plain {
  switch (value.kind) {
    case data.Kind.Null:
      return null
    case data.Kind.String:
      return value.coerceString()
    case data.Kind.Number:
      return value.number()
    case data.Kind.Boolean:
      return (value as data.BooleanData).value
    case data.Kind.Array:
      return (value as data.Array).values().map(toPlain)
    default:
      return Object.fromEntries(
        (value as data.Dictionary).pairs().map(pair => [pair.key, toPlain(pair.value)])
      )
  }
}

/** Evaluates one expression (the text between `${{` and `}}`). Throws on a syntax error or an unknown name. */
export function evaluate(expression: string, contexts: Contexts, status?: Status): data.ExpressionData {
  const { tokens } = new Lexer(expression).lex()
  const functions = STATUS_FUNCTIONS.map(name => ({ name, minArgs: 0, maxArgs: 0 }))
  const tree = new Parser(tokens, Object.keys(contexts), functions).parse()
  const answers: Record<string, boolean> = {
    always: true,
    success: status?.success ?? true,
    failure: status?.failure ?? false,
    cancelled: status?.cancelled ?? false
  }
  const implementations = new Map(
    functions.map(f => [f.name, { ...f, call: () => new data.BooleanData(answers[f.name]!) }])
  )
  return new Evaluator(tree, toData(contexts) as data.Dictionary, implementations).evaluate()
}

const TEMPLATE = /\$\{\{([\s\S]*?)\}\}/g

/**
 * A workflow value with `${{ }}` templates: a value that is exactly one expression keeps its type (arrays for
 * a matrix, booleans), anything else becomes a string the way the runner formats it.
 */
export function interpolate(value: unknown, contexts: Contexts): Plain {
  if (typeof value !== 'string') return (value ?? null) as Plain
  const whole = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/.exec(value)
  if (whole && !whole[1]!.includes('}}')) return toPlain(evaluate(whole[1]!, contexts))
  return value.replace(TEMPLATE, (_, expression: string) => evaluate(expression, contexts).coerceString())
}

/** A value as a runner hands it to a step (inputs and env are strings). */
export function asString(value: Plain): string {
  if (value === null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return toData(value).coerceString()
}

/**
 * An `if:` condition: with or without `${{ }}`, and `success() && (...)` implied when it calls no status
 * function, as the runner does.
 */
export function condition(value: unknown, contexts: Contexts, status: Status): boolean {
  if (value === undefined || value === null) return status.success
  if (typeof value === 'boolean') return value && status.success
  let text = String(value).trim()
  const whole = /^\$\{\{([\s\S]*)\}\}$/.exec(text)
  if (whole) text = whole[1]!
  if (!/\b(always|success|failure|cancelled)\s*\(/i.test(text)) text = `success() && (${text})`
  return truthy(evaluate(text, contexts, status))
}

/** Every `${{ }}` expression text in a value (strings, nested maps and lists). */
export function expressionsIn(value: unknown): string[] {
  if (typeof value === 'string') return [...value.matchAll(TEMPLATE)].map(m => m[1]!)
  if (Array.isArray(value)) return value.flatMap(expressionsIn)
  if (value && typeof value === 'object') return Object.values(value).flatMap(expressionsIn)
  return []
}
