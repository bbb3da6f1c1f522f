import * as core from '@actions/core'
import type { Annotation, Logger } from '../util/logging.js'

/** The Logger of actions: @actions/core, so warnings and errors become annotations and groups fold. */
export function createActionsLogger(): Logger {
  const props = (a?: Annotation): core.AnnotationProperties | undefined =>
    a ? { title: a.title, file: a.file, startLine: a.startLine } : undefined
  return {
    debug: m => core.debug(m),
    info: m => core.info(m),
    warning: (m, a) => core.warning(m, props(a)),
    error: (m, a) => core.error(m, props(a)),
    isDebug: () => core.isDebug(),
    withGroup: (title, fn) => core.group(title, fn)
  }
}
