import type { SimContext } from '../core/context.js'
import { domainsToResolve } from '../host/dns.js'
import type { ClusterRecord, HostRecord, HostStatus } from '../model/types.js'
import { networkOf } from '../net/ip.js'
import { preparationImages } from './images.js'
import { installRequest } from './install-request.js'

/** A step whose `args` is already rendered as a JSON array (so responses are assembled by concatenation). */
interface StepOut {
  type: string
  args: string
}

type Builder = (sim: SimContext, host: HostRecord, cluster: ClusterRecord | undefined) => StepOut | undefined

/** One JSON-string argument, rendered as a JSON array: `["<escaped>"]`. */
function jsonArg(value: unknown): string {
  return `[${JSON.stringify(JSON.stringify(value))}]`
}

function cached(cluster: ClusterRecord, key: string, build: () => string | undefined): string | undefined {
  const hit = cluster.stepArgs.get(key)
  if (hit !== undefined) return hit || undefined
  const value = build()
  cluster.stepArgs.set(key, value ?? '')
  return value
}

const inventory: Builder = (_sim, host) => ({ type: 'inventory', args: `[${JSON.stringify(host.id)}]` })

const ntpArgs = new Map<string, string>()

const ntp: Builder = (sim, host, cluster) => {
  const infraEnv = sim.store.infraEnvs.get(host.infraEnvId)
  const a = cluster?.additionalNtpSource ?? ''
  const b = infraEnv?.additionalNtpSources ?? ''
  const source = a && b ? `${a},${b}` : a || b
  let args = ntpArgs.get(source)
  if (args === undefined) {
    args = jsonArg({ ntp_source: source })
    if (ntpArgs.size < 1024) ntpArgs.set(source, args)
  }
  return { type: 'ntp-synchronizer', args }
}

const domainResolution: Builder = (_sim, _host, cluster) => {
  if (!cluster?.name || !cluster.baseDnsDomain) return undefined
  const args = cached(cluster, 'domain-resolution', () =>
    jsonArg({ domains: domainsToResolve(cluster).map(domain_name => ({ domain_name })) })
  )
  return args ? { type: 'domain-resolution', args } : undefined
}

const verifyVips: Builder = (_sim, _host, cluster) => {
  if (!cluster || (cluster.apiVips.length === 0 && cluster.ingressVips.length === 0)) return undefined
  const args = cached(cluster, 'verify-vips', () =>
    jsonArg([
      ...cluster.apiVips.map(v => ({ vip: v.ip, vip_type: 'api' })),
      ...cluster.ingressVips.map(v => ({ vip: v.ip, vip_type: 'ingress' }))
    ])
  )
  return args ? { type: 'verify-vips', args } : undefined
}

/** REST mode only: the host's IPv4 networks of /22 or smaller (precomputed when the inventory arrives). */
const freeAddresses: Builder = (_sim, host) =>
  host.freeNetworksArgs ? { type: 'free-network-addresses', args: host.freeNetworksArgs } : undefined

const CONNECTIVITY_ADMISSIONS_PER_MINUTE = 150

function connectivityEntries(cluster: ClusterRecord): Map<string, string> {
  if (cluster.connectivityEntries) return cluster.connectivityEntries
  const entries = new Map<string, string>()
  for (const h of cluster.hosts.values()) {
    if (!h.inv) continue
    const nics = h.inv.nics
      .filter(n => n.ipv4.length || n.ipv6.length)
      // The contract's connectivity-check-nic takes plain addresses (no /prefix), as the real service sends.
      .map(n => ({
        name: n.name,
        mac: n.mac,
        ip_addresses: [...n.ipv4, ...n.ipv6].map(a => a.split('/')[0]!)
      }))
    // Kept already escaped for embedding in the JSON-string argument, so a poll only concatenates.
    entries.set(h.id, JSON.stringify(JSON.stringify({ host_id: h.id, nics })).slice(1, -1))
  }
  cluster.connectivityEntries = entries
  return entries
}

const connectivity: Builder = (sim, host, cluster) => {
  if (!cluster || cluster.hosts.size < 2) return undefined
  if (cluster.hosts.size > CONNECTIVITY_ADMISSIONS_PER_MINUTE) {
    const minute = Math.floor(sim.now() / 60_000)
    const admissions = cluster.connectivityAdmissions
    if (admissions.minute !== minute) {
      admissions.minute = minute
      admissions.count = 0
    }
    if (admissions.count >= CONNECTIVITY_ADMISSIONS_PER_MINUTE) return undefined
    admissions.count++
  }
  let args = ''
  for (const [id, entry] of connectivityEntries(cluster))
    if (id !== host.id) args += args ? `,${entry}` : entry
  if (!args) return undefined
  return { type: 'connectivity-check', args: `["[${args}]"]` }
}

