import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Report } from '../generated/report.js'
import { loadEchartsSource } from '../html/echarts-source.js'
import { renderHtml } from '../html/render-html.js'
import { renderJunit } from '../junit.js'
import { writeLogsArchive } from '../logs-archive.js'
import { renderSummaryMarkdown } from '../summary-markdown.js'
import type { OutputContext, ReportOutput } from './output.js'

/** The file names collect-results writes in the run directory. */
export const OUTPUT_FILES = {
  json: 'report.json',
  markdown: 'summary.md',
  html: 'report.html',
  junit: 'junit.xml',
  logs: 'logs.tar.gz'
} as const

function textOutput(
  name: keyof typeof OUTPUT_FILES,
  description: string,
  render: (report: Report, context: OutputContext) => string
): ReportOutput {
  return {
    name,
    description,
    async stop(report, context) {
      mkdirSync(context.runDir, { recursive: true })
      const file = join(context.runDir, OUTPUT_FILES[name])
      writeFileSync(file, render(report, context))
      return file
    }
  }
}

export function createJsonOutput(): ReportOutput {
  return textOutput(
    'json',
    'report.json: every figure, documented by schemas/report.schema.json',
    report => JSON.stringify(report, null, 2) + '\n'
  )
}

export function createMarkdownOutput(): ReportOutput {
  return textOutput(
    'markdown',
    'summary.md: headline, thresholds, baseline, durations, endpoints, failures',
    report => renderSummaryMarkdown(report)
  )
}

export function createHtmlOutput(loadCharts: () => string | undefined = loadEchartsSource): ReportOutput {
  return textOutput(
    'html',
    'report.html: self-contained page with charts (ECharts inlined)',
    (report, context) => {
      const echarts = loadCharts()
      if (!echarts)
        context.logger.warning(
          'report.html: ECharts not found (set ASSISTED_SWARM_ECHARTS_JS); the page has tables but no charts'
        )
      return renderHtml(report, echarts)
    }
  )
}

export function createJunitOutput(): ReportOutput {
  return textOutput('junit', 'junit.xml: one test case per threshold (and baseline comparison)', report =>
    renderJunit(report)
  )
}

export function createLogsOutput(): ReportOutput {
  return {
    name: 'logs',
    description: 'logs.tar.gz: timelines and the logs/ directory, secrets scrubbed',
    async stop(_report, context) {
      const { file } = await writeLogsArchive({
        runDir: context.runDir,
        timelines: context.timelines,
        file: join(context.runDir, OUTPUT_FILES.logs)
      })
      return file
    }
  }
}

/** Every output by name, like k6's output registry; collect-results runs all of them. */
export const OUTPUTS: Record<keyof typeof OUTPUT_FILES, () => ReportOutput> = {
  json: createJsonOutput,
  markdown: createMarkdownOutput,
  html: () => createHtmlOutput(),
  junit: createJunitOutput,
  logs: createLogsOutput
}
