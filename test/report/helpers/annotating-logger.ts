import type { Annotation, Logger } from '../../../src/util/logging.js'

/** A Logger that keeps every line with its annotation, the way the actions logger would turn errors into annotations. */
export class AnnotatingLogger implements Logger {
  readonly lines: { level: string; message: string; annotation?: Annotation }[] = []
  debug(message: string): void {
    this.lines.push({ level: 'debug', message })
  }
  info(message: string): void {
    this.lines.push({ level: 'info', message })
  }
  warning(message: string, annotation?: Annotation): void {
    this.lines.push({ level: 'warning', message, ...(annotation ? { annotation } : {}) })
  }
  error(message: string, annotation?: Annotation): void {
    this.lines.push({ level: 'error', message, ...(annotation ? { annotation } : {}) })
  }
  isDebug(): boolean {
    return true
  }
  async withGroup<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.lines.push({ level: 'group', message: title })
    return fn()
  }
  errors(): { message: string; title?: string }[] {
    return this.lines
      .filter(l => l.level === 'error')
      .map(l => ({ message: l.message, ...(l.annotation?.title ? { title: l.annotation.title } : {}) }))
  }
}
