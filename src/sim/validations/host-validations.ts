import type { RoleRequirements } from '../config/hw-requirements.js'
import type { SimContext } from '../core/context.js'
import { disconnectionDeadline, isBeforeRebooting } from '../core/deadlines.js'
import { clusterDomains, parseResolutions, type Resolution } from '../host/dns.js'
import { diskEligible } from '../host/inventory.js'
import { hostVersion, memoryEnough, minimumRequirements, roleRequirements } from '../host/requirements.js'
import { parseConnectivity } from '../cluster/connectivity.js'
import type { ClusterRecord, HostRecord, RemoteConnectivity } from '../model/types.js'
import { addressOf, cidrContains, cidrsOverlap, parseCidr, parseIp } from '../net/ip.js'
import { err, fail, ok, pend, V, type ValidationResult } from './status.js'

/**
 * Where a host validation decides the status (service-behavior §2.2): GATE (connectivity and inventory),
 * MIN (minimum hardware → insufficient), INPUT (→ pending-for-input), VSPHERE (every path to known),
 * SUFF (needed for known), INFO (never blocks).
 */
export type Gate = 'GATE' | 'MIN' | 'INPUT' | 'VSPHERE' | 'SUFF' | 'INFO'

export interface HostValidationSpec {
  id: string
  category: 'network' | 'hardware' | 'operators'
  gate: Gate
  /** Also evaluated for unbound hosts. */
  unbound?: boolean
  /** Cannot be put on a cluster's ignore list. */
  mandatory?: boolean
}

export const OPERATOR_IDS = [
  'lso',
  'odf',
  'lvm',
  'mce',
  'mtv',
  'osc',
  'cnv',
  'node-feature-discovery',
  'nvidia-gpu',
  'pipelines',
  'servicemesh',
  'serverless',
  'openshift-ai',
  'authorino',
  'nmstate',
  'amd-gpu',
  'kmm',
  'node-healthcheck',
  'self-node-remediation',
  'fence-agents-remediation',
  'node-maintenance',
  'kube-descheduler',
  'cluster-observability',
  'numa-resources',
  'oadp',
  'metallb',
  'loki',
  'openshift-logging'
]

export const HOST_VALIDATIONS: HostValidationSpec[] = [
  { id: 'connected', category: 'network', gate: 'GATE', unbound: true, mandatory: true },
  { id: 'media-connected', category: 'network', gate: 'GATE', unbound: true },
  { id: 'has-inventory', category: 'hardware', gate: 'GATE', unbound: true, mandatory: true },
  { id: 'inventory-not-fully-truncated', category: 'hardware', gate: 'GATE', unbound: true, mandatory: true },
  { id: 'inventory-not-partially-truncated', category: 'hardware', gate: 'INFO' },
  { id: 'has-min-cpu-cores', category: 'hardware', gate: 'MIN', unbound: true },
  { id: 'has-min-valid-disks', category: 'hardware', gate: 'MIN', unbound: true },
  { id: 'has-min-memory', category: 'hardware', gate: 'MIN', unbound: true },
  { id: 'compatible-with-cluster-platform', category: 'hardware', gate: 'MIN' },
  { id: 'disk-encryption-requirements-satisfied', category: 'hardware', gate: 'MIN' },
  { id: 'machine-cidr-defined', category: 'network', gate: 'INPUT', mandatory: true },
  { id: 'vsphere-disk-uuid-enabled', category: 'hardware', gate: 'VSPHERE' },
  { id: 'has-cpu-cores-for-role', category: 'hardware', gate: 'SUFF' },
  { id: 'has-memory-for-role', category: 'hardware', gate: 'SUFF' },
  { id: 'hostname-unique', category: 'hardware', gate: 'SUFF', mandatory: true },
  { id: 'hostname-valid', category: 'hardware', gate: 'SUFF', unbound: true, mandatory: true },
  { id: 'belongs-to-machine-cidr', category: 'network', gate: 'SUFF' },
  { id: 'ignition-downloadable', category: 'network', gate: 'SUFF' },
  { id: 'belongs-to-majority-group', category: 'network', gate: 'SUFF' },
  { id: 'valid-platform-network-settings', category: 'network', gate: 'SUFF' },
  // Informational in code, but a running service named it in the insufficient message (§9): the simulator
  // treats it as blocking, so whatever passes here also passes against the real service.
  { id: 'ntp-synced', category: 'network', gate: 'SUFF' },
  { id: 'time-synced-between-host-and-service', category: 'network', gate: 'SUFF' },
  { id: 'container-images-available', category: 'network', gate: 'SUFF' },
  { id: 'sufficient-installation-disk-speed', category: 'hardware', gate: 'SUFF' },
  { id: 'sufficient-network-latency-requirement-for-role', category: 'network', gate: 'SUFF' },
  { id: 'sufficient-packet-loss-requirement-for-role', category: 'network', gate: 'SUFF' },
  { id: 'has-default-route', category: 'network', gate: 'SUFF' },
  { id: 'api-domain-name-resolved-correctly', category: 'network', gate: 'SUFF' },
  { id: 'api-int-domain-name-resolved-correctly', category: 'network', gate: 'SUFF' },
  { id: 'apps-domain-name-resolved-correctly', category: 'network', gate: 'SUFF' },
  { id: 'dns-wildcard-not-configured', category: 'network', gate: 'SUFF' },
  { id: 'non-overlapping-subnets', category: 'network', gate: 'SUFF' },
  { id: 'compatible-agent', category: 'hardware', gate: 'SUFF' },
  { id: 'no-skip-installation-disk', category: 'hardware', gate: 'SUFF' },
  { id: 'no-skip-missing-disk', category: 'hardware', gate: 'SUFF' },
  { id: 'no-ip-collisions-in-network', category: 'network', gate: 'SUFF' },
  { id: 'no-iscsi-nic-belongs-to-machine-cidr', category: 'network', gate: 'SUFF' },
  { id: 'mtu-valid', category: 'network', gate: 'INFO' },
  ...OPERATOR_IDS.map(op => ({
    id: `${op}-requirements-satisfied`,
    category: 'operators' as const,
    gate: 'SUFF' as const
  }))
]

