/**
 * report.html opened in a real headless Chromium (Debian's package, /usr/bin/chromium; install it with
 * scripts/ci/report-prereqs.sh): every chart must render (a canvas with enough non-background pixels), with no
 * console error or warning, no page error and no network request (the file must work offline).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type BrowserContext } from 'playwright-core'
import { compareReports, withBaseline } from '../../src/report/baseline.js'
import { computeReport } from '../../src/report/compute-report.js'
import type { Report } from '../../src/report/generated/report.js'
import { loadEchartsSource } from '../../src/report/html/echarts-source.js'
import { CHARTS, renderHtml } from '../../src/report/html/render-html.js'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const FIXTURES = join(process.cwd(), 'test/fixtures/timelines')
const work = mkdtempSync(join(tmpdir(), 'report-html-'))
let context: BrowserContext

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} not found: run scripts/ci/report-prereqs.sh (apt-get install chromium)`)
  context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ],
    viewport: { width: 1280, height: 900 }
  })
}, 120_000)

afterAll(async () => {
  await context?.close()
  rmSync(work, { recursive: true, force: true })
})

/** Browser-side code, as text (the test's TypeScript has no DOM types). Every chart drew or said it had no data. */
const ALL_SETTLED = `[...document.querySelectorAll('[data-chart]')].every(e => e.dataset.rendered || e.dataset.empty)`

/** Per chart: drawn?, empty?, and how many non-background pixels (and colours) its canvas holds. */
const PROBE_CHARTS = `[...document.querySelectorAll('[data-chart]')].map(e => {
  const canvas = e.querySelector('canvas')
  let painted = 0
  const colours = new Set()
  if (canvas) {
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data
    for (let i = 0; i < data.length; i += 4) {
      const r = data[i], g = data[i + 1], b = data[i + 2], a = data[i + 3]
      if (a > 0 && !(r > 245 && g > 245 && b > 245)) {
        painted++
        if (colours.size < 50) colours.add((r << 16) | (g << 8) | b)
      }
    }
  }
  return { id: e.dataset.chart, rendered: e.dataset.rendered === 'true', empty: e.dataset.empty === 'true', painted, colours: colours.size }
})`

interface PageResult {
  charts: { id: string; rendered: boolean; empty: boolean; painted: number; colours: number }[]
  problems: string[]
  title: string
}

async function open(
  report: Report,
  name: string,
  echarts: string | null | undefined = loadEchartsSource()
): Promise<PageResult> {
  const file = join(work, `${name}.html`)
  writeFileSync(file, renderHtml(report, echarts ?? undefined))
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', m => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`)
  })
  page.on('pageerror', e => problems.push(`page error: ${e.message}`))
  page.on('dialog', d => {
    problems.push(`dialog: ${d.message()}`)
    void d.dismiss()
  })
  await page.route('**/*', route => {
    if (route.request().url().startsWith('file:')) return route.continue()
    problems.push(`network request: ${route.request().url()}`)
    return route.abort()
  })
  await page.goto(pathToFileURL(file).href)
  await page.waitForFunction(ALL_SETTLED, undefined, { timeout: 60_000 })
  const charts = (await page.evaluate(PROBE_CHARTS)) as PageResult['charts']
  const title = await page.title()
  await page.close()
  return { charts, problems, title }
}

describe('report.html in headless Chromium', () => {
  it('renders every chart of a full report (with a baseline), offline and without errors', async () => {
    const basic = await computeReport({ files: [join(FIXTURES, 'basic.timeline.jsonl')] })
    const failures = await computeReport({ files: [join(FIXTURES, 'failures.timeline.jsonl')] })
    // A hostile name must stay text: it may not end the script element or run anything.
    failures.run.name = '</script><script>alert("x")</script>'
    const report = withBaseline(failures, compareReports(failures, basic, 0.1, 'basic/report.json'))
    const { charts, problems } = await open(report, 'full')
    expect(problems).toEqual([])
    expect(charts.map(c => c.id)).toEqual(CHARTS.map(c => c.id))
    for (const chart of charts) {
      expect({ id: chart.id, rendered: chart.rendered, empty: chart.empty }).toEqual({
        id: chart.id,
        rendered: true,
        empty: false
      })
      // Not blank: axes, labels and series paint thousands of pixels in several colours.
      expect(chart.painted).toBeGreaterThan(2000)
      expect(chart.colours).toBeGreaterThan(3)
    }
  }, 120_000)

  it('says so instead of drawing when a chart has no data, still without errors', async () => {
    const empty = await computeReport({ files: [join(FIXTURES, 'thresholds', 'no-data.timeline.jsonl')] })
    empty.clusters.items = []
    const { charts, problems } = await open(empty, 'sparse')
    expect(problems).toEqual([])
    expect(charts.find(c => c.id === 'clusters-gantt')).toMatchObject({ empty: true, rendered: false })
    expect(charts.filter(c => !c.empty).every(c => c.rendered && c.painted > 2000)).toBe(true)
  }, 120_000)

  it('shows its tables without charts when ECharts is missing', async () => {
    const basic = await computeReport({ files: [join(FIXTURES, 'basic.timeline.jsonl')] })
    const { charts, problems, title } = await open(basic, 'no-echarts', null)
    expect(problems).toEqual([])
    expect(title).toBe('assisted-swarm report: basic-fixture')
    expect(charts.every(c => c.empty)).toBe(true)
  }, 120_000)
})
