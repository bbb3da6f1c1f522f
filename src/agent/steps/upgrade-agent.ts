import type { UpgradeAgentResponse } from '../../api/generated/models.js'
import { parseModelArg } from './args.js'
import { succeeded, type StepHandler } from './step.js'

/** `upgrade-agent`: pulls the image (always works here) and restarts the agent, which registers again. */
export const upgradeAgentStep: StepHandler = {
  type: 'upgrade-agent',
  deterministic: false,
  run(host, args) {
    const parsed = parseModelArg<{ agent_image?: string }>('upgrade agent', args, 1, 'upgrade_agent_request')
    if (parsed.outcome) return parsed.outcome
    const response: UpgradeAgentResponse = { agent_image: parsed.value.agent_image ?? '', result: 'success' }
    host.restartAgent()
    return succeeded(JSON.stringify(response))
  }
}
