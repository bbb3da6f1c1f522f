/**
 * Library code logs through this interface only, so the same code runs inside a GitHub Action (backed by
 * @actions/core, see src/actions/actions-logger.ts) and in a shell (backed by the console).
 */
export interface Logger {
  debug(message: string): void
  info(message: string): void
  warning(message: string, annotation?: Annotation): void
  error(message: string, annotation?: Annotation): void
  /** Folds everything logged inside `fn` into one collapsible group (Actions) or an indented block. */
  withGroup<T>(title: string, fn: () => Promise<T>): Promise<T>
  /** True when debug messages are shown; lets callers skip building expensive debug strings. */
  isDebug(): boolean
}

/** Where a warning or error points in a file, for Actions annotations. */
export interface Annotation {
  title?: string
  file?: string
  startLine?: number
}

export interface ConsoleLoggerOptions {
  debug?: boolean
  /** Only warnings and errors. */
  quiet?: boolean
  /** Write lines as JSON objects (`{"level":"info","msg":...}`), for scripts. */
  json?: boolean
  /** Defaults to process.stderr so stdout stays clean for reports and --json output. */
  stream?: NodeJS.WritableStream
}

export function createConsoleLogger(options: ConsoleLoggerOptions = {}): Logger {
  const stream = options.stream ?? process.stderr
  let indent = ''
  const write = (level: string, message: string): void => {
    if (options.json) {
      stream.write(JSON.stringify({ level, time: new Date().toISOString(), msg: message }) + '\n')
      return
    }
    const prefix = level === 'info' || level === 'debug' ? '' : `${level}: `
    for (const line of message.split('\n')) stream.write(`${indent}${prefix}${line}\n`)
  }
  return {
    debug: m => {
      if (options.debug) write('debug', m)
    },
    info: m => {
      if (!options.quiet) write('info', m)
    },
    warning: m => write('warning', m),
    error: m => write('error', m),
    isDebug: () => Boolean(options.debug),
    async withGroup(title, fn) {
      if (!options.quiet) write('info', `▸ ${title}`)
      const saved = indent
      indent += '  '
      try {
        return await fn()
      } finally {
        indent = saved
      }
    }
  }
}

/** A logger that keeps every line, for tests. */
export class RecordingLogger implements Logger {
  readonly lines: { level: string; message: string }[] = []
  debug(message: string): void {
    this.lines.push({ level: 'debug', message })
  }
  info(message: string): void {
    this.lines.push({ level: 'info', message })
  }
  warning(message: string): void {
    this.lines.push({ level: 'warning', message })
  }
  error(message: string): void {
    this.lines.push({ level: 'error', message })
  }
  isDebug(): boolean {
    return true
  }
  async withGroup<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.lines.push({ level: 'group', message: title })
    return fn()
  }
  /** Everything logged, one message per line. */
  text(): string {
    return this.lines.map(l => l.message).join('\n')
  }
}

/** A logger that drops everything. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warning: () => {},
  error: () => {},
  isDebug: () => false,
  withGroup: (_title, fn) => fn()
}