export const HOST_VALIDATION_INDEX = new Map(HOST_VALIDATIONS.map((v, i) => [v.id, i]))

const LOCALHOST_NAMES = new Set([
  'localhost',
  'localhost.localdomain',
  'localhost4',
  'localhost4.localdomain4',
  'localhost6',
  'localhost6.localdomain6'
])
const HOSTNAME = /^[a-z0-9][a-z0-9-]{0,62}(?:[.][a-z0-9-]{1,63})*$/

export function hostnameProblem(name: string): string | undefined {
  if (!name) return 'Missing hostname'
  if (LOCALHOST_NAMES.has(name)) return `Hostname ${name} is forbidden`
  if (name.length > 63 || !HOSTNAME.test(name))
    return `Hostname ${name} does not pass the hostname validation`
  return undefined
}

/** Everything the host validations read, gathered once per evaluation. */
class Ctx {
  readonly reqs: RoleRequirements
  readonly min: RoleRequirements
  readonly version: string
  readonly singleNode: boolean
  readonly umn: boolean
  readonly day2: boolean
  private dnsCache: Map<string, Resolution> | undefined | null = null
  private connCache: Map<string, RemoteConnectivity> | null | undefined = undefined

  constructor(
    readonly sim: SimContext,
    readonly host: HostRecord,
    readonly cluster: ClusterRecord | undefined,
    readonly now: number
  ) {
    this.reqs = roleRequirements(sim, host, cluster)
    this.min = minimumRequirements(sim, host, cluster)
    this.version = hostVersion(sim, host, cluster)
    this.singleNode = Boolean(cluster?.isSingleNode())
    this.umn = Boolean(cluster?.userManagedNetworking)
    this.day2 = cluster?.kind === 'AddHostsCluster' || host.kind === 'AddToExistingClusterHost'
  }

  dns(): Map<string, Resolution> | undefined {
    if (this.dnsCache === null) this.dnsCache = parseResolutions(this.host.domainResolutions)
    return this.dnsCache
  }

  conn(): Map<string, RemoteConnectivity> | null {
    if (this.connCache === undefined) this.connCache = parseConnectivity(this.host)
    return this.connCache
  }

  roleName(): string {
    if (this.singleNode) return 'master'
    const role = this.host.bootstrap ? 'master' : this.host.effectiveRole()
    return role === 'auto-assign' ? 'worker' : role
  }

  hostAddresses(): Set<string> {
    const set = new Set<string>()
    for (const nic of this.host.inv?.nics ?? [])
      for (const a of [...nic.ipv4, ...nic.ipv6]) set.add(addressOf(a))
    return set
  }
}

