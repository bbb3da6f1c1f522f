import type { SimContext } from '../core/context.js'
import { bootDeviceOf } from '../host/inventory.js'
import type { ClusterRecord, HostRecord } from '../model/types.js'
import { addressOf, cidrContains, parseCidr, parseIp } from '../net/ip.js'
import { skippedDisks } from '../validations/host-validations.js'
import { mcoImage, mustGatherImage } from './images.js'

/** Installer arguments: the user's, plus `--append-karg ip=<nic>:dhcp` for NICs in the machine network (user-managed networking). */
function installerArgs(host: HostRecord, cluster: ClusterRecord): string[] {
  let args: string[] = []
  if (host.installerArgs) {
    try {
      const parsed = JSON.parse(host.installerArgs) as unknown
      if (Array.isArray(parsed)) args = parsed.map(String)
    } catch {
      args = []
    }
  }
  if (cluster.userManagedNetworking && !args.some(a => a.startsWith('ip='))) {
    const net = cluster.machineNetworks[0] ? parseCidr(cluster.machineNetworks[0].cidr) : undefined
    if (net) {
      for (const nic of host.inv?.nics ?? []) {
        const addresses = net.family === 4 ? nic.ipv4 : nic.ipv6
        if (
          addresses.some(a => {
            const ip = parseIp(addressOf(a))
            return ip !== undefined && cidrContains(net, ip)
          })
        ) {
          args.push('--append-karg', `ip=${nic.name}:${net.family === 4 ? 'dhcp' : 'dhcp6'}`)
        }
      }
    }
  }
  return args
}

/** The `install_cmd_request` the install step carries (service-behavior §1.7, agent-protocol §3.1). */
export function installRequest(
  sim: SimContext,
  host: HostRecord,
  cluster: ClusterRecord
): Record<string, unknown> {
  const disk = host.inv?.disks.find(d => d.id === host.installationDiskId)
  const role = host.bootstrap
    ? 'bootstrap'
    : host.role === 'auto-assign'
      ? host.suggestedRole || 'worker'
      : host.role
  const skipped = skippedDisks(host)
  const disksToFormat = (host.inv?.disks ?? [])
    .filter(
      d =>
        d.bootable &&
        !d.removable &&
        !d.installationMedia &&
        !/-fc-|-iscsi-|mmcblk/.test(d.byPath) &&
        !skipped.includes(d.id)
    )
    .map(d => bootDeviceOf(d))
  const args = installerArgs(host, cluster)
  const proxy =
    cluster.httpProxy || cluster.httpsProxy
      ? { http_proxy: cluster.httpProxy, https_proxy: cluster.httpsProxy, no_proxy: cluster.noProxy }
      : undefined
  return {
    cluster_id: cluster.id,
    infra_env_id: host.infraEnvId,
    host_id: host.id,
    role,
    boot_device: disk ? bootDeviceOf(disk) : host.installationDiskPath,
    controller_image: sim.opts.controllerImage,
    installer_image: sim.opts.installerImage,
    mco_image: mcoImage(cluster),
    must_gather_image: mustGatherImage(sim, cluster),
    openshift_version: cluster.openshiftVersion,
    control_plane_count: cluster.controlPlaneCount,
    check_cvo: sim.opts.checkClusterVersion,
    disks_to_format: disksToFormat,
    ...(args.length ? { installer_args: JSON.stringify(args) } : {}),
    ...(proxy ? { proxy } : {}),
    skip_installation_disk_cleanup: false,
    notify_num_reboots: true
  }
}
