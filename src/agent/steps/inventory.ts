import { buildInventory } from '../inventory.js'
import { checkCount, goSlice, isUuid } from './args.js'
import { failed, succeeded, type StepHandler } from './step.js'

/** `inventory [host_id]`: the hardware scan. Extra arguments (--output-max-size, --disk-min-size) are refused. */
export const inventoryStep: StepHandler = {
  type: 'inventory',
  deterministic: true,
  run(host, args) {
    const count = checkCount('inventory', args, 1)
    if (count) return count
    if (!isUuid(args[0]!)) {
      return failed(
        -1,
        `inventory cmd accepts only 1 params in args and it should be UUID, given args ${goSlice(args)}`
      )
    }
    return succeeded(JSON.stringify(buildInventory(host.plan, host.cluster, host.fleet)))
  }
}
