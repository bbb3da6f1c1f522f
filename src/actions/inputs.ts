import * as core from '@actions/core'
import { OptionValues, type RawValues, type StageTable } from '../settings/options.js'

/**
 * Reads every input of a stage once, as the runner passes them (INPUT_<NAME>), masking secrets the moment
 * they are read. After this nothing calls core.getInput.
 */
export function readInputs(table: StageTable): OptionValues {
  const raw: RawValues = {}
  for (const option of table.options) {
    if (option.action === false) continue
    const value = core.getInput(option.name)
    if (option.kind === 'secret' && value) {
      core.setSecret(value)
      // A JSON secret (pull secret) may be printed re-serialised: mask that form and its auth values too.
      for (const piece of secretPieces(value)) core.setSecret(piece)
    }
    raw[option.name] = value === '' ? undefined : value
  }
  for (const option of table.options) {
    if (option.kind === 'secret' && option.env && process.env[option.env])
      core.setSecret(process.env[option.env]!)
  }
  return new OptionValues(table, raw, process.env, 'input')
}

/** The parts of a JSON secret worth masking on their own: string values (auth tokens) and the compact form. */
export function secretPieces(value: string): string[] {
  const pieces: string[] = []
  try {
    const parsed: unknown = JSON.parse(value)
    pieces.push(JSON.stringify(parsed))
    const walk = (node: unknown): void => {
      if (typeof node === 'string' && node.length >= 8) pieces.push(node)
      else if (node && typeof node === 'object') Object.values(node).forEach(walk)
    }
    walk(parsed)
  } catch {
    // not JSON: the whole value is already masked
  }
  return pieces
}
