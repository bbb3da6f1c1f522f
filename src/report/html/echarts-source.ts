import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The Apache ECharts build inlined in report.html: line and bar charts, grid, tooltip, legend, dataZoom. */
export const ECHARTS_FILE = 'echarts.common.min.js'

/**
 * The text of ECharts, to inline in report.html so the file opens offline. Looked up, in order: the
 * ASSISTED_SWARM_ECHARTS_JS environment variable, a copy beside the running module (the action bundle ships
 * dist/shared/echarts.common.min.js, beside the shared bundle), and the installed `echarts` package. Undefined when none exists:
 * the HTML then shows its tables without charts.
 */
export function loadEchartsSource(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const path of candidates(env)) {
    if (path && existsSync(path)) return readFileSync(path, 'utf8')
  }
  return undefined
}

function candidates(env: NodeJS.ProcessEnv): (string | undefined)[] {
  const list: (string | undefined)[] = [env.ASSISTED_SWARM_ECHARTS_JS]
  try {
    list.push(join(dirname(fileURLToPath(import.meta.url)), ECHARTS_FILE))
  } catch {
    // not a file URL (bundled differently): skip
  }
  try {
    list.push(createRequire(import.meta.url).resolve(`echarts/dist/${ECHARTS_FILE}`))
  } catch {
    // echarts not installed
  }
  return list
}
