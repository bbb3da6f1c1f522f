import { parseModelArg } from './args.js'
import type { StepHandler } from './step.js'

/** `reboot-for-reclaim`: the machine reboots into discovery, so no reply is sent; the agent then registers again. */
export const rebootForReclaimStep: StepHandler = {
  type: 'reboot-for-reclaim',
  deterministic: false,
  run(host, args) {
    const parsed = parseModelArg('reboot for reclaim', args, 1, 'reboot_for_reclaim_request')
    if (parsed.outcome) return parsed.outcome
    host.reboot()
    return undefined
  }
}
