import {
  createWriteStream,
  lstatSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  type WriteStream
} from 'node:fs'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { scrubSecrets } from '../../report/scrub.js'

/**
 * One real host's (or controller's) log file: every line its processes print, with the secrets it was given
 * (the pull-secret token) and anything that looks like a credential replaced by `***` before it reaches the
 * disk. Lines are also handed to `onLine` (milestones) and the last few kept for error reports.
 */
export class HostLog {
  private readonly file: WriteStream
  private readonly secrets: string[]
  private readonly recent: string[] = []
  private open = 0
  private closed = false

  constructor(
    readonly path: string,
    secrets: readonly (string | undefined)[],
    private readonly onLine?: (line: string) => void,
    private readonly keep = 20
  ) {
    // Longest first, so a secret that contains another is replaced whole.
    this.secrets = [...new Set(secrets.filter((s): s is string => Boolean(s && s.length >= 4)))].sort(
      (a, b) => b.length - a.length
    )
    this.file = createWriteStream(path, { flags: 'a', mode: 0o600 })
    this.file.on('error', () => undefined)
  }

  /** The line as it may be written anywhere. */
  scrub(line: string): string {
    let out = line
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join('***')
    return scrubSecrets(out)
  }

  /** Writes a line of the driver's own (prefixed, so it stands out from the program's output). */
  note(text: string): void {
    this.write(`[assisted-swarm] ${text}`, false)
  }

  /** Reads a stream of the program line by line until it ends. */
  attach(stream: Readable): void {
    this.open++
    let rest = ''
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => {
      const text = rest + chunk
      const lines = text.split('\n')
      rest = lines.pop()!
      // A program printing a huge line without newline must not grow memory without bound.
      if (rest.length > 65536) {
        lines.push(rest)
        rest = ''
      }
      for (const line of lines) this.write(line, true)
    })
    stream.on('end', () => {
      if (rest) this.write(rest, true)
      rest = ''
      this.open--
    })
    stream.on('error', () => undefined)
  }

  private write(raw: string, fromProgram: boolean): void {
    if (this.closed) return
    const line = this.scrub(raw.replace(/\r$/, ''))
    this.file.write(line + '\n')
    this.recent.push(line)
    if (this.recent.length > this.keep) this.recent.shift()
    if (fromProgram) this.onLine?.(line)
  }

  /** The last lines written (already scrubbed). */
  tail(n = this.keep): string[] {
    return this.recent.slice(-n)
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve()
    this.closed = true
    return new Promise(resolve => this.file.end(() => resolve()))
  }
}

/**
 * Replaces every occurrence of the secrets in the files under `dirs` (what the programs wrote themselves, e.g. the
 * controller's own log, which upstream fills with its environment on errors). Byte-exact: other content, text or
 * not, is left as it is. Returns the files changed.
 */
export function scrubFiles(dirs: readonly string[], secrets: readonly (string | undefined)[]): string[] {
  const list = [...new Set(secrets.filter((s): s is string => Boolean(s && s.length >= 4)))]
  if (!list.length) return []
  const changed: string[] = []
  const visit = (path: string): void => {
    let st
    try {
      st = lstatSync(path)
    } catch {
      return
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name))
      return
    }
    if (!st.isFile() || st.size > 256 * 1024 * 1024) return
    const content = readFileSync(path)
    if (!list.some(s => content.includes(s))) return
    // latin1 maps bytes 1:1, so the replacement never disturbs the rest
    let text = content.toString('latin1')
    for (const s of list) text = text.split(s).join('***')
    writeFileSync(path, Buffer.from(text, 'latin1'))
    changed.push(path)
  }
  for (const dir of dirs) visit(dir)
  return changed
}
