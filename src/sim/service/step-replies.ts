import type { SimContext } from '../core/context.js'
import { decodeOutput } from '../core/prune.js'
import { simError } from '../errors.js'
import { storedInventory, summarizeInventory } from '../host/inventory.js'
import { roleRequirements, minimumRequirements, hostVersion } from '../host/requirements.js'
import { HOST_INFO } from '../machine/host-refresh.js'
import { DISCOVERY_STATUSES, type HostRecord, type HostStatus } from '../model/types.js'
import { setInventory } from './host-reset.js'
import { keptText, sharedText } from '../core/stored-text.js'

export interface StepReply {
  step_type?: string
  step_id?: string
  exit_code?: number
  output?: string
  error?: string
}

/** Statuses in which an inventory reply is stored; elsewhere the real service answers 500 (§1.10). */
const INVENTORY_STATUSES = new Set<HostStatus>([
  'discovering',
  'known',
  'disconnected',
  'insufficient',
  'pending-for-input',
  'installing-in-progress',
  'discovering-unbound',
  'insufficient-unbound',
  'known-unbound',
  'disconnected-unbound'
])

const OUTPUT_MODELS: Record<string, string> = {
  inventory: 'inventory',
  'connectivity-check': 'connectivity-report',
  'free-network-addresses': 'free_networks_addresses',
  'ntp-synchronizer': 'ntp_synchronization_response',
  'domain-resolution': 'domain_resolution_response',
  'verify-vips': 'verify_vips_response',
  'installation-disk-speed-check': 'disk_speed_check_response',
  'container-image-availability': 'container_image_availability_response',
  'dhcp-lease-allocate': 'dhcp_allocation_response',
  'api-vip-connectivity-check': 'api_vip_connectivity_response',
  'tang-connectivity-check': 'tang_connectivity_response',
  'upgrade-agent': 'upgrade_agent_response'
}

const PREPARING_OR_INSTALLING = new Set<HostStatus>([
  'preparing-for-installation',
  'preparing-successful',
  'installing',
  'installing-in-progress',
  'installing-pending-user-action'
])

function decode(type: string, output: string): Record<string, unknown> | unknown[] {
  const result = decodeOutput(output, OUTPUT_MODELS[type]!)
  if ('problem' in result) throw simError('INVALID_STEP_OUTPUT', type, result.problem)
  return result.value as Record<string, unknown> | unknown[]
}

/**
 * `POST .../instructions` (service-behavior §1.10): store what the reply carries; statuses change only through
 * the monitors, except the synchronous install failure and media disconnect. Step ids are not checked (the real
 * service never checks them either).
 */
