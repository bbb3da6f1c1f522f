import { Command } from 'commander'
import { summarizePlan, formatPlanSummary } from '../../plan/summary.js'
import { planTable } from '../../settings/plan.js'
import { loadPlan, planInput } from '../../stages/plan-input.js'
import { addTableOptions, tableValues } from '../table-options.js'

/** `assisted-swarm plan FILE`: validate a test plan and print what it expands into. */
export function planCommand(): Command {
  const command = new Command('plan').description(planTable.description)
  addTableOptions(command, planTable)
  command.action(() => {
    const values = tableValues(command, planTable)
    const plan = loadPlan(planInput(values))
    if (values.boolean('full')) process.stdout.write(JSON.stringify(plan, null, 2) + '\n')
    else if (values.boolean('json')) process.stdout.write(JSON.stringify(summarizePlan(plan), null, 2) + '\n')
    else process.stdout.write(formatPlanSummary(summarizePlan(plan)) + '\n')
  })
  return command
}
