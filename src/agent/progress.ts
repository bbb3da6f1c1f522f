import type { HostStage } from '../api/generated/models.js'
import type { RetryPolicy } from '../api/transport-retry.js'
import type { AgentEnvironment } from './environment.js'

export interface ProgressReport {
  infraEnvId: string
  hostId: string
  stage: HostStage
  info: string
  secretKey: string | undefined
  retry: RetryPolicy
  /** Timeline: who reports, for which host and cluster (plan names); omit `record` to send without a record. */
  by: 'installer' | 'bootstrap' | 'controller'
  hostname: string
  clusterName: string
  record?: boolean
}

/**
 * `PUT /v2/infra-envs/{ie}/hosts/{h}/progress`. Accepted stage changes go to the timeline; a 409 (an older stage,
 * or another reporter was first) is ignored as the real installer and controller ignore it.
 */
export async function reportProgress(env: AgentEnvironment, report: ProgressReport): Promise<number> {
  const res = await env.transport.request({
    endpoint: 'v2UpdateHostInstallProgress',
    params: { infra_env_id: report.infraEnvId, host_id: report.hostId },
    json: { current_stage: report.stage, progress_info: report.info },
    secretKey: report.secretKey,
    retry: report.retry
  })
  if (res.status >= 200 && res.status < 300) {
    if (report.record !== false) {
      env.recorder.event({
        k: 'stage',
        h: report.hostname,
        c: report.clusterName,
        stage: report.stage,
        ...(report.info ? { info: report.info } : {}),
        by: report.by
      })
    }
  } else if (res.status !== 409 && res.status !== 0) {
    env.recorder.event({
      k: 'error',
      scope: 'host',
      h: report.hostname,
      c: report.clusterName,
      msg: `progress ${report.stage} rejected with ${res.status}`,
      ctx: { by: report.by, body: res.text().slice(0, 300) }
    })
  }
  return res.status
}
