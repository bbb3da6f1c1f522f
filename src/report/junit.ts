import type { Report } from './generated/report.js'
import { formatDelta, formatValue } from './format.js'
import { formatMeasured } from './summary-markdown.js'

interface Case {
  name: string
  failure?: string
}

/**
 * junit.xml: one test case per threshold (and, with a baseline tolerance, per baseline comparison), so any CI
 * that reads JUnit shows which limits held. A failure message names the measured value.
 */
export function renderJunit(report: Report): string {
  const suites: { name: string; cases: Case[] }[] = [
    {
      name: 'thresholds',
      cases: report.thresholds.map(t => ({
        name: t.source,
        ...(t.passed ? {} : { failure: `${t.source}: measured ${formatMeasured(t)}` })
      }))
    }
  ]
  if (report.baseline && report.baseline.tolerance !== null) {
    suites.push({
      name: 'baseline',
      cases: report.baseline.comparisons.map(c => {
        const name = `${c.aggregation}(${c.metric}) vs ${report.baseline!.runId ?? 'baseline'}`
        const detail = `${formatValue(c.current, c.unit)} vs ${formatValue(c.baseline, c.unit)} (${formatDelta(c.deltaRatio)}, tolerance ${formatDelta(report.baseline!.tolerance)})`
        return { name, ...(c.regression ? { failure: `regression: ${detail}` } : {}) }
      })
    })
  }
  const tests = suites.reduce((n, s) => n + s.cases.length, 0)
  const failures = suites.reduce((n, s) => n + s.cases.filter(c => c.failure).length, 0)
  const run = report.run.id ?? 'run'
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(`assisted-swarm ${run}`)}" tests="${tests}" failures="${failures}">`
  ]
  for (const suite of suites) {
    const suiteFailures = suite.cases.filter(c => c.failure).length
    lines.push(
      `  <testsuite name="${xml(suite.name)}" tests="${suite.cases.length}" failures="${suiteFailures}" errors="0" skipped="0">`
    )
    for (const c of suite.cases) {
      const attributes = `classname="${xml(`assisted-swarm.${suite.name}`)}" name="${xml(c.name)}"`
      if (!c.failure) lines.push(`    <testcase ${attributes}/>`)
      else {
        lines.push(`    <testcase ${attributes}>`)
        lines.push(
          `      <failure message="${xml(c.failure)}" type="${suite.name === 'baseline' ? 'regression' : 'threshold'}">${xml(c.failure)}</failure>`
        )
        lines.push('    </testcase>')
      }
    }
    lines.push('  </testsuite>')
  }
  lines.push('</testsuites>')
  return lines.join('\n') + '\n'
}

function xml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  )
}
