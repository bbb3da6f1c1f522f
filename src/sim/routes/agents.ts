import type { FastifyInstance } from 'fastify'
import { simError } from '../errors.js'
import { acceptsOctetStream, agentVersionHeader, body, params, route } from '../http/route.js'
import { getHost, registerHost, updateLogsProgress, updateProgress } from '../service/host-service.js'
import { hostView } from '../views.js'
import type { RouteDeps } from './deps.js'

const IGNITION_READY = new Set(['installing', 'installing-pending-user-action', 'finalizing', 'installed'])

/** Agent-facing host routes: register, progress, logs progress, host ignition (instructions: instructions.ts). */
export async function agentRoutes(app: FastifyInstance, { sim }: RouteDeps): Promise<void> {
  route(app, 'v2RegisterHost', (request, reply) => {
    const { infra_env_id } = params(request)
    const b = body<{ host_id: string; discovery_agent_version?: string }>(request)
    const version = b.discovery_agent_version || agentVersionHeader(request) || ''
    const host = registerHost(sim, infra_env_id!, b.host_id, version)
    sim.hooks.hostRegistered?.(host)
    reply.code(201).send({
      ...hostView(sim, host),
      next_step_runner_command: {
        command: '',
        args: [
          JSON.stringify({
            infra_env_id: host.infraEnvId,
            host_id: host.id,
            agent_version: sim.opts.agentImage
          })
        ]
      }
    })
  })

  route(app, 'v2UpdateHostInstallProgress', (request, reply) => {
    const p = params(request)
    const host = getHost(sim, p.infra_env_id!, p.host_id!)
    const b = body<{ current_stage?: string; progress_info?: string }>(request)
    if (!b.current_stage) throw simError('BAD_REQUEST', 'current_stage is required')
    updateProgress(sim, host, b.current_stage, b.progress_info ?? '')
    reply.code(200).send()
  })

  route(app, 'v2UpdateHostLogsProgress', (request, reply) => {
    const p = params(request)
    const host = getHost(sim, p.infra_env_id!, p.host_id!)
    updateLogsProgress(sim, host, body<{ logs_state: string }>(request).logs_state)
    reply.code(204).send()
  })

  route(app, 'v2DownloadHostIgnition', (request, reply) => {
    const p = params(request)
    const host = getHost(sim, p.infra_env_id!, p.host_id!)
    if (!acceptsOctetStream(request)) throw simError('NOT_ACCEPTABLE_DOWNLOAD')
    const cluster = sim.store.clusterOf(host)
    if (!cluster || !IGNITION_READY.has(cluster.status)) {
      throw simError(
        'DOWNLOAD_NOT_READY',
        'the host ignition',
        cluster?.id ?? '(no cluster)',
        cluster?.status ?? host.status
      )
    }
    const role = host.bootstrap || host.role === 'master' ? 'master' : 'worker'
    const ignition = {
      ignition: {
        version: '3.2.0',
        config: {
          merge: [{ source: `https://api-int.${cluster.name}.${cluster.baseDnsDomain}:22623/config/${role}` }]
        }
      }
    }
    reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', `attachment; filename=${role}-${host.id}.ign`)
      .send(JSON.stringify(ignition))
  })

  route(app, 'v2GetHostIgnition', (request, reply) => {
    const p = params(request)
    const host = getHost(sim, p.infra_env_id!, p.host_id!)
    const cluster = sim.store.clusterOf(host)
    if (!cluster || !IGNITION_READY.has(cluster.status)) {
      throw simError(
        'DOWNLOAD_NOT_READY',
        'the host ignition',
        cluster?.id ?? '(no cluster)',
        cluster?.status ?? host.status
      )
    }
    reply.send({ config: JSON.stringify({ ignition: { version: '3.2.0' } }) })
  })
}