const tang: Builder = (_sim, _host, cluster) => {
  const enc = cluster?.diskEncryption
  if (!enc || enc.mode !== 'tang' || enc.enable_on === 'none' || !enc.tang_servers) return undefined
  return { type: 'tang-connectivity-check', args: jsonArg({ tang_servers: enc.tang_servers }) }
}

function vipMac(cluster: ClusterRecord, kind: string): string {
  const hex = (cluster.id + kind)
    .replace(/[^0-9a-f]/g, '')
    .slice(-10)
    .padStart(10, '0')
  return `00:${hex.match(/../g)!.join(':')}`
}

const dhcp: Builder = (_sim, host, cluster) => {
  if (!cluster?.vipDhcpAllocation || cluster.machineNetworks.length === 0) return undefined
  const nic = host.inv?.nics.find(n =>
    n.ipv4.some(a => cluster.machineNetworks.some(m => networkOf(a) === m.cidr))
  )
  if (!nic) return undefined
  return {
    type: 'dhcp-lease-allocate',
    args: jsonArg({
      interface: nic.name,
      api_vip_mac: vipMac(cluster, 'api'),
      ingress_vip_mac: vipMac(cluster, 'ingress')
    })
  }
}

const diskSpeed: Builder = (sim, host) => {
  if (!host.installationDiskId) return undefined
  if (host.diskSpeed?.tested && host.diskSpeed.path === host.installationDiskId) return undefined
  return {
    type: 'installation-disk-speed-check',
    args: `[${JSON.stringify(JSON.stringify({ path: host.installationDiskId }))},${JSON.stringify((sim.opts.timings.diskCheckTimeoutMs / 1000).toFixed(2))}]`
  }
}

const imageAvailability: Builder = (sim, host, cluster) => {
  if (!cluster) return undefined
  const missing = preparationImages(sim, cluster).filter(i => !host.images?.has(i))
  if (missing.length === 0) return undefined
  return {
    type: 'container-image-availability',
    args: jsonArg({
      images: missing,
      timeout: Math.round(sim.opts.timings.imageAvailabilityTimeoutMs / 1000)
    })
  }
}

const install: Builder = (sim, host, cluster) => {
  if (!cluster || !host.installationDiskId) return undefined
  host.installerVersion = sim.opts.installerImage
  return { type: 'install', args: jsonArg(installRequest(sim, host, cluster)) }
}

const logsGather: Builder = (_sim, host, cluster) => {
  if (!cluster || host.logsInfo === 'completed' || host.logsInfo === 'timeout') return undefined
  const masterIps = host.bootstrap
    ? [...cluster.hosts.values()]
        .filter(h => h !== host && (h.role === 'master' || h.suggestedRole === 'master'))
        .map(h => h.inv?.nics.flatMap(n => n.ipv4)[0]?.split('/')[0])
        .filter((ip): ip is string => Boolean(ip))
    : undefined
  return {
    type: 'logs-gather',
    args: jsonArg({
      cluster_id: cluster.id,
      infra_env_id: host.infraEnvId,
      host_id: host.id,
      bootstrap: host.bootstrap,
      installer_gather: host.bootstrap,
      ...(masterIps?.length ? { master_ips: masterIps } : {})
    })
  }
}

const stopInstallation: Builder = () => ({ type: 'stop-installation', args: '[]' })

/** Day-2: can the host fetch its ignition from the existing cluster's machine-config server? */
const apiVipConnectivity: Builder = (_sim, _host, cluster) => {
  if (!cluster?.apiVipDnsName) return undefined
  return {
    type: 'api-vip-connectivity-check',
    args: jsonArg({ url: `http://${cluster.apiVipDnsName}:22624/config/worker` })
  }
}

interface StatusSteps {
  builders: Builder[]
  backedOff?: boolean
  exit?: boolean
}

const DISCOVERY_KNOWN: Builder[] = [
  connectivity,
  tang,
  freeAddresses,
  dhcp,
  inventory,
  ntp,
  domainResolution,
  verifyVips
]
const DISCOVERY_OTHER: Builder[] = [
  inventory,
  connectivity,
  tang,
  freeAddresses,
  dhcp,
  ntp,
  domainResolution,
  verifyVips
]

