import type { FastifyInstance } from 'fastify'
import { simError } from '../errors.js'
import { acceptsOctetStream, body, params, query, route } from '../http/route.js'
import type { ClusterRecord } from '../model/types.js'
import {
  cancelInstallation,
  completeInstallation,
  deregisterCluster,
  getCluster,
  importCluster,
  installCluster,
  registerCluster,
  reportOperator,
  resetCluster,
  setIgnoredValidations,
  updateCluster,
  updateFinalizingProgress,
  uploadIngressCert,
  type ClusterParams
} from '../service/cluster-service.js'
import { getHost } from '../service/host-service.js'
import { clusterView, hostView, operatorsView } from '../views.js'
import type { RouteDeps } from './deps.js'

const FILES = new Set([
  'bootstrap.ign',
  'master.ign',
  'worker.ign',
  'arbiter.ign',
  'metadata.json',
  'kubeconfig-noingress',
  'install-config.yaml',
  'custom_manifests.json',
  'custom_manifests.yaml'
])

function kubeconfig(cluster: ClusterRecord, withIngress: boolean): string {
  const server = `https://api.${cluster.name}.${cluster.baseDnsDomain}:6443`
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- cluster:',
    '    certificate-authority-data: c2ltdWxhdGVkLWNh',
    `    server: ${server}`,
    `  name: ${cluster.name}`,
    'contexts:',
    '- context:',
    `    cluster: ${cluster.name}`,
    '    user: admin',
    '  name: admin',
    'current-context: admin',
    'users:',
    '- name: admin',
    '  user:',
    `    token: simulated-${withIngress ? 'with' : 'without'}-ingress-ca`,
    ''
  ].join('\n')
}

function clusterFile(cluster: ClusterRecord, name: string): string {
  switch (name) {
    case 'metadata.json':
      return JSON.stringify({
        clusterName: cluster.name,
        clusterID: cluster.openshiftClusterId,
        infraID: cluster.id
      })
    case 'kubeconfig-noingress':
      return kubeconfig(cluster, false)
    case 'install-config.yaml':
      return `apiVersion: v1\nbaseDomain: ${cluster.baseDnsDomain}\nmetadata:\n  name: ${cluster.name}\ncontrolPlane:\n  name: master\n  replicas: ${cluster.controlPlaneCount}\n`
    case 'custom_manifests.json':
      return '[]'
    case 'custom_manifests.yaml':
      return ''
    default:
      return JSON.stringify({ ignition: { version: '3.2.0' } })
  }
}

