import type { RetryPolicy } from '../api/transport-retry.js'
import { multipartFile } from '../api/transport-multipart.js'
import type { AgentEnvironment } from './environment.js'
import { controllerLogBundle, hostLogBundle } from './log-bundle.js'

export interface HostLogsTarget {
  clusterId: string
  infraEnvId: string
  hostId: string
  hostname: string
  secretKey: string | undefined
  retry: RetryPolicy
  /** Lines for the journal excerpt (the installer's stages so far). */
  stages?: readonly string[]
}

const ok = (status: number): boolean => status >= 200 && status < 300

export async function putHostLogsProgress(
  env: AgentEnvironment,
  target: HostLogsTarget,
  state: string
): Promise<number> {
  const res = await env.transport.request({
    endpoint: 'v2UpdateHostLogsProgress',
    params: { infra_env_id: target.infraEnvId, host_id: target.hostId },
    json: { logs_state: state },
    secretKey: target.secretKey,
    retry: target.retry
  })
  return res.status
}

/**
 * logs_sender (agent-protocol §3.5): PUT logs-progress requested, collect, PUT collecting, POST the archive as
 * multipart `upfile` (`logs_type=host`), PUT completed. Returns its stdout and whether the upload worked.
 */
export async function sendHostLogs(
  env: AgentEnvironment,
  target: HostLogsTarget
): Promise<{ ok: boolean; stdout: string }> {
  await putHostLogsProgress(env, target, 'requested')
  await putHostLogsProgress(env, target, 'collecting')
  const upload = multipartFile(
    'upfile',
    'logs.tar.gz',
    hostLogBundle(target.hostname, target.hostId, target.stages ?? [])
  )
  const res = await env.transport.request({
    endpoint: 'V2UploadLogs',
    params: { cluster_id: target.clusterId },
    query: { logs_type: 'host', host_id: target.hostId, infra_env_id: target.infraEnvId },
    body: upload.body,
    contentType: upload.contentType,
    secretKey: target.secretKey,
    retry: target.retry
  })
  await putHostLogsProgress(env, target, 'completed')
  if (!ok(res.status))
    return { ok: false, stdout: `Failed to run send logs  upload failed with status ${res.status}\n` }
  return { ok: true, stdout: `Logs were sent\nlogs.tar.gz: ${upload.body.length} bytes\n` }
}

export interface ControllerLogsTarget {
  clusterId: string
  clusterName: string
  secretKey: string | undefined
  retry: RetryPolicy
  lines: readonly string[]
}

export async function putClusterLogsProgress(
  env: AgentEnvironment,
  target: ControllerLogsTarget,
  state: string
): Promise<number> {
  const res = await env.transport.request({
    endpoint: 'v2UpdateClusterLogsProgress',
    params: { cluster_id: target.clusterId },
    json: { logs_state: state },
    secretKey: target.secretKey,
    retry: target.retry
  })
  return res.status
}

/** POST /v2/clusters/{c}/logs?logs_type=controller with `controller_logs.tar.gz`. */
export async function uploadControllerLogs(
  env: AgentEnvironment,
  target: ControllerLogsTarget
): Promise<number> {
  const upload = multipartFile(
    'upfile',
    'controller_logs.tar.gz',
    controllerLogBundle(target.clusterName, target.lines)
  )
  const res = await env.transport.request({
    endpoint: 'V2UploadLogs',
    params: { cluster_id: target.clusterId },
    query: { logs_type: 'controller' },
    body: upload.body,
    contentType: upload.contentType,
    secretKey: target.secretKey,
    retry: target.retry
  })
  return res.status
}
