import {
  createReadStream,
  createWriteStream,
  existsSync,
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
import { tmpdir } from 'node:os'
import { basename, dirname, join, relative } from 'node:path'
import { pipeline } from 'node:stream/promises'
import * as tar from 'tar'
import { createScrubStream } from './scrub.js'

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
 * file passed through the secret scrubber on the way (binary files are copied as they are). The files are staged
 * in a temporary directory, which is removed afterwards.
 */
export async function writeLogsArchive(
  options: LogsArchiveOptions
): Promise<{ file: string; entries: number }> {
  const staging = mkdtempSync(join(tmpdir(), 'assisted-swarm-logs-'))
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
    mkdirSync(dirname(options.file), { recursive: true })
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

async function stage(source: string, target: string): Promise<void> {
  mkdirSync(dirname(target), { recursive: true })
  if (isBinary(source)) copyFileSync(source, target)
  else await pipeline(createReadStream(source), createScrubStream(), createWriteStream(target))
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