export function applyStepReply(sim: SimContext, host: HostRecord, reply: StepReply): void {
  const type = reply.step_type ?? ''
  const exitCode = reply.exit_code ?? 0
  const output = reply.output ?? ''
  const now = sim.now()
  const cluster = sim.store.clusterOf(host)

  if (exitCode === 256) {
    if (!host.mediaDisconnected) {
      host.mediaDisconnected = true
      host.updatedAt = now
      if (DISCOVERY_STATUSES.has(host.status))
        sim.setHostStatus(host, 'disconnected', HOST_INFO.mediaDisconnected)
      else if (PREPARING_OR_INSTALLING.has(host.status))
        sim.setHostStatus(host, 'error', HOST_INFO.mediaDisconnected)
      sim.markHostDirty(host)
    }
    return
  }
  if (exitCode === 0 && host.mediaDisconnected) {
    host.mediaDisconnected = false
    sim.markHostDirty(host)
  }

  if (exitCode !== 0) {
    switch (type) {
      case 'install':
        if (
          exitCode === 125 &&
          /assisted-installer.{0,3} is already in use/.test(`${reply.error ?? ''} ${output}`)
        )
          return
        if (PREPARING_OR_INSTALLING.has(host.status)) {
          sim.setHostStatus(
            host,
            'error',
            `installation command failed: ${reply.error || `exit code ${exitCode}`}`
          )
        }
        return
      case 'container-image-availability':
      case 'installation-disk-speed-check':
        break
      case 'tang-connectivity-check':
        host.tangConnectivity = reply.error ?? ''
        host.updatedAt = now
        sim.markHostDirty(host)
        return
      default:
        return
    }
  }

  switch (type) {
    case 'inventory': {
      if (!INVENTORY_STATUSES.has(host.status)) throw simError('INVENTORY_WRONG_STATE', host.id, host.status)
      const raw = decode(type, output) as Record<string, unknown>
      const summary = summarizeInventory(raw, sim.opts.enableVirtualInterfaces)
      const tempHost = host
      const previous = host.inv
      host.inv = summary
      const size = cluster
        ? roleRequirements(sim, tempHost, cluster).disk_size_gb
        : minimumRequirements(sim, tempHost, cluster).disk_size_gb
      host.inv = previous
      const text = storedInventory(
        raw,
        summary,
        size,
        hostVersion(sim, host, cluster),
        sim.opts.enableVirtualInterfaces
      )
      if (text !== host.inventory) {
        setInventory(sim, host, text, summary)
        host.updatedAt = now
        sim.markHostDirty(host)
      }
      return
    }
    case 'connectivity-check': {
      const report = decode(type, output) as Record<string, unknown>
      const text = JSON.stringify(report)
      if (text === host.connectivity) return
      host.connectivity = keptText(text)
      host.updatedAt = now
      sim.markHostDirty(host)
      if (cluster) {
        cluster.connectivityDirty = true
        sim.markClusterDirty(cluster)
      }
      return
    }
    case 'free-network-addresses': {
      const text = JSON.stringify(decode(type, output))
      if (text === host.freeAddresses) return
      host.freeAddresses = sharedText(text)
      host.updatedAt = now
      if (cluster) sim.markClusterDirty(cluster)
      return
    }
    case 'ntp-synchronizer': {
      const parsed = decode(type, output) as { ntp_sources?: { source_state?: string }[] }
      const text = JSON.stringify(parsed.ntp_sources ?? [])
      if (text === host.ntpSources) return
      host.ntpSources = sharedText(text)
      host.ntpSynced = (parsed.ntp_sources ?? []).some(s => s.source_state === 'synced')
      host.updatedAt = now
      sim.markHostDirty(host)
      return
    }
    case 'domain-resolution': {
      const text = JSON.stringify(decode(type, output))
      if (text === host.domainResolutions) return
      host.domainResolutions = sharedText(text)
      host.updatedAt = now
      sim.markHostDirty(host)
      return
    }
    case 'verify-vips': {
      const list = decode(type, output) as { vip?: string; vip_type?: string; verification?: string }[]
      if (!cluster) return
      let changed = false
      for (const v of list) {
        const vips = v.vip_type === 'ingress' ? cluster.ingressVips : cluster.apiVips
        const target = vips.find(x => x.ip === v.vip)
        const verification =
          v.verification === 'succeeded' || v.verification === 'failed' ? v.verification : 'unverified'
        if (target && target.verification !== verification) {
          target.verification = verification
          changed = true
        }
      }
      if (changed) {
        cluster.updatedAt = now
        sim.markClusterDirty(cluster)
      }
      return
    }
    case 'installation-disk-speed-check': {
      if (!output) return
      const parsed = decode(type, output) as { path?: string; io_sync_duration?: number }
      host.diskSpeed = {
        path: parsed.path ?? '',
        tested: true,
        exitCode,
        speedMs: parsed.io_sync_duration ?? 0
      }
      host.updatedAt = now
      const threshold = roleRequirements(sim, host, cluster).installation_disk_speed_threshold_ms
      if (exitCode === 0 && (parsed.io_sync_duration ?? 0) > threshold) {
        sim.hostEvent(
          host,
          'warning',
          'disk_speed_slower_than_supported',
          `Host ${sim.hostName(host)}: the installation disk ${parsed.path} fdatasync duration ${parsed.io_sync_duration} ms is above the ${threshold} ms threshold`
        )
      }
      sim.markHostDirty(host)
      return
    }
    case 'container-image-availability': {
      if (!output) return
      const parsed = decode(type, output) as {
        images?: {
          name?: string
          result?: string
          size_bytes?: number
          time?: number
          download_rate?: number
        }[]
      }
      host.images ??= new Map()
      for (const image of parsed.images ?? []) {
        if (!image.name) continue
        const previous = host.images.get(image.name)
        host.images.set(image.name, {
          ...(previous ?? {}),
          ...image,
          name: image.name,
          result: image.result ?? previous?.result ?? ''
        })
      }
      host.updatedAt = now
      sim.markHostDirty(host)
      return
    }
    case 'dhcp-lease-allocate': {
      const parsed = decode(type, output) as { api_vip_address?: string; ingress_vip_address?: string }
      if (!cluster?.vipDhcpAllocation) return
      if (parsed.api_vip_address)
        cluster.apiVips = [{ ip: parsed.api_vip_address, verification: 'succeeded' }]
      if (parsed.ingress_vip_address)
        cluster.ingressVips = [{ ip: parsed.ingress_vip_address, verification: 'succeeded' }]
      cluster.stepArgs.clear()
      cluster.updatedAt = now
      sim.markClusterDirty(cluster)
      return
    }
    case 'api-vip-connectivity-check':
      host.apiVipConnectivity = sharedText(JSON.stringify(decode(type, output)))
      host.updatedAt = now
      sim.markHostDirty(host)
      return
    case 'tang-connectivity-check':
      host.tangConnectivity = sharedText(JSON.stringify(decode(type, output)))
      host.updatedAt = now
      sim.markHostDirty(host)
      return
    case 'upgrade-agent': {
      const parsed = decode(type, output) as { agent_image?: string; result?: string }
      sim.hostEvent(
        host,
        parsed.result === 'success' ? 'info' : 'warning',
        parsed.result === 'success' ? 'upgrade_agent_finished' : 'upgrade_agent_failed',
        `Host ${sim.hostName(host)}: agent upgrade to ${parsed.agent_image ?? ''} ${parsed.result === 'success' ? 'succeeded' : 'failed'}`
      )
      return
    }
    default:
      // install (exit 0), logs-gather, stop-installation, ...: nothing to store.
      return
  }
}
