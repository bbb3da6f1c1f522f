import {
  createReadStream,
  createWriteStream,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readSync,
  closeSync,
  readdirSync,
  rmSync,
  statSync,
  copyFileSync,
  writeFileSync
} from 'node:fs'
import { basename, dirname, join, relative } from 'node:path'
import { pipeline } from 'node:stream/promises'
import * as tar from 'tar'
import { createScrubStream, mightHoldSecrets } from './scrub.js'

export interface LogsArchiveOptions {
  /** The run directory; its `logs/` directory (agent, installer, controller logs) goes in the archive. */
  runDir: string
  /** Timeline files read for the report. */
  timelines: string[]
  /** Archive to write (e.g. <run dir>/logs.tar.gz). */
  file: string
}

/**
 * Writes a gzip-compressed tar of the timelines (under `timelines/`) and the run's `logs/` directory, every text
 * file that might hold a secret passed through the scrubber on the way (binary files go as they are). The files
 * are staged in a directory beside the archive, which is removed afterwards.
 */
export async function writeLogsArchive(
  options: LogsArchiveOptions
): Promise<{ file: string; entries: number }> {
  // Staged beside the archive (same file system, so unchanged files can be hard links), removed afterwards.
  mkdirSync(dirname(options.file), { recursive: true })
  const staging = mkdtempSync(join(dirname(options.file), '.logs-staging-'))
  try {
    const entries: string[] = []
    const names = new Set<string>()
    for (const timeline of options.timelines) {
      let name = join('timelines', basename(timeline))
      for (let n = 2; names.has(name); n++) name = join('timelines', `${n}-${basename(timeline)}`)
      names.add(name)
      await stage(timeline, join(staging, name))
      entries.push(name)
    }
    const logs = join(options.runDir, 'logs')
    if (existsSync(logs) && statSync(logs).isDirectory()) {
      for (const file of walk(logs)) {
        const name = join('logs', relative(logs, file))
        await stage(file, join(staging, name))
        entries.push(name)
      }
    }
    if (!entries.length) {
      // tar needs at least one entry: say why the archive is empty.
      const note = 'README.txt'
      writeFileSync(join(staging, note), 'No timeline or log files were found for this run.\n')
      entries.push(note)
    }
    await tar.create({ gzip: true, file: options.file, cwd: staging, portable: true }, entries.sort())
    return { file: options.file, entries: entries.length }
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}

/**
 * Puts `source` at `target` for tar: scrubbed when it is text that might hold a secret, else as it is (a hard
 * link when the file system allows, so a 300 MB timeline is not copied).
 */
async function stage(source: string, target: string): Promise<void> {
  mkdirSync(dirname(target), { recursive: true })
  if (!isBinary(source) && (await textMightHoldSecrets(source))) {
    await pipeline(createReadStream(source), createScrubStream(), createWriteStream(target))
    return
  }
  try {
    linkSync(source, target)
  } catch {
    copyFileSync(source, target)
  }
}

/** Reads the file once and says whether any part of it might hold a secret (chunks overlap by 1 kB). */
async function textMightHoldSecrets(file: string): Promise<boolean> {
  let tail = ''
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 22 })) {
    const text = tail + (chunk as string)
    if (mightHoldSecrets(text)) return true
    tail = text.slice(-1024)
  }
  return false
}

function isBinary(file: string): boolean {
  const fd = openSync(file, 'r')
  try {
    const buffer = Buffer.alloc(8192)
    const n = readSync(fd, buffer, 0, buffer.length, 0)
    return buffer.subarray(0, n).includes(0)
  } finally {
    closeSync(fd)
  }
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* walk(path)
    else if (entry.isFile()) yield path
  }
}
