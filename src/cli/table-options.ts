import { type Command, Option } from 'commander'
import { OptionValues, type OptionSpec, type RawValues, type StageTable } from '../settings/options.js'

/** Adds a stage table's options (and positional argument) to a commander command. */
export function addTableOptions(command: Command, table: StageTable): Command {
  for (const spec of table.options) {
    if (spec.cli === false) continue
    if (spec.cli?.positional) {
      command.argument(spec.required ? `<${spec.name}>` : `[${spec.name}]`, spec.description)
      continue
    }
    command.addOption(toOption(spec))
  }
  return command
}

function toOption(spec: OptionSpec): Option {
  const long = `--${spec.cli && spec.cli.flag ? spec.cli.flag : spec.name}`
  const short = spec.cli && spec.cli.short ? `${spec.cli.short}, ` : ''
  const env = spec.env ? ` [env: ${spec.env}]` : ''
  if (spec.kind === 'boolean' && spec.default === 'true') {
    return new Option(
      `--no-${long.slice(2)}`,
      `Do not: ${spec.description[0]!.toLowerCase()}${spec.description.slice(1)}${env}`
    )
  }
  const option =
    spec.kind === 'boolean'
      ? new Option(`${short}${long}`, spec.description + env)
      : new Option(`${short}${long} <${valueName(spec)}>`, spec.description + env)
  if (spec.kind === 'enum' && spec.choices) option.choices(spec.choices as string[])
  if (spec.default !== undefined && spec.kind !== 'boolean') option.default(spec.default)
  if (spec.cli && spec.cli.hidden) option.hideHelp()
  return option
}

function valueName(spec: OptionSpec): string {
  switch (spec.kind) {
    case 'path':
      return 'path'
    case 'integer':
    case 'number':
      return 'n'
    case 'duration':
      return 'duration'
    case 'url':
      return 'url'
    case 'enum':
      return 'choice'
    case 'list':
      return 'items'
    default:
      return 'value'
  }
}

/** Maps commander's parsed arguments and options back to the table's names. */
export function tableValues(
  command: Command,
  table: StageTable,
  args: string[] = command.args
): OptionValues {
  const raw: RawValues = {}
  const parsed = command.opts<Record<string, unknown>>()
  let positional = 0
  for (const spec of table.options) {
    if (spec.cli === false) continue
    if (spec.cli?.positional) {
      raw[spec.name] = args[positional++]
      continue
    }
    const key = new Option(`--${spec.cli && spec.cli.flag ? spec.cli.flag : spec.name}`).attributeName()
    const value = parsed[key]
    if (value !== undefined) raw[spec.name] = value as string | boolean
  }
  return new OptionValues(table, raw, process.env, 'option')
}
