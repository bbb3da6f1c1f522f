import type { MetricUnit } from './metric-catalogue.js'

/** Milliseconds for people: `0.42ms`, `3.1ms`, `850ms`, `12.3s`, `4m05s`, `1h02m`. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–'
  const abs = Math.abs(ms)
  const sign = ms < 0 ? '-' : ''
  if (abs < 10) return `${sign}${trim(abs.toFixed(2))}ms`
  if (abs < 100) return `${sign}${trim(abs.toFixed(1))}ms`
  if (abs < 1000) return `${sign}${Math.round(abs)}ms`
  if (abs < 60_000) return `${sign}${trim((abs / 1000).toFixed(abs < 10_000 ? 2 : 1))}s`
  if (abs < 3_600_000) {
    const m = Math.floor(abs / 60_000)
    const s = Math.floor((abs % 60_000) / 1000)
    return `${sign}${m}m${String(s).padStart(2, '0')}s`
  }
  const h = Math.floor(abs / 3_600_000)
  const m = Math.floor((abs % 3_600_000) / 60_000)
  return `${sign}${h}h${String(m).padStart(2, '0')}m`
}

/** A ratio as a percentage: `99.5%`, `0.012%`. */
export function formatRatio(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '–'
  const percent = ratio * 100
  const digits = percent === 0 || Math.abs(percent) >= 10 ? 1 : Math.abs(percent) >= 1 ? 2 : 3
  return `${trim(percent.toFixed(digits))}%`
}

/** An integer with thousands separators: `12,345`. */
export function formatCount(count: number | null | undefined): string {
  if (count === null || count === undefined || !Number.isFinite(count)) return '–'
  const rounded = Math.abs(count - Math.round(count)) < 1e-9 ? Math.round(count) : Number(count.toFixed(2))
  return rounded.toLocaleString('en-US')
}

/** A value in a metric's unit. */
export function formatValue(value: number | null | undefined, unit: MetricUnit): string {
  switch (unit) {
    case 'ms':
      return formatMs(value)
    case 'ratio':
      return formatRatio(value)
    case 'count':
      return formatCount(value)
    case 'count/s':
      return value === null || value === undefined ? '–' : `${trim(value.toFixed(2))}/s`
  }
}

/** A relative change: `+12.5%`, `-3%`, `±0%`. */
export function formatDelta(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '–'
  if (Math.abs(ratio) < 0.0005) return '±0%'
  return `${ratio > 0 ? '+' : ''}${trim((ratio * 100).toFixed(1))}%`
}

function trim(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text
}
