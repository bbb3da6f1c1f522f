import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { ConfigurationError } from '../util/errors.js'
import type { TimelineRecord } from './records.js'

/** Every timeline file of a run directory (or the given files), sorted by name. */
export function findTimelines(paths: string[]): string[] {
  const files: string[] = []
  for (const path of paths) {
    if (!existsSync(path)) throw new ConfigurationError(`${path}: no such timeline file or run directory`)
    if (statSync(path).isDirectory()) {
      const found = readdirSync(path)
        .filter(f => /^timeline(-\d+-of-\d+)?\.jsonl$/.test(f))
        .sort()
        .map(f => join(path, f))
      files.push(...found)
    } else files.push(path)
  }
  return [...new Set(files)]
}

export interface ReadIssue {
  file: string
  line: number
  message: string
}

/**
 * Streams the records of one or more timeline files, one at a time (memory stays flat however long the run).
 * A torn last line (a crash mid-write) or a garbled line is skipped and reported through `onIssue`.
 */
export async function* readTimelines(
  files: string[],
  onIssue?: (issue: ReadIssue) => void
): AsyncGenerator<TimelineRecord> {
  for (const file of files) {
    const lines = createInterface({
      input: createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }),
      crlfDelay: Infinity
    })
    let number = 0
    for await (const line of lines) {
      number++
      if (!line) continue
      let record: unknown
      try {
        record = JSON.parse(line)
      } catch {
        onIssue?.({ file, line: number, message: 'not JSON (torn write?)' })
        continue
      }
      if (
        !record ||
        typeof record !== 'object' ||
        typeof (record as { t?: unknown }).t !== 'number' ||
        typeof (record as { k?: unknown }).k !== 'string'
      ) {
        onIssue?.({ file, line: number, message: 'not a timeline record (needs t and k)' })
        continue
      }
      yield record as TimelineRecord
    }
  }
}
