import type { LogsGatherCmdRequest } from '../../api/generated/models.js'
import { parseModelArg } from './args.js'
import type { StepHandler } from './step.js'

/** `logs-gather`: the logs_sender run (logs-progress, a real tar.gz upload, completed); its stdout is the reply. */
export const logsGatherStep: StepHandler = {
  type: 'logs-gather',
  deterministic: false,
  run(host, args) {
    const parsed = parseModelArg<LogsGatherCmdRequest>('logs gather', args, 1, 'logs_gather_cmd_request')
    if (parsed.outcome) return parsed.outcome
    return host.gatherLogs(parsed.value)
  }
}
