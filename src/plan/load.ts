import { readFileSync } from 'node:fs'
import { extname } from 'node:path'
import { parse as parseYaml, YAMLParseError } from 'yaml'
import { ConfigurationError, errorMessage } from '../util/errors.js'
import { createFriendlyValidator, type FriendlyValidator } from '../util/json-schema.js'
import { parseThresholds } from '../report/thresholds.js'
import { schema } from './generated/test-plan-schema.js'
import { convertLegacyPlan, isLegacyPlan, type LegacyServiceConfig } from './legacy.js'
import type { TestPlan } from './types.js'

let validator: FriendlyValidator | undefined

export interface LoadedTestPlan {
  plan: TestPlan
  /** Notes for the user (e.g. that a legacy plan was converted). */
  notes: string[]
}

/** Reads a YAML or JSON file, with the file name and line in any syntax error. */
export function readDocument(path: string, what = 'file'): unknown {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new ConfigurationError(`${path}: cannot read the ${what}: ${errorMessage(error)}`)
  }
  try {
    return extname(path) === '.json' ? JSON.parse(text) : parseYaml(text, { prettyErrors: true })
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? `:${error.linePos[0].line}` : ''
    const message = errorMessage(error).split('\n')[0]
    throw new ConfigurationError(
      `${path}${where}: not valid ${extname(path) === '.json' ? 'JSON' : 'YAML'}: ${message}`
    )
  }
}

/**
 * Loads a test plan file: the current format, or the original swarm's (converted, with a note). Validates it
 * against schemas/test-plan.schema.json, fills defaults, and checks the thresholds against the metric catalogue.
 * Every problem is reported at once with its path.
 */
export function loadTestPlan(path: string, options: { serviceConfigPath?: string } = {}): LoadedTestPlan {
  const document = readDocument(path, 'test plan')
  const notes: string[] = []
  let candidate: unknown = document
  if (isLegacyPlan(document)) {
    const service = options.serviceConfigPath
      ? (readDocument(options.serviceConfigPath, 'service config') as LegacyServiceConfig)
      : undefined
    const converted = convertLegacyPlan(document, path, service)
    candidate = converted.plan
    notes.push(converted.note)
  } else if (options.serviceConfigPath) {
    throw new ConfigurationError(
      `--service-config applies only to plans in the original swarm format; put the target in ${path} instead`
    )
  }
  return { plan: validateTestPlan(candidate, path), notes }
}

/** Validates an in-memory plan document (defaults are filled in place). */
export function validateTestPlan(document: unknown, source = 'test plan'): TestPlan {
  validator ??= createFriendlyValidator(schema)
  const problems = validator.problems(document)
  if (!problems.length) {
    const plan = document as TestPlan
    problems.push(...semanticProblems(plan))
    if (!problems.length) return plan
  }
  throw new ConfigurationError(problems, `${source}: invalid test plan (${problems.length} problem(s)):`)
}

function semanticProblems(plan: TestPlan): string[] {
  const problems: string[] = []
  plan.clusters.forEach((group, i) => {
    const where = `clusters[${i}]`
    if (group.single_node && group.workers)
      problems.push(`${where}.workers: a single_node cluster has no workers, got ${group.workers}`)
    if (group.just_infraenv && group.late_binding) {
      problems.push(
        `${where}: just_infraenv and late_binding exclude each other (just_infraenv creates no cluster to bind to)`
      )
    }
    const size = group.single_node ? 1 : (group.masters ?? 3) + (group.workers ?? 0)
    group.failures?.forEach((failure, j) => {
      if (Array.isArray(failure.hosts)) {
        for (const h of failure.hosts) {
          if (h >= size)
            problems.push(
              `${where}.failures[${j}].hosts: host ${h} does not exist; clusters of this group have ${size} host(s)`
            )
        }
      }
      if (failure.clusters) {
        for (const c of failure.clusters) {
          if (c >= group.amount)
            problems.push(
              `${where}.failures[${j}].clusters: cluster ${c} does not exist; the group has ${group.amount}`
            )
        }
      }
    })
  })
  if (plan.target?.kind === 'rest' && !plan.target.url)
    problems.push('target.url: is required when target.kind is "rest"')
  if (plan.target?.kind === 'kube-api' && !plan.target.kubeconfig) {
    problems.push('target.kubeconfig: is required when target.kind is "kube-api"')
  }
  try {
    parseThresholds(plan.thresholds ?? [])
  } catch (error) {
    if (error instanceof ConfigurationError) problems.push(...error.problems)
    else throw error
  }
  return problems
}
