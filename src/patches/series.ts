import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { ConfigurationError } from '../util/errors.js'

/** One patch of a series: a `git format-patch` file. */
export interface SeriesPatch {
  /** Component whose series lists it. */
  component: string
  /** File name, as listed in the series file. */
  name: string
  /** Absolute path. */
  path: string
  /** The commit subject ("Subject:" without "[PATCH]"). */
  subject: string
}

/**
 * Reads a series file: one patch file name per line, applied in order, relative to the series file; blank lines
 * and lines starting with # are ignored (as in quilt).
 */
export function readSeries(seriesPath: string, component: string): SeriesPatch[] {
  if (!existsSync(seriesPath))
    throw new ConfigurationError(`series of ${component}: ${seriesPath} does not exist`)
  const dir = dirname(seriesPath)
  const patches: SeriesPatch[] = []
  const problems: string[] = []
  readFileSync(seriesPath, 'utf8')
    .split('\n')
    .forEach((raw, index) => {
      const line = raw.trim()
      if (!line || line.startsWith('#')) return
      const path = resolve(dir, line)
      if (!existsSync(path)) {
        problems.push(`${seriesPath}:${index + 1}: ${line} does not exist`)
        return
      }
      patches.push({
        component,
        name: line,
        path,
        subject: patchSubject(readFileSync(path, 'utf8')) || basename(line)
      })
    })
  if (problems.length) throw new ConfigurationError(problems, `series of ${component} is invalid:`)
  return patches
}

/** The subject of a format-patch file, unfolded, without the [PATCH ...] prefix. */
export function patchSubject(text: string): string {
  const match = /^Subject: (.*(?:\n[ \t].*)*)/m.exec(text)
  if (!match) return ''
  return match[1]!
    .replace(/\n[ \t]+/g, ' ')
    .replace(/^\[PATCH[^\]]*\]\s*/, '')
    .trim()
}

/**
 * Hash of a series chain: the patch names and contents in order. Any change to a patch, to the order, or to a
 * base series changes it; it keys the cache of patched trees and tags the images.
 */
export function seriesHash(patches: readonly SeriesPatch[]): string {
  const hash = createHash('sha256')
  hash.update('assisted-swarm series v1\n')
  for (const p of patches) {
    hash.update(`${p.component}/${p.name}\0`)
    hash.update(readFileSync(p.path))
    hash.update('\0')
  }
  return hash.digest('hex')
}

/** One hunk of a patch: its header and where it starts in the old file. */
export interface PatchHunk {
  /** `@@ -120,7 +120,9 @@ func (o *ops) FileExists(path string) bool {` */
  header: string
  oldStart: number
  /** 1-based position among the file's hunks. */
  index: number
}

export interface PatchFile {
  /** Path in the tree (the new path; the old one for deletions). */
  path: string
  hunks: PatchHunk[]
}

/** The files and hunks a patch changes, to name the hunk that failed. */
export function parsePatchFiles(text: string): PatchFile[] {
  const files: PatchFile[] = []
  let current: PatchFile | undefined
  for (const line of text.split('\n')) {
    const diff = /^diff --git a\/(.+) b\/(.+)$/.exec(line)
    if (diff) {
      current = { path: diff[2]!, hunks: [] }
      files.push(current)
      continue
    }
    const hunk = /^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@.*$/.exec(line)
    if (hunk && current) {
      current.hunks.push({ header: line, oldStart: Number(hunk[1]), index: current.hunks.length + 1 })
    }
  }
  return files
}
