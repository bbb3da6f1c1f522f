import type { NtpSynchronizationRequest, NtpSynchronizationResponse } from '../../api/generated/models.js'
import { hash53 } from '../hash.js'
import { parseModelArg } from './args.js'
import { succeeded, type StepHandler } from './step.js'

/**
 * `ntp-synchronizer`: chrony's sources after adding the requested ones. The image's default pool server is
 * synced and requested sources are combined; with the plan failure `ntp-unsynced` every source is unreachable.
 */
export const ntpSynchronizerStep: StepHandler = {
  type: 'ntp-synchronizer',
  deterministic: true,
  run(host, args) {
    const parsed = parseModelArg<NtpSynchronizationRequest>(
      'ntp synchronizer',
      args,
      1,
      'ntp_synchronization_request'
    )
    if (parsed.outcome) return parsed.outcome
    const unsynced = host.plan.failures.includes('ntp-unsynced')
    const h = hash53(host.plan.id)
    const pool = `198.18.${(h >>> 8) & 255}.${(h & 127) + 1}`
    const requested = parsed.value.ntp_source
      .split(',')
      .map(s => s.trim())
      .filter(Boolean)
    const response: NtpSynchronizationResponse = {
      ntp_sources: [
        { source_name: pool, source_state: unsynced ? 'unreachable' : 'synced' },
        ...requested.map(name => ({
          source_name: name,
          source_state: unsynced ? ('unreachable' as const) : ('combined' as const)
        }))
      ]
    }
    return succeeded(JSON.stringify(response))
  }
}