/** Steps by host status (service-behavior §1.9 and the §9 observations). */
const BY_STATUS: Partial<Record<HostStatus, StatusSteps>> = {
  discovering: { builders: [inventory] },
  known: { builders: DISCOVERY_KNOWN },
  insufficient: { builders: DISCOVERY_OTHER },
  'pending-for-input': { builders: DISCOVERY_OTHER },
  disconnected: { builders: [inventory], backedOff: true },
  'preparing-for-installation': { builders: [dhcp, diskSpeed, imageAvailability] },
  installing: { builders: [install, dhcp] },
  'installing-in-progress': { builders: [dhcp] },
  error: { builders: [logsGather, stopInstallation], backedOff: true },
  cancelled: { builders: [logsGather, stopInstallation], backedOff: true },
  resetting: { builders: [], backedOff: true },
  binding: { builders: [], exit: true },
  'discovering-unbound': { builders: [inventory, ntp] },
  'insufficient-unbound': { builders: [inventory, ntp] },
  'known-unbound': { builders: [inventory, ntp] },
  'disconnected-unbound': { builders: [inventory], backedOff: true },
  unbinding: { builders: [], exit: true },
  'unbinding-pending-user-action': { builders: [], exit: true }
}

/** Hosts added to an existing (imported) cluster (instruction manager's add-hosts table). */
const DAY2_BY_STATUS: Partial<Record<HostStatus, StatusSteps>> = {
  discovering: { builders: [inventory, ntp, domainResolution] },
  known: { builders: [connectivity, apiVipConnectivity, tang, inventory, ntp, domainResolution] },
  insufficient: { builders: [inventory, connectivity, apiVipConnectivity, tang, ntp, domainResolution] },
  'pending-for-input': { builders: [inventory, connectivity, apiVipConnectivity, tang] },
  disconnected: { builders: [inventory], backedOff: true },
  installing: { builders: [install] },
  'installing-in-progress': { builders: [] },
  error: { builders: [stopInstallation], backedOff: true },
  cancelled: { builders: [stopInstallation], backedOff: true },
  resetting: { builders: [], backedOff: true }
}

const UPGRADE_ALLOWED = new Set<HostStatus>([
  'binding',
  'discovering',
  'discovering-unbound',
  'insufficient',
  'insufficient-unbound',
  'known',
  'pending-for-input',
  'known-unbound'
])

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** `<type>-<8 hex digits>`, as the real service names steps (a byte table: `toString(16)` costs more per poll). */
function stepId(sim: SimContext, type: string): string {
  const n = Math.floor(sim.random() * 0x100000000)
  return `${type}-${HEX_BYTE[n >>> 24]!}${HEX_BYTE[(n >>> 16) & 255]!}${HEX_BYTE[(n >>> 8) & 255]!}${HEX_BYTE[n & 255]!}`
}

/**
 * The `steps` body of GET instructions, rendered to JSON text. Empty instruction lists are `null`, as the
 * running service returned them (§9).
 */
export function nextStepsJson(sim: SimContext, host: HostRecord): string {
  const cluster = sim.store.clusterOf(host)
  const spec =
    host.kind === 'AddToExistingClusterHost' && cluster ? DAY2_BY_STATUS[host.status] : BY_STATUS[host.status]
  const t = sim.opts.timings
  let seconds = Math.max(0, Math.round(t.nextInstructionMs / 1000))
  let action = 'continue'
  const steps: StepOut[] = []
  if (spec) {
    if (spec.exit) {
      seconds = 0
      action = 'exit'
    } else if (spec.backedOff) seconds = Math.max(0, Math.round(t.backedOffInstructionMs / 1000))
    const disabled = sim.opts.disabledSteps
    for (const build of spec.builders) {
      const step = build(sim, host, cluster)
      if (step && !disabled.has(step.type)) steps.push(step)
    }
  }
  if (
    sim.opts.enableUpgradeAgent &&
    !sim.opts.disabledSteps.has('upgrade-agent') &&
    UPGRADE_ALLOWED.has(host.status) &&
    host.agentVersion !== sim.opts.agentImage
  ) {
    steps.length = 0
    steps.push({ type: 'upgrade-agent', args: jsonArg({ agent_image: sim.opts.agentImage }) })
    seconds = Math.max(0, Math.round(t.nextInstructionMs / 1000))
    action = 'continue'
  }
  let out = `{"next_instruction_seconds":${seconds},"post_step_action":"${action}","instructions":`
  if (steps.length === 0) return out + 'null}'
  out += '['
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!
    if (i) out += ','
    out += `{"step_type":"${s.type}","step_id":"${stepId(sim, s.type)}","args":${s.args}}`
  }
  return out + ']}'
}