type Check = (c: Ctx) => ValidationResult

const MISSING_INVENTORY = 'Missing inventory'

function needInventory(check: (c: Ctx) => ValidationResult): Check {
  return c => (c.host.inv ? check(c) : pend(MISSING_INVENTORY))
}

function resolvesCorrectly(c: Ctx, which: 'api' | 'apiInt' | 'apps', label: string): ValidationResult {
  const cluster = c.cluster
  if (!cluster || !c.host.inv) return pend(MISSING_INVENTORY)
  const domains = clusterDomains(cluster)
  const shown = domains?.[which] ?? `${label}.${cluster.name}`
  const notRequired = ok(`Domain name resolution for the ${shown} domain was successful or not required`)
  if (!c.umn) return notRequired
  if (c.singleNode && !c.day2 && c.sim.opts.enableSingleNodeDnsmasq) return notRequired
  if (!cluster.baseDnsDomain || !domains) {
    return err(
      `DNS validation for the ${label} domain cannot be completed because the cluster does not have base_dns_domain set. Please update the cluster with the correct base_dns_domain`
    )
  }
  const dns = c.dns()
  if (!dns)
    return pend(
      `DNS validation for the ${shown} domain cannot be completed as the host has not yet provided domain name resolution data`
    )
  const r = dns.get(domains[which])
  if (!r || r.ipv4.length + r.ipv6.length + r.cnames.length === 0) {
    return fail(
      `Couldn't resolve domain name ${shown} on the host. To continue installation, create the necessary DNS entries to resolve this domain name to your cluster's ${label === 'apps' ? 'ingress' : 'API'} IP address`
    )
  }
  const own = c.hostAddresses()
  const selfHit = [...r.ipv4, ...r.ipv6].find(a => own.has(a))
  if (selfHit) {
    return fail(
      `Domain ${shown} must not point at the host's own IP address ${selfHit}; it must resolve to your cluster's ${label === 'apps' ? 'ingress' : 'API'} IP address`
    )
  }
  return ok(`Domain name resolution for the ${shown} domain was successful or not required`)
}

/** Network thresholds against peers of the same role, from this host's connectivity report. */
function peerThreshold(c: Ctx, kind: 'latency' | 'loss'): ValidationResult {
  const what = kind === 'latency' ? 'Network latency' : 'Packet loss'
  const satisfied = ok(`${what} requirement has been satisfied.`)
  if (!c.host.inv) return pend(MISSING_INVENTORY)
  const cluster = c.cluster
  if (!cluster || c.singleNode || c.day2 || cluster.hosts.size <= 1) return satisfied
  const role = c.host.bootstrap ? 'master' : c.host.effectiveRole()
  if (role === 'auto-assign') return satisfied
  const conn = c.conn()
  if (!conn) return pend(`Missing ${kind === 'latency' ? 'network latency' : 'packet loss'} information`)
  const limit =
    kind === 'latency'
      ? (c.reqs.network_latency_threshold_ms ?? Infinity)
      : (c.reqs.packet_loss_percentage ?? Infinity)
  const problems: string[] = []
  for (const [peerId, report] of conn) {
    const peer = cluster.hosts.get(peerId)
    if (!peer || peer === c.host) continue
    const peerRole = peer.bootstrap ? 'master' : peer.effectiveRole()
    if (peerRole !== role) continue
    for (const [ip, m] of report.l3) {
      const value = kind === 'latency' ? m.rtt : m.loss
      if (value > limit) problems.push(`${ip} (${value}${kind === 'latency' ? ' ms' : '%'})`)
    }
  }
  if (problems.length) {
    return fail(
      `${what} requirement of ${limit}${kind === 'latency' ? ' ms' : '%'} for role ${role} not met by connections to: ${problems.slice(0, 5).join(', ')}`
    )
  }
  return satisfied
}

