/**
 * The InfraEnv's status as the service writes it once its internal infra-env exists (service-behavior §4.2),
 * and the URLs it hands out. URLs carry the agent token (`api_key`), like the real service's signed URLs:
 * they go into CR status only, never into logs.
 */
import { API_BASE } from '../../api/swagger.js'
import type { SimContext } from '../core/context.js'
import type { InfraEnvRecord } from '../model/types.js'
import { imageUrl } from '../service/infra-env-service.js'
import { iso } from '../views.js'
import { INFRAENV_LABEL } from '../../kube/objects.js'
import type { Condition } from './conditions.js'

function keyQuery(sim: SimContext): string {
  return sim.opts.agentKey ? `api_key=${encodeURIComponent(sim.opts.agentKey)}&` : ''
}

export function infraEnvEventsUrl(sim: SimContext, infraEnvId: string): string {
  return `${sim.serviceUrl()}${API_BASE}/v2/events?${keyQuery(sim)}infra_env_id=${infraEnvId}`
}

export function clusterEventsUrl(sim: SimContext, clusterId: string): string {
  return `${sim.serviceUrl()}${API_BASE}/v2/events?${keyQuery(sim)}cluster_id=${clusterId}`
}

export function hostEventsUrl(sim: SimContext, infraEnvId: string, hostId: string): string {
  return `${sim.serviceUrl()}${API_BASE}/v2/events?${keyQuery(sim)}host_id=${hostId}&infra_env_id=${infraEnvId}`
}

function fileUrl(sim: SimContext, infraEnvId: string, file: string): string {
  return `${sim.serviceUrl()}${API_BASE}/v2/infra-envs/${infraEnvId}/downloads/files?${keyQuery(sim)}file_name=${file}`
}

/** The id an InfraEnv or ACI status names in its events URL (`infra_env_id=` / `cluster_id=`). */
export function idFromEventsUrl(status: unknown, param: 'infra_env_id' | 'cluster_id'): string | undefined {
  const url = (status as { debugInfo?: { eventsURL?: string } } | undefined)?.debugInfo?.eventsURL ?? ''
  return new RegExp(`[?&]${param}=([0-9a-f-]{36})`).exec(url)?.[1]
}

export function infraEnvStatus(
  sim: SimContext,
  infraEnv: InfraEnvRecord,
  name: string
): Record<string, unknown> & { conditions: Condition[] } {
  const arch = infraEnv.cpuArchitecture
  const boot = `${sim.imageServiceUrl()}/boot-artifacts`
  return {
    createdTime: iso(infraEnv.createdAt),
    isoDownloadURL: imageUrl(sim, infraEnv),
    agentLabelSelector: { matchLabels: { [INFRAENV_LABEL]: name } },
    debugInfo: {
      eventsURL: infraEnvEventsUrl(sim, infraEnv.id),
      ...(infraEnv.staticNetworkConfig
        ? { staticNetworkDownloadURL: fileUrl(sim, infraEnv.id, 'static-network-config') }
        : {})
    },
    bootArtifacts: {
      discoveryIgnitionURL: fileUrl(sim, infraEnv.id, 'discovery.ign'),
      ipxeScript: fileUrl(sim, infraEnv.id, 'ipxe-script'),
      kernel: `${boot}/kernel?arch=${arch}`,
      initrd: `${boot}/initrd?arch=${arch}`,
      rootfs: `${boot}/rootfs?arch=${arch}`
    },
    conditions: [
      { type: 'ImageCreated', status: 'True', reason: 'ImageCreated', message: 'Image has been created' }
    ]
  }
}

export function infraEnvProblemStatus(reason: string, message: string): { conditions: Condition[] } {
  return { conditions: [{ type: 'ImageCreated', status: 'False', reason, message }] }
}
