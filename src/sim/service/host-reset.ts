import type { SimContext } from '../core/context.js'
import { networkOf, parseCidr } from '../net/ip.js'
import { countHostname } from '../model/store.js'
import type { HostRecord } from '../model/types.js'
import { keptText, sharedText } from '../core/stored-text.js'

/** REST mode: the host's IPv4 networks of /22 or smaller, as the free-network-addresses step arguments. */
export function freeNetworksArgs(summary: HostRecord['inv']): string {
  const nets = new Set<string>()
  for (const nic of summary?.nics ?? []) {
    for (const a of nic.ipv4) {
      const net = parseCidr(a)
      if (net && net.prefix >= 22) nets.add(networkOf(a)!)
    }
  }
  return nets.size ? sharedText(`[${JSON.stringify(JSON.stringify([...nets]))}]`) : ''
}

/** Replaces the inventory summary, keeping the cluster's hostname counts and cached step arguments right. */
export function setInventory(
  sim: SimContext,
  host: HostRecord,
  text: string,
  summary: HostRecord['inv']
): void {
  const cluster = sim.store.clusterOf(host)
  const before = host.hostname()
  host.inventory = keptText(text)
  host.inv = summary
  host.freeNetworksArgs = freeNetworksArgs(summary)
  const after = host.hostname()
  if (cluster) {
    if (before !== after) {
      countHostname(cluster, before, -1)
      countHostname(cluster, after, 1)
      // hostname-unique depends on every host's name.
      sim.markClusterHostsDirty(cluster)
    }
    cluster.connectivityEntries = null
    cluster.connectivityDirty = true
    sim.markClusterDirty(cluster)
  }
  if (!summary) {
    host.installationDiskId = ''
    host.installationDiskPath = ''
  }
}

/** What a re-registration clears (service-behavior §1.3): inventory, bootstrap flag, image statuses, progress, NTP, logs. */
export function resetDiscoveryData(sim: SimContext, host: HostRecord): void {
  setInventory(sim, host, '', null)
  host.bootstrap = false
  host.images = null
  host.progress = null
  host.ntpSources = ''
  host.ntpSynced = false
  host.logsInfo = ''
  host.logsStartedAt = 0
  host.logsCollectedAt = 0
  host.mediaDisconnected = false
  host.validations = ''
  applySingleNodeRole(sim, host)
}

/** An SNO host is a master and the bootstrap from the start. */
export function applySingleNodeRole(sim: SimContext, host: HostRecord): void {
  const cluster = sim.store.clusterOf(host)
  if (cluster?.isSingleNode()) {
    host.role = 'master'
    host.bootstrap = true
  }
}

/** Clears the cluster-related fields when a host leaves its cluster (unbind). */
export function clearClusterData(host: HostRecord): void {
  host.role = 'auto-assign'
  host.suggestedRole = ''
  host.bootstrap = false
  host.progress = null
  host.images = null
  host.diskSpeed = null
  host.connectivity = ''
  host.freeAddresses = ''
  host.domainResolutions = ''
  host.installerArgs = ''
  host.machineConfigPoolName = ''
  host.validations = ''
  host.kind = 'Host'
}