const CHECKS: Record<string, Check> = {
  connected: c => {
    const host = c.host
    if (!host.checkedInAt) return ok('Host is connected')
    if (host.progress?.currentStage && !isBeforeRebooting(host)) return ok('Host is connected')
    return c.now < disconnectionDeadline(c.sim, host) ? ok('Host is connected') : fail('Host is disconnected')
  },
  'media-connected': c =>
    c.host.mediaDisconnected
      ? fail(
          'Failed to fetch the installation media: the host lost its connection to the discovery image (media disconnected)'
        )
      : ok('Media device is connected'),
  'has-inventory': c =>
    c.host.inv
      ? ok('Valid inventory exists for the host')
      : fail('Inventory has not been received for the host'),
  'inventory-not-fully-truncated': needInventory(c =>
    c.host.inv!.truncation === 'full'
      ? fail('Inventory has been fully truncated by the agent')
      : ok('Inventory has not been fully truncated')
  ),
  'inventory-not-partially-truncated': needInventory(c =>
    c.host.inv!.truncation === 'partial'
      ? fail('Inventory has been partially truncated by the agent')
      : ok('Inventory has not been truncated')
  ),
  'has-min-cpu-cores': needInventory(c =>
    c.host.inv!.cpuCount >= c.min.cpu_cores
      ? ok('Sufficient CPU cores')
      : fail(
          `The host is not eligible to participate in Openshift Cluster because the minimum required CPU cores for any role is ${c.min.cpu_cores}, found only ${c.host.inv!.cpuCount}`
        )
  ),
  'has-min-memory': needInventory(c =>
    memoryEnough(c.host.inv!.physicalBytes, c.host.inv!.memoryMethod, c.min.ram_mib)
      ? ok('Sufficient minimum RAM')
      : fail(
          `The host is not eligible to participate in Openshift Cluster because the minimum required RAM for any role is ${c.min.ram_mib / 1024} GiB, found only ${formatGib(c.host.inv!.physicalBytes)}`
        )
  ),
  'has-min-valid-disks': needInventory(c => {
    const disks = c.host.inv!.disks
    if (disks.length === 0) return err('Failed to detect disks')
    const size = c.cluster ? c.reqs.disk_size_gb : c.min.disk_size_gb
    const arch = c.host.inv!.architecture || c.cluster?.cpuArchitecture || 'x86_64'
    return disks.some(d => diskEligible(d, size, c.version, arch))
      ? ok('Sufficient disk capacity')
      : fail('No eligible disks were found, please check specific disks to see why they are not eligible')
  }),
  'compatible-with-cluster-platform': needInventory(c => {
    const platform = c.cluster?.platformType
    if (!platform) return pend('Missing platform')
    if (platform === 'vsphere' && !/vmware/i.test(c.host.inv!.manufacturer))
      return fail(`Host is not compatible with cluster platform ${platform}`)
    if (platform === 'nutanix' && c.host.inv!.productName !== 'AHV')
      return fail(`Host is not compatible with cluster platform ${platform}`)
    return ok(`Host is compatible with cluster platform ${platform}`)
  }),
  'disk-encryption-requirements-satisfied': needInventory(c => {
    const enc = c.cluster?.diskEncryption
    if (!enc || enc.enable_on === 'none') return ok('Disk encryption is disabled')
    const role = c.host.bootstrap ? 'master' : c.host.effectiveRole()
    if (role === 'auto-assign') return pend('Missing role assignment')
    const enabledFor = enc.enable_on === 'all' || enc.enable_on.split(',').includes(`${role}s`)
    if (!enabledFor) return ok(`Disk encryption is not enabled for ${role}s`)
    if (enc.mode === 'tang') {
      return c.host.tangConnectivity.includes('"is_success":true')
        ? ok('Installation disk can be encrypted using tang')
        : fail('Could not validate that all Tang servers are reachable and working')
    }
    return c.host.inv!.tpmVersion === '2.0'
      ? ok('Installation disk can be encrypted using tpmv2')
      : fail("TPM version could not be found, make sure TPM is enabled in host's BIOS")
  }),
  'machine-cidr-defined': c => {
    const cluster = c.cluster
    if (!cluster) return pend('Missing cluster')
    if (c.umn || c.day2) return ok('No Machine Network CIDR needed: User Managed Networking')
    if (cluster.machineNetworks.length) return ok('Machine Network CIDR is defined')
    if (cluster.vipDhcpAllocation) return fail('Machine Network CIDR is undefined')
    return fail(
      'Machine Network CIDR is undefined; the Machine Network CIDR can be defined by setting either the API or Ingress virtual IPs'
    )
  },
  'vsphere-disk-uuid-enabled': needInventory(c => {
    if (c.cluster?.platformType !== 'vsphere')
      return ok('VSphere disk.EnableUUID is enabled for this virtual machine')
    return c.host.inv!.disks.every(d => d.hasUuid)
      ? ok('VSphere disk.EnableUUID is enabled for this virtual machine')
      : fail(
          "VSphere disk.EnableUUID isn't enabled for this virtual machine, it's necessary for disks to be mounted properly"
        )
  }),
  'has-cpu-cores-for-role': needInventory(c =>
    c.host.inv!.cpuCount >= c.reqs.cpu_cores
      ? ok(`Sufficient CPU cores for role ${c.roleName()}`)
      : fail(
          `Require at least ${c.reqs.cpu_cores} CPU cores for ${c.roleName()} role, found only ${c.host.inv!.cpuCount}`
        )
  ),
  'has-memory-for-role': needInventory(c =>
    memoryEnough(c.host.inv!.physicalBytes, c.host.inv!.memoryMethod, c.reqs.ram_mib)
      ? ok(`Sufficient RAM for role ${c.roleName()}`)
      : fail(
          `Require at least ${c.reqs.ram_mib / 1024} GiB RAM for role ${c.roleName()}, found only ${formatGib(c.host.inv!.physicalBytes)}`
        )
  ),
  'hostname-unique': needInventory(c => {
    const name = c.host.hostname()
    if (c.cluster && (c.cluster.hostnameCounts.get(name) ?? 0) > 1)
      return fail(`Hostname ${name} is not unique in cluster`)
    return ok(`Hostname ${name} is unique in cluster`)
  }),
  'hostname-valid': needInventory(c => {
    const problem = hostnameProblem(c.host.hostname())
    return problem ? fail(problem) : ok(`Hostname ${c.host.hostname()} is allowed`)
  }),
  'belongs-to-machine-cidr': c => {
    const cluster = c.cluster
    if (!c.host.inv) return pend('Missing inventory or machine network CIDR')
    if (c.day2) return ok('No machine network CIDR validation needed: Day2 host')
    if (c.umn && !c.singleNode && !c.host.bootstrap)
      return ok('No machine network CIDR validation needed: User Managed Networking')
    if (!cluster || cluster.machineNetworks.length === 0)
      return pend('Missing inventory or machine network CIDR')
    const addresses = c.host.inv.nics
      .flatMap(n => [...n.ipv4, ...n.ipv6])
      .map(a => parseIp(addressOf(a)))
      .filter(x => x !== undefined)
    for (const mn of cluster.machineNetworks) {
      const net = parseCidr(mn.cidr)
      if (!net || !addresses.some(a => cidrContains(net, a))) {
        return fail(
          'Host does not belong to machine network CIDRs. Verify that the host belongs to every CIDR listed under machine networks'
        )
      }
    }
    return ok('Host belongs to all machine network CIDRs')
  },
  'ignition-downloadable': c => {
    if (!c.day2) return ok('No API connectivity needed: Day1')
    if (!c.host.apiVipConnectivity) return pend('Ignition is not ready, pending API connectivity')
    return c.host.apiVipConnectivity.includes('"is_success":true')
      ? ok('Ignition is downloadable')
      : fail('Ignition is not downloadable. Please ensure that the API VIP is reachable from the host')
  },
  'belongs-to-majority-group': c => {
    const cluster = c.cluster
    if (!c.host.inv) return pend('Machine Network CIDR or Connectivity Majority Groups missing')
    if (!cluster || c.singleNode || c.day2)
      return ok('Host has connectivity to the majority of hosts in the cluster')
    const keys = c.umn ? ['IPv4'] : cluster.machineNetworks.map(m => m.cidr)
    if (keys.length === 0) return pend('Machine Network CIDR or Connectivity Majority Groups missing')
    const member = keys.every(k => cluster.majorityGroups.get(k)?.has(c.host.id))
    if (member) return ok('Host has connectivity to the majority of hosts in the cluster')
    if (cluster.hosts.size < 3) return pend('Not enough hosts in cluster to calculate connectivity groups')
    return fail('No connectivity to the majority of hosts in the cluster')
  },
  'valid-platform-network-settings': needInventory(c =>
    c.host.inv!.productName === 'OpenStack Compute' && !c.umn
      ? fail(
          'Platform OpenStack Compute is allowed only for Single Node OpenShift or user-managed networking'
        )
      : ok(`Platform ${c.host.inv!.productName || 'unknown'} is allowed`)
  ),
  'ntp-synced': c =>
    c.host.ntpSynced ? ok('Host NTP is synced') : fail("Host couldn't synchronize with any NTP server"),
  'time-synced-between-host-and-service': c => {
    if (!c.host.timestamp) return pend('Missing host time, the host has not reported it yet')
    const diffMs = c.now - c.host.timestamp * 1000
    if (diffMs > 20 * 60_000 || -diffMs > 60 * 60_000) {
      return fail(
        'Host clock is not synchronized, there is more than 20 minutes gap between clocks, please configure NTP on host'
      )
    }
    return ok('Host clock is synchronized with service')
  },
  'container-images-available': c => {
    const images = c.host.images
    if (images) {
      const failed = [...images.values()]
        .filter(i => i.result === 'failure' || ((i.size_bytes ?? 0) > 0 && (i.download_rate ?? 0) < 0.001))
        .map(i => i.name)
      if (failed.length)
        return fail(`Failed to fetch container images needed for installation from ${failed.join(',')}`)
    }
    return ok(
      'All required container images were either pulled successfully or no attempt was made to pull them'
    )
  },
  'sufficient-installation-disk-speed': c => {
    const result = c.host.diskSpeed
    if (
      !result ||
      !result.tested ||
      (c.host.installationDiskId && result.path !== c.host.installationDiskId)
    ) {
      return ok('Speed of installation disk has not yet been measured')
    }
    return result.exitCode === 0
      ? ok('Speed of installation disk is sufficient')
      : fail(
          'While preparing the previous installation the installation disk speed measurement failed or was found to be insufficient'
        )
  },
  'sufficient-network-latency-requirement-for-role': c => peerThreshold(c, 'latency'),
  'sufficient-packet-loss-requirement-for-role': c => peerThreshold(c, 'loss'),
  'has-default-route': needInventory(c =>
    c.host.inv!.hasDefaultRoute
      ? ok('Host has been configured with at least one default route.')
      : fail('Host has not yet been configured with a default route.')
  ),
  'api-domain-name-resolved-correctly': c => resolvesCorrectly(c, 'api', 'api'),
  'api-int-domain-name-resolved-correctly': c => resolvesCorrectly(c, 'apiInt', 'api-int'),
  'apps-domain-name-resolved-correctly': c => resolvesCorrectly(c, 'apps', 'apps'),
  'dns-wildcard-not-configured': c => {
    const cluster = c.cluster
    if (c.day2) return ok('DNS wildcard check is not required for day2')
    const domains = cluster && clusterDomains(cluster)
    if (!domains) return ok('DNS wildcard check is not required without a cluster name and base domain')
    const dns = c.dns()
    if (!dns)
      return pend(
        'DNS wildcard check cannot be performed yet because the host has not yet performed DNS resolution'
      )
    const a = dns.get(domains.wildcard)
    const b = dns.get(domains.wildcardDot)
    if (!a || !b)
      return err(
        'DNS wildcard check cannot be performed: the host did not report a resolution for the wildcard check names'
      )
    const resolves = (r: Resolution): boolean => r.ipv4.length + r.ipv6.length + r.cnames.length > 0
    if (resolves(a) || resolves(b)) {
      return fail(
        `DNS wildcard configuration was detected for domain *.${cluster!.name}.${cluster!.baseDnsDomain} - the installation will not be able to complete while this record exists. Please remove it to proceed.`
      )
    }
    return ok('DNS wildcard check was successful')
  },
  'non-overlapping-subnets': needInventory(c => {
    const nets = c.host.inv!.nics.flatMap(n =>
      [...n.ipv4, ...n.ipv6].map(a => ({ nic: n.name, net: parseCidr(a), text: a }))
    )
    for (let i = 0; i < nets.length; i++) {
      for (let j = i + 1; j < nets.length; j++) {
        const x = nets[i]!
        const y = nets[j]!
        if (x.nic !== y.nic && x.net && y.net && cidrsOverlap(x.net, y.net)) {
          return fail(`Address networks are overlapping: ${x.text} (${x.nic}) and ${y.text} (${y.nic})`)
        }
      }
    }
    return ok('Host subnets are not overlapping')
  }),
  'compatible-agent': c => {
    if (!c.sim.opts.enableUpgradeAgent || c.sim.opts.disabledSteps.has('upgrade-agent'))
      return ok('Host agent compatibility checking is disabled')
    return c.host.agentVersion === c.sim.opts.agentImage
      ? ok('Host agent is compatible with the service')
      : fail("This host's agent is not compatible with the service")
  },
  'no-skip-installation-disk': c => {
    const skipped = skippedDisks(c.host)
    if (c.host.installationDiskId && skipped.includes(c.host.installationDiskId)) {
      return fail(
        "Requesting to skip the formatting of the installation disk is not allowed. The installation disk must be formatted. Please either change this host's installation disk or do not skip the formatting of the installation disk"
      )
    }
    return ok('No request to skip formatting of the installation disk')
  },
  'no-skip-missing-disk': c => {
    const skipped = skippedDisks(c.host)
    if (!c.host.inv)
      return skipped.length
        ? pend(MISSING_INVENTORY)
        : ok('All disks that have skipped formatting are present in the host inventory')
    const missing = skipped.filter(
      id => !c.host.inv!.disks.some(d => d.id === id || d.byId === id || d.path === id)
    )
    return missing.length
      ? fail(
          `One or more of the disks that were requested to be skipped from formatting are missing from the host inventory: ${missing.join(', ')}`
        )
      : ok('All disks that have skipped formatting are present in the host inventory')
  },
  'no-ip-collisions-in-network': needInventory(c => {
    const collisions = c.cluster?.ipCollisions
    if (collisions?.size) {
      const mine = [...c.hostAddresses()].filter(a => collisions.has(a))
      if (mine.length) return fail(`Collisions detected for host IP addresses: ${mine.join(', ')}`)
    }
    return ok(`No IP collisions were detected by host ${c.sim.hostName(c.host)}`)
  }),
  'no-iscsi-nic-belongs-to-machine-cidr': c => {
    const disk = c.host.inv?.disks.find(d => d.id === c.host.installationDiskId)
    if (!disk || disk.driveType !== 'iSCSI') return ok('Installation disk is not iSCSI')
    const ip = parseIp(disk.iscsiHostIp)
    if (!ip) return pend('The host address used to reach the iSCSI target is not known yet')
    const inMachineNetwork = (c.cluster?.machineNetworks ?? []).some(m => {
      const net = parseCidr(m.cidr)
      return net !== undefined && cidrContains(net, ip)
    })
    return inMachineNetwork
      ? fail('Network interface connected to the iSCSI disk cannot belong to the machine network CIDRs')
      : ok('Network interface connected to the iSCSI disk does not belong to the machine network CIDRs')
  },
  'mtu-valid': c => {
    const conn = c.conn()
    if (conn) for (const r of conn.values()) if (r.mtuFailed) return fail('MTU is too small for the network')
    return ok('MTU is ok')
  }
}

