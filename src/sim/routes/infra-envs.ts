import type { FastifyInstance } from 'fastify'
import { API_BASE } from '../../api/swagger.js'
import { simError } from '../errors.js'
import { acceptsOctetStream, body, params, query, route } from '../http/route.js'
import { renderDiscoveryIgnition } from '../ignition.js'
import {
  bindHost,
  deregisterHost,
  getHost,
  getInfraEnv,
  installHost,
  resetHost,
  unbindHost,
  updateHost,
  type HostUpdate
} from '../service/host-service.js'
import {
  deregisterInfraEnv,
  imageUrl,
  registerInfraEnv,
  updateInfraEnv,
  type InfraEnvParams
} from '../service/infra-env-service.js'
import { hostView, infraEnvView, iso } from '../views.js'
import type { RouteDeps } from './deps.js'

/** Infra-env routes, the discovery ignition, and the user-facing host routes under an infra-env. */
export async function infraEnvRoutes(app: FastifyInstance, { sim }: RouteDeps): Promise<void> {
  route(app, 'ListInfraEnvs', (request, reply) => {
    const clusterId = query<{ cluster_id?: string }>(request).cluster_id
    reply.send(
      [...sim.store.infraEnvs.values()]
        .filter(i => !clusterId || i.clusterId === clusterId)
        .map(i => infraEnvView(sim, i))
    )
  })

  route(app, 'RegisterInfraEnv', (request, reply) => {
    reply.code(201).send(infraEnvView(sim, registerInfraEnv(sim, body(request))))
  })

  route(app, 'GetInfraEnv', (request, reply) => {
    reply.send(infraEnvView(sim, getInfraEnv(sim, params(request).infra_env_id!)))
  })

  route(app, 'UpdateInfraEnv', (request, reply) => {
    reply
      .code(201)
      .send(
        infraEnvView(sim, updateInfraEnv(sim, params(request).infra_env_id!, body<InfraEnvParams>(request)))
      )
  })

  route(app, 'DeregisterInfraEnv', (request, reply) => {
    deregisterInfraEnv(sim, params(request).infra_env_id!)
    reply.code(204).send()
  })

  route(app, 'GetInfraEnvDownloadURL', (request, reply) => {
    const infraEnv = getInfraEnv(sim, params(request).infra_env_id!)
    reply.send({ url: imageUrl(sim, infraEnv), expires_at: iso(infraEnv.expiresAt) })
  })

  route(app, 'GetInfraEnvPresignedFileURL', (request, reply) => {
    const infraEnv = getInfraEnv(sim, params(request).infra_env_id!)
    const name = query<{ file_name?: string }>(request).file_name ?? ''
    const search = new URLSearchParams({ file_name: name })
    if (sim.opts.agentKey) search.set('api_key', sim.opts.agentKey)
    reply.send({
      url: `${sim.serviceUrl()}${API_BASE}/v2/infra-envs/${infraEnv.id}/downloads/files?${search.toString()}`,
      expires_at: iso(infraEnv.expiresAt)
    })
  })

  route(app, 'v2DownloadInfraEnvFiles', (request, reply) => {
    const infraEnv = getInfraEnv(sim, params(request).infra_env_id!)
    const name = query<{ file_name?: string }>(request).file_name ?? ''
    if (!acceptsOctetStream(request)) throw simError('NOT_ACCEPTABLE_DOWNLOAD')
    let content: string
    if (name === 'discovery.ign') {
      content = renderDiscoveryIgnition({
        serviceBaseUrl: sim.serviceUrl(),
        infraEnvId: infraEnv.id,
        agentImage: sim.opts.agentImage,
        ...(sim.opts.agentKey ? { pullSecretToken: sim.opts.agentKey } : {}),
        pullSecret: infraEnv.pullSecret,
        sshAuthorizedKey: infraEnv.sshAuthorizedKey,
        skipCertVerification: sim.opts.skipCertVerification,
        ...(sim.opts.serviceCaCertPem ? { caCertPem: sim.opts.serviceCaCertPem } : {}),
        proxy: infraEnv.proxy
      })
    } else if (name === 'ipxe-script') {
      content = `#!ipxe\nkernel ${sim.imageServiceUrl()}/boot-artifacts/kernel?arch=${infraEnv.cpuArchitecture} initrd=initrd coreos.live.rootfs_url=${sim.imageServiceUrl()}/boot-artifacts/rootfs\ninitrd --name initrd ${imageUrl(sim, infraEnv)}\nboot\n`
    } else if (name === 'static-network-config') {
      content = infraEnv.staticNetworkConfig
    } else throw simError('BAD_REQUEST', `unknown file_name ${name}`)
    reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', `attachment; filename=${name}`)
      .send(content)
  })

  route(app, 'v2ListHosts', (request, reply) => {
    const infraEnv = getInfraEnv(sim, params(request).infra_env_id!)
    reply.send([...infraEnv.hosts.values()].map(h => hostView(sim, h)))
  })

  route(app, 'v2GetHost', (request, reply) => {
    const p = params(request)
    reply.send(hostView(sim, getHost(sim, p.infra_env_id!, p.host_id!)))
  })

  route(app, 'v2UpdateHost', (request, reply) => {
    const p = params(request)
    const host = updateHost(sim, getHost(sim, p.infra_env_id!, p.host_id!), body<HostUpdate>(request))
    reply.code(201).send(hostView(sim, host))
  })

  route(app, 'v2DeregisterHost', (request, reply) => {
    const p = params(request)
    deregisterHost(sim, getHost(sim, p.infra_env_id!, p.host_id!))
    reply.code(204).send()
  })

  route(app, 'BindHost', (request, reply) => {
    const p = params(request)
    const host = bindHost(
      sim,
      getHost(sim, p.infra_env_id!, p.host_id!),
      body<{ cluster_id: string }>(request).cluster_id
    )
    reply.code(200).send(hostView(sim, host))
  })

  route(app, 'UnbindHost', (request, reply) => {
    const p = params(request)
    reply.code(200).send(hostView(sim, unbindHost(sim, getHost(sim, p.infra_env_id!, p.host_id!))))
  })

  route(app, 'v2InstallHost', (request, reply) => {
    const p = params(request)
    reply.code(202).send(hostView(sim, installHost(sim, getHost(sim, p.infra_env_id!, p.host_id!))))
  })

  route(app, 'v2ResetHost', (request, reply) => {
    const p = params(request)
    reply.code(200).send(hostView(sim, resetHost(sim, getHost(sim, p.infra_env_id!, p.host_id!))))
  })
}