/** User- and controller-facing cluster routes. */
export async function clusterRoutes(app: FastifyInstance, { sim }: RouteDeps): Promise<void> {
  route(app, 'v2ListClusters', (request, reply) => {
    const withHosts = query<{ with_hosts?: boolean }>(request).with_hosts === true
    reply.send([...sim.store.clusters.values()].map(c => clusterView(sim, c, { withHosts })))
  })

  route(app, 'v2RegisterCluster', (request, reply) => {
    const cluster = registerCluster(sim, body(request))
    reply.code(201).send(clusterView(sim, cluster))
  })

  route(app, 'v2ImportCluster', (request, reply) => {
    reply.code(201).send(clusterView(sim, importCluster(sim, body(request))))
  })

  route(app, 'v2GetCluster', (request, reply) => {
    const cluster = getCluster(sim, params(request).cluster_id!)
    const exclude = query<{ 'exclude-hosts'?: boolean }>(request)['exclude-hosts'] === true
    reply.send(clusterView(sim, cluster, { withHosts: !exclude }))
  })

  route(app, 'V2UpdateCluster', (request, reply) => {
    const cluster = updateCluster(
      sim,
      getCluster(sim, params(request).cluster_id!),
      body<ClusterParams>(request)
    )
    reply.code(201).send(clusterView(sim, cluster))
  })

  route(app, 'v2DeregisterCluster', (request, reply) => {
    deregisterCluster(sim, getCluster(sim, params(request).cluster_id!))
    reply.code(204).send()
  })

  route(app, 'v2InstallCluster', (request, reply) => {
    const cluster = installCluster(sim, getCluster(sim, params(request).cluster_id!))
    reply.code(202).send(clusterView(sim, cluster))
  })

  route(app, 'V2CancelInstallation', (request, reply) => {
    reply
      .code(202)
      .send(clusterView(sim, cancelInstallation(sim, getCluster(sim, params(request).cluster_id!))))
  })

  route(app, 'v2ResetCluster', (request, reply) => {
    reply.code(202).send(clusterView(sim, resetCluster(sim, getCluster(sim, params(request).cluster_id!))))
  })

  route(app, 'ListClusterHosts', (request, reply) => {
    const cluster = getCluster(sim, params(request).cluster_id!)
    const q = query<{
      role?: string
      status?: string
      'with-inventory'?: boolean
      'with-connectivity'?: boolean
    }>(request)
    const hosts = [...cluster.hosts.values()].filter(
      h =>
        (!q.role || h.role === q.role || (h.role === 'auto-assign' && h.suggestedRole === q.role)) &&
        (!q.status || h.status === q.status)
    )
    reply.send(
      hosts.map(h =>
        hostView(sim, h, {
          stripFreeAddresses: true,
          withInventory: q['with-inventory'] !== false,
          withConnectivity: q['with-connectivity'] !== false
        })
      )
    )
  })

  route(app, 'v2UploadClusterIngressCert', (request, reply) => {
    const cluster = getCluster(sim, params(request).cluster_id!)
    uploadIngressCert(sim, cluster, body<string>(request))
    reply.code(201).send()
  })

  route(app, 'V2ListOfClusterOperators', (request, reply) => {
    const cluster = getCluster(sim, params(request).cluster_id!)
    reply.send(operatorsView(cluster, query<{ operator_name?: string }>(request).operator_name))
  })

  route(app, 'v2ReportMonitoredOperatorStatus', (request, reply) => {
    const cluster = getCluster(sim, params(request).cluster_id!)
    reportOperator(sim, cluster, body(request))
    reply.code(200).send()
  })

  route(app, 'v2UpdateClusterFinalizingProgress', (request, reply) => {
    const cluster = getCluster(sim, params(request).cluster_id!)
    const stage = body<{ finalizing_stage?: string }>(request).finalizing_stage
    if (!stage) throw simError('BAD_REQUEST', 'finalizing_stage is required')
    updateFinalizingProgress(sim, cluster, stage)
    reply.code(200).send()
  })

  route(app, 'v2CompleteInstallation', (request, reply) => {
    const cluster = getCluster(sim, params(request).cluster_id!)
    completeInstallation(sim, cluster, body(request))
    reply.code(202).send(clusterView(sim, cluster, { withHosts: false }))
  })

  route(app, 'v2UpdateClusterLogsProgress', (request, reply) => {
    const cluster = getCluster(sim, params(request).cluster_id!)
    const state = body<{ logs_state: string }>(request).logs_state
    cluster.logsInfo = state
    if (state === 'requested') cluster.controllerLogsStartedAt = sim.now()
    if (state === 'completed') cluster.controllerLogsCollectedAt = sim.now()
    cluster.updatedAt = sim.now()
    reply.code(204).send()
  })

  route(app, 'V2UploadLogs', (request, reply) => {
    const cluster = getCluster(sim, params(request).cluster_id!)
    const q = query<{ logs_type?: string; host_id?: string; infra_env_id?: string }>(request)
    const raw = request.body
    if (!Buffer.isBuffer(raw) || !raw.includes('name="upfile"'))
      throw simError('BAD_REQUEST', 'a multipart/form-data body with the file field "upfile" is required')
    if (q.logs_type === 'host' || q.host_id) {
      if (!q.host_id || !q.infra_env_id)
        throw simError('BAD_REQUEST', 'host logs need host_id and infra_env_id')
      const host = getHost(sim, q.infra_env_id, q.host_id)
      host.logsCollectedAt = sim.now()
      host.updatedAt = sim.now()
    } else {
      cluster.controllerLogsCollectedAt = sim.now()
      cluster.updatedAt = sim.now()
    }
    reply.code(204).send()
  })

  route(app, 'V2DownloadClusterFiles', (request, reply) => {
    const cluster = getCluster(sim, params(request).cluster_id!)
    const name = query<{ file_name?: string }>(request).file_name ?? ''
    if (!acceptsOctetStream(request)) throw simError('NOT_ACCEPTABLE_DOWNLOAD')
    if (!FILES.has(name)) throw simError('BAD_REQUEST', `unknown file_name ${name}`)
    if (cluster.lastPreparation.status !== 'success')
      throw simError('DOWNLOAD_NOT_READY', name, cluster.id, cluster.status)
    reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', `attachment; filename=${name}`)
      .send(clusterFile(cluster, name))
  })

  route(app, 'V2DownloadClusterCredentials', (request, reply) => {
    const cluster = getCluster(sim, params(request).cluster_id!)
    const name = query<{ file_name?: string }>(request).file_name ?? ''
    if (!acceptsOctetStream(request)) throw simError('NOT_ACCEPTABLE_DOWNLOAD')
    if (!['kubeconfig', 'kubeconfig-noingress', 'kubeadmin-password'].includes(name))
      throw simError('BAD_REQUEST', `unknown file_name ${name}`)
    if (
      cluster.lastPreparation.status !== 'success' ||
      (name === 'kubeconfig' && !cluster.ingressCertUploaded)
    ) {
      throw simError('DOWNLOAD_NOT_READY', name, cluster.id, cluster.status)
    }
    const content =
      name === 'kubeadmin-password'
        ? 'simulated-kubeadmin-password'
        : kubeconfig(cluster, name === 'kubeconfig')
    reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', `attachment; filename=${name}`)
      .send(content)
  })

  route(app, 'V2GetCredentials', (request, reply) => {
    const cluster = getCluster(sim, params(request).cluster_id!)
    if (cluster.status !== 'finalizing' && cluster.status !== 'installed')
      throw simError('DOWNLOAD_NOT_READY', 'credentials', cluster.id, cluster.status)
    reply.send({
      username: 'kubeadmin',
      password: 'simulated-kubeadmin-password',
      console_url: `https://console-openshift-console.apps.${cluster.name}.${cluster.baseDnsDomain}`
    })
  })

  route(app, 'v2GetIgnoredValidations', (request, reply) => {
    const cluster = getCluster(sim, params(request).cluster_id!)
    reply.send({
      'host-validation-ids': JSON.stringify(cluster.ignoredHostValidations),
      'cluster-validation-ids': JSON.stringify(cluster.ignoredClusterValidations)
    })
  })

  route(app, 'v2SetIgnoredValidations', (request, reply) => {
    const cluster = getCluster(sim, params(request).cluster_id!)
    setIgnoredValidations(sim, cluster, body(request))
    reply.code(201).send({
      'host-validation-ids': JSON.stringify(cluster.ignoredHostValidations),
      'cluster-validation-ids': JSON.stringify(cluster.ignoredClusterValidations)
    })
  })

  route(app, 'V2GetClusterDefaultConfig', (_request, reply) => {
    reply.send({
      cluster_network_cidr: '10.128.0.0/14',
      cluster_network_host_prefix: 23,
      service_network_cidr: '172.30.0.0/16',
      ntp_source: '',
      inactive_deletion_hours: 480,
      cluster_networks_ipv4: [{ cidr: '10.128.0.0/14', host_prefix: 23 }],
      service_networks_ipv4: [{ cidr: '172.30.0.0/16' }]
    })
  })
}
