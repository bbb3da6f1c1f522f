import type { ApiVipConnectivityRequest, ApiVipConnectivityResponse } from '../../api/generated/models.js'
import { parseModelArg } from './args.js'
import { succeeded, type StepHandler } from './step.js'

/** The trimmed worker ignition a day-2 host would fetch from the cluster's machine config server. */
const WORKER_IGNITION = JSON.stringify({
  ignition: { version: '3.2.0' },
  storage: { files: [] },
  systemd: {}
})

/**
 * `api-vip-connectivity-check` (day 2): the real agent downloads the worker ignition from the URL. The URL names
 * the emulated cluster, which does not exist, so nothing is contacted: the download is reported successful.
 */
export const apiVipConnectivityCheckStep: StepHandler = {
  type: 'api-vip-connectivity-check',
  deterministic: true,
  run(_host, args) {
    const parsed = parseModelArg<ApiVipConnectivityRequest>(
      'api vip connectivity check',
      args,
      1,
      'api_vip_connectivity_request'
    )
    if (parsed.outcome) return parsed.outcome
    const response: ApiVipConnectivityResponse = {
      is_success: true,
      url: parsed.value.url,
      ignition: WORKER_IGNITION
    }
    return succeeded(JSON.stringify(response))
  }
}
