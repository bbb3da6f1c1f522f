import type { ErrorRecord } from '../../timeline/records.js'

export interface ErrorGroupState {
  scope: ErrorRecord['scope']
  message: string
  count: number
  /** The alphabetically first few hosts or clusters (deterministic whatever the order of the shards). */
  examples: string[]
}

const MAX_GROUPS = 1000
const MAX_EXAMPLES = 5
const OTHER = '(other messages)'

/** Agent, host, cluster and HTTP errors grouped by scope and message (ids masked so alike errors group). */
export class ErrorGroups {
  readonly groups = new Map<string, ErrorGroupState>()
  total = 0

  add(record: ErrorRecord): void {
    this.total++
    const subject = record.h ?? record.c
    this.group(record.scope ?? 'run', normaliseMessage(String(record.msg ?? '')), 1, subject ? [subject] : [])
  }

  /** Adds another thread's groups. */
  merge(state: { groups: ErrorGroupState[]; total: number }): void {
    this.total += state.total
    for (const g of state.groups) this.group(g.scope, g.message, g.count, g.examples)
  }

  exportState(): { groups: ErrorGroupState[]; total: number } {
    return { groups: [...this.groups.values()], total: this.total }
  }

  private group(scope: ErrorRecord['scope'], normalised: string, count: number, examples: string[]): void {
    let message = normalised
    let key = `${scope}\u0000${message}`
    let group = this.groups.get(key)
    if (!group && this.groups.size >= MAX_GROUPS) {
      message = OTHER
      key = `${scope}\u0000${message}`
      group = this.groups.get(key)
    }
    if (!group) {
      group = { scope, message, count: 0, examples: [] }
      this.groups.set(key, group)
    }
    group.count += count
    for (const example of examples) addExample(group.examples, example, MAX_EXAMPLES)
  }
}

/** Masks UUIDs and long hex/digit runs, and trims, so errors about different hosts group together. */
export function normaliseMessage(message: string): string {
  return message
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
    .replace(/\b[0-9a-f]{16,}\b/gi, '<hex>')
    .trim()
    .slice(0, 500)
}

/** Keeps the `max` smallest distinct values of `list`, sorted. */
export function addExample(list: string[], value: string, max: number): void {
  if (list.length >= max && value >= list[list.length - 1]!) return
  if (list.includes(value)) return
  let i = list.length
  while (i > 0 && list[i - 1]! > value) i--
  list.splice(i, 0, value)
  if (list.length > max) list.pop()
}