for (const op of OPERATOR_IDS) {
  const result = ok(`${op} is disabled`)
  CHECKS[`${op}-requirements-satisfied`] = () => result
}

/** Disk ids the user asked not to format (`disks_skip_formatting`). */
export function skippedDisks(host: HostRecord): string[] {
  return host.skipFormattingDisks ? host.skipFormattingDisks.split(',').filter(Boolean) : []
}

function formatGib(bytes: number): string {
  return `${Math.round((bytes / 1024 ** 3) * 100) / 100} GiB`
}

export interface HostValidationOutcome {
  /** One character per HOST_VALIDATIONS entry. */
  codes: string
  messages: string[]
}

/** Runs every host validation (the subset for unbound hosts) and applies the disabled list. */
export function evaluateHostValidations(
  sim: SimContext,
  host: HostRecord,
  cluster: ClusterRecord | undefined,
  now: number
): HostValidationOutcome {
  const ctx = new Ctx(sim, host, cluster, now)
  const unbound = !cluster
  const disabled = sim.opts.disabledHostValidations
  const useDisabled = !cluster || cluster.ignoredHostValidations.length === 0
  let codes = ''
  const messages: string[] = []
  for (const spec of HOST_VALIDATIONS) {
    if (unbound && !spec.unbound) {
      codes += V.absent
      messages.push('')
      continue
    }
    if (useDisabled && disabled.has(spec.id)) {
      codes += V.disabled
      messages.push('Validation disabled')
      continue
    }
    const result = CHECKS[spec.id]!(ctx)
    codes += result.code
    messages.push(result.message)
  }
  return { codes, messages }
}

/** Validations a cluster's ignore list covers (never the mandatory ones). */
export function hostValidationIgnored(cluster: ClusterRecord | undefined, spec: HostValidationSpec): boolean {
  if (!cluster || spec.mandatory || cluster.ignoredHostValidations.length === 0) return false
  return cluster.ignoredHostValidations.includes('all') || cluster.ignoredHostValidations.includes(spec.id)
}
