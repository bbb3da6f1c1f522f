/**
 * The simulator's records. Hosts are classes with fixed fields (one V8 shape, no per-host dictionaries) and
 * keep only what the service keeps: the stored reply texts plus small parsed summaries the validations need.
 * Times are milliseconds since the epoch; 0 means "never" (rendered as Go's zero time, like the real API).
 */
export type HostStatus =
  | 'discovering'
  | 'known'
  | 'disconnected'
  | 'insufficient'
  | 'pending-for-input'
  | 'preparing-for-installation'
  | 'preparing-successful'
  | 'preparing-failed'
  | 'installing'
  | 'installing-in-progress'
  | 'installing-pending-user-action'
  | 'resetting-pending-user-action'
  | 'installed'
  | 'error'
  | 'resetting'
  | 'added-to-existing-cluster'
  | 'cancelled'
  | 'binding'
  | 'unbinding'
  | 'unbinding-pending-user-action'
  | 'known-unbound'
  | 'disconnected-unbound'
  | 'insufficient-unbound'
  | 'discovering-unbound'
  | 'reclaiming'
  | 'reclaiming-rebooting'

export type ClusterStatus =
  | 'insufficient'
  | 'ready'
  | 'error'
  | 'preparing-for-installation'
  | 'pending-for-input'
  | 'installing'
  | 'finalizing'
  | 'installed'
  | 'adding-hosts'
  | 'cancelled'
  | 'installing-pending-user-action'
  | 'unmonitored'

export type HostRole = 'auto-assign' | 'master' | 'arbiter' | 'worker' | 'bootstrap'

export const UNBOUND_STATUSES: ReadonlySet<HostStatus> = new Set([
  'known-unbound',
  'disconnected-unbound',
  'insufficient-unbound',
  'discovering-unbound',
  'reclaiming',
  'reclaiming-rebooting',
  'unbinding',
  'unbinding-pending-user-action'
])

/** Pre-installation statuses of a bound host (those the discovery refresh rules handle). */
export const DISCOVERY_STATUSES: ReadonlySet<HostStatus> = new Set([
  'discovering',
  'insufficient',
  'pending-for-input',
  'known',
  'disconnected'
])

export const INSTALLING_STATUSES: ReadonlySet<HostStatus> = new Set([
  'installing',
  'installing-in-progress',
  'installing-pending-user-action'
])

export interface DiskSummary {
  id: string
  name: string
  path: string
  byId: string
  byPath: string
  sizeBytes: number
  driveType: string
  bootable: boolean
  removable: boolean
  installationMedia: boolean
  hasUuid: boolean
  /** Not-eligible reasons the agent sent. */
  agentReasons: string[]
  /** The agent sent an explicit verdict (eligible or reasons). */
  agentVerdict: boolean
  agentEligible: boolean
  hctl: string
  /** For iSCSI disks: the host address used to reach the target. */
  iscsiHostIp: string
}

export interface NicSummary {
  name: string
  mac: string
  type: string
  ipv4: string[]
  ipv6: string[]
}

/** What validations and step builders need from an inventory; the full text stays in `HostRecord.inventory`. */
export interface InventorySummary {
  hostname: string
  cpuCount: number
  architecture: string
  physicalBytes: number
  memoryMethod: string
  disks: DiskSummary[]
  nics: NicSummary[]
  hasDefaultRoute: boolean
  productName: string
  manufacturer: string
  tpmVersion: string
  truncation: '' | 'partial' | 'full'
  bootDeviceType: string
}

/** Per remote host: what this host's connectivity report says about it. */
export interface RemoteConnectivity {
  /** Remote addresses reached over L2 (and, for IPv6, L3). */
  l2: Set<string>
  /** Remote addresses reached over L3, with RTT and loss. */
  l3: Map<string, { rtt: number; loss: number }>
  /** `remote_ip_address` → `remote_mac` reported over L2 (for IP-collision detection). */
  macs: Map<string, string>
  mtuFailed: boolean
}

export interface HostProgress {
  currentStage: string
  progressInfo: string
  stageStartedAt: number
  stageUpdatedAt: number
  installationPercentage: number
  stageTimedOut: boolean
}

export interface DiskSpeedResult {
  path: string
  tested: boolean
  exitCode: number
  speedMs: number
}

/** Times are stored relative to this epoch so they stay small integers (unboxed) in every host record. */
export const TIME_EPOCH = Date.now()

/**
 * A time as an offset from TIME_EPOCH, typed as a 32-bit integer when it fits (±24 days), so V8 keeps the field
 * unboxed; a time outside that range (a state file from long ago) stays a plain number.
 */
export function sinceEpoch(time: number): number {
  const offset = time - TIME_EPOCH
  return offset === (offset | 0) ? offset | 0 : offset
}

export type ImageStatus = {
  name: string
  result: string
  size_bytes?: number
  time?: number
  download_rate?: number
}

/** Host fields most hosts never set, allocated on first write (keeps the common host small). */
class HostExtras {
  requestedHostname = ''
  userDiskId = ''
  diskSpeed: DiskSpeedResult | null = null
  images: Map<string, ImageStatus> | null = null
  apiVipConnectivity = ''
  tangConnectivity = ''
  progress: HostProgress | null = null
  logsInfo = ''
  logsStartedAt = 0
  logsCollectedAt = 0
  installerVersion = ''
  installerArgs = ''
  machineConfigPoolName = ''
  ignitionConfigOverrides = ''
  nodeLabels = ''
  disksToBeFormatted = ''
  skipFormattingDisks = ''
  connectionTimedOut = false
}

const NO_EXTRAS: Readonly<HostExtras> = Object.freeze(new HostExtras())

/** The public fields persistence copies (everything a host needs besides derived data). */
export const HOST_FIELDS = [
  'kind',
  'status',
  'statusInfo',
  'statusUpdatedAt',
  'updatedAt',
  'registeredAt',
  'checkedInAt',
  'role',
  'suggestedRole',
  'bootstrap',
  'agentVersion',
  'timestamp',
  'inventory',
  'installationDiskId',
  'installationDiskPath',
  'mediaDisconnected',
  'ntpSources',
  'ntpSynced',
  'domainResolutions',
  'connectivity',
  'freeAddresses',
  'validations',
  ...(Object.keys(new HostExtras()).filter(k => k !== 'images') as (keyof HostExtras)[])
] as const

export class HostRecord {
  kind: 'Host' | 'AddToExistingClusterHost' = 'Host'
  status: HostStatus = 'discovering'
  statusInfo = ''
  private tStatus = 0
  private tUpdated = 0
  private tRegistered = 0
  private tCheckedIn = 0
  private tCreated = 0
  private tQueued = 0
  private queued = false
  role: HostRole = 'auto-assign'
  suggestedRole: HostRole | '' = ''
  bootstrap = false
  agentVersion = ''
  /** Host clock (unix seconds) from the last GET instructions; 0 when never sent. */
  timestamp = 0
  /** The stored inventory text (re-marshalled as the service stores it). */
  inventory = ''
  inv: InventorySummary | null = null
  /** The free-network-addresses step arguments (JSON array text), derived from the inventory; '' when none. */
  freeNetworksArgs = ''
  installationDiskId = ''
  installationDiskPath = ''
  mediaDisconnected = false
  ntpSources = ''
  ntpSynced = false
  domainResolutions = ''
  connectivity = ''
  freeAddresses = ''
  /** Validation statuses, one character per entry of HOST_VALIDATIONS (see validations/host-validations.ts). */
  validations = ''
  /** Set while the host waits in the dirty set. */
  dirty = false
  private x: HostExtras | null = null

  constructor(
    readonly id: string,
    public infraEnvId: string,
    public clusterId: string | null,
    createdAt: number
  ) {
    const t = sinceEpoch(createdAt)
    this.tCreated = t
    this.tStatus = t
    this.tUpdated = t
    this.tRegistered = t
    this.tCheckedIn = t
  }

  private get ro(): Readonly<HostExtras> {
    return this.x ?? NO_EXTRAS
  }

  private get rw(): HostExtras {
    return (this.x ??= new HostExtras())
  }

  get createdAt(): number {
    return this.tCreated + TIME_EPOCH
  }
  get statusUpdatedAt(): number {
    return this.tStatus + TIME_EPOCH
  }
  set statusUpdatedAt(v: number) {
    this.tStatus = sinceEpoch(v)
  }
  get updatedAt(): number {
    return this.tUpdated + TIME_EPOCH
  }
  set updatedAt(v: number) {
    this.tUpdated = sinceEpoch(v)
  }
  get registeredAt(): number {
    return this.tRegistered + TIME_EPOCH
  }
  set registeredAt(v: number) {
    this.tRegistered = sinceEpoch(v)
  }
  get checkedInAt(): number {
    return this.tCheckedIn + TIME_EPOCH
  }
  set checkedInAt(v: number) {
    this.tCheckedIn = sinceEpoch(v)
  }
  /** Scheduler bookkeeping: the deadline this host is queued for (0: not queued). */
  get queuedDeadline(): number {
    return this.queued ? this.tQueued + TIME_EPOCH : 0
  }
  set queuedDeadline(v: number) {
    this.queued = v !== 0
    this.tQueued = v === 0 ? 0 : sinceEpoch(v)
  }

  get requestedHostname(): string {
    return this.ro.requestedHostname
  }
  set requestedHostname(v: string) {
    if (v || this.x) this.rw.requestedHostname = v
  }
  /** The user's disk choice (disks_selected_config with role install). */
  get userDiskId(): string {
    return this.ro.userDiskId
  }
  set userDiskId(v: string) {
    if (v || this.x) this.rw.userDiskId = v
  }
  get diskSpeed(): DiskSpeedResult | null {
    return this.ro.diskSpeed
  }
  set diskSpeed(v: DiskSpeedResult | null) {
    if (v || this.x) this.rw.diskSpeed = v
  }
  /** Image name → status as stored (`images_status` JSON is built from it). */
  get images(): Map<string, ImageStatus> | null {
    return this.ro.images
  }
  set images(v: Map<string, ImageStatus> | null) {
    if (v || this.x) this.rw.images = v
  }
  get apiVipConnectivity(): string {
    return this.ro.apiVipConnectivity
  }
  set apiVipConnectivity(v: string) {
    if (v || this.x) this.rw.apiVipConnectivity = v
  }
  get tangConnectivity(): string {
    return this.ro.tangConnectivity
  }
  set tangConnectivity(v: string) {
    if (v || this.x) this.rw.tangConnectivity = v
  }
  get progress(): HostProgress | null {
    return this.ro.progress
  }
  set progress(v: HostProgress | null) {
    if (v || this.x) this.rw.progress = v
  }
  get logsInfo(): string {
    return this.ro.logsInfo
  }
  set logsInfo(v: string) {
    if (v || this.x) this.rw.logsInfo = v
  }
  get logsStartedAt(): number {
    return this.ro.logsStartedAt
  }
  set logsStartedAt(v: number) {
    if (v || this.x) this.rw.logsStartedAt = v
  }
  get logsCollectedAt(): number {
    return this.ro.logsCollectedAt
  }
  set logsCollectedAt(v: number) {
    if (v || this.x) this.rw.logsCollectedAt = v
  }
  get installerVersion(): string {
    return this.ro.installerVersion
  }
  set installerVersion(v: string) {
    if (v || this.x) this.rw.installerVersion = v
  }
  get installerArgs(): string {
    return this.ro.installerArgs
  }
  set installerArgs(v: string) {
    if (v || this.x) this.rw.installerArgs = v
  }
  get machineConfigPoolName(): string {
    return this.ro.machineConfigPoolName
  }
  set machineConfigPoolName(v: string) {
    if (v || this.x) this.rw.machineConfigPoolName = v
  }
  get ignitionConfigOverrides(): string {
    return this.ro.ignitionConfigOverrides
  }
  set ignitionConfigOverrides(v: string) {
    if (v || this.x) this.rw.ignitionConfigOverrides = v
  }
  get nodeLabels(): string {
    return this.ro.nodeLabels
  }
  set nodeLabels(v: string) {
    if (v || this.x) this.rw.nodeLabels = v
  }
  get disksToBeFormatted(): string {
    return this.ro.disksToBeFormatted
  }
  set disksToBeFormatted(v: string) {
    if (v || this.x) this.rw.disksToBeFormatted = v
  }
  get skipFormattingDisks(): string {
    return this.ro.skipFormattingDisks
  }
  set skipFormattingDisks(v: string) {
    if (v || this.x) this.rw.skipFormattingDisks = v
  }
  get connectionTimedOut(): boolean {
    return this.ro.connectionTimedOut
  }
  set connectionTimedOut(v: boolean) {
    if (v || this.x) this.rw.connectionTimedOut = v
  }

  /** The hostname validations use: the user's, else the inventory's. */
  hostname(): string {
    return this.requestedHostname || this.inv?.hostname || ''
  }

  /** The role validations and requirements use: the assigned one, else the suggestion, else worker. */
  effectiveRole(): HostRole {
    if (this.role !== 'auto-assign') return this.role
    return this.suggestedRole || 'auto-assign'
  }
}

export interface Vip {
  ip: string
  verification: 'unverified' | 'failed' | 'succeeded'
}

export interface MonitoredOperator {
  name: string
  operator_type: 'builtin' | 'olm'
  namespace: string
  subscription_name: string
  timeout_seconds: number
  version: string
  status: '' | 'failed' | 'progressing' | 'available'
  status_info: string
  status_updated_at: number
  properties: string
}

export interface ClusterProgress {
  finalizingStage: string
  finalizingStageStartedAt: number
  finalizingStageTimedOut: boolean
}

export class ClusterRecord {
  kind: 'Cluster' | 'AddHostsCluster' = 'Cluster'
  status: ClusterStatus = 'insufficient'
  statusInfo = ''
  statusUpdatedAt = 0
  updatedAt = 0
  name = ''
  openshiftVersion = ''
  releaseImage = ''
  cpuArchitecture = 'x86_64'
  baseDnsDomain = ''
  clusterNetworks: { cidr: string; host_prefix: number }[] = []
  serviceNetworks: { cidr: string }[] = []
  machineNetworks: { cidr: string }[] = []
  apiVips: Vip[] = []
  ingressVips: Vip[] = []
  controlPlaneCount = 3
  userManagedNetworking = false
  vipDhcpAllocation = false
  networkType = 'OVNKubernetes'
  platformType = 'baremetal'
  pullSecret = ''
  sshPublicKey = ''
  httpProxy = ''
  httpsProxy = ''
  noProxy = ''
  additionalNtpSource = ''
  hyperthreading = 'all'
  schedulableMasters = false
  tags = ''
  diskEncryption: { enable_on: string; mode: string; tang_servers: string } = {
    enable_on: 'none',
    mode: 'tpmv2',
    tang_servers: ''
  }
  loadBalancerType = 'cluster-managed'
  /** Imported (day-2) clusters: the API DNS name hosts fetch their ignition from. */
  apiVipDnsName = ''
  installConfigOverrides = ''
  openshiftClusterId = ''
  installStartedAt = 0
  installCompletedAt = 0
  progress: ClusterProgress = {
    finalizingStage: '',
    finalizingStageStartedAt: 0,
    finalizingStageTimedOut: false
  }
  monitoredOperators: MonitoredOperator[] = []
  lastPreparation: { status: 'not_started' | 'failed' | 'success'; reason: string } = {
    status: 'not_started',
    reason: ''
  }
  /** Set when the (dummy) ignition generation is due to finish. */
  preparationDueAt = 0
  ingressCertUploaded = false
  logsInfo = ''
  controllerLogsStartedAt = 0
  controllerLogsCollectedAt = 0
  /** `connectivity_majority_groups` JSON and its parsed form (CIDR or family → host ids). */
  majorityGroupsText = ''
  majorityGroups: Map<string, Set<string>> = new Map()
  /** Set when a host's inventory or connectivity changed, so groups and collisions are recomputed. */
  connectivityDirty = true
  ipCollisionsText = ''
  /** Addresses reported with more than one MAC. */
  ipCollisions: Set<string> = new Set()
  ignoredHostValidations: string[] = []
  ignoredClusterValidations: string[] = []
  validations = ''
  /** Hosts in registration order. */
  readonly hosts = new Map<string, HostRecord>()
  /** Effective hostname → how many hosts use it (hostname-unique in O(1)). */
  readonly hostnameCounts = new Map<string, number>()
  /** Cached step arguments (JSON-escaped) keyed by step type; cleared when the cluster or its hosts change. */
  stepArgs: Map<string, string> = new Map()
  /** Cached connectivity-check entries per host (JSON text), for building each host's peer list. */
  connectivityEntries: Map<string, string> | null = null
  connectivityAdmissions: { minute: number; count: number } = { minute: 0, count: 0 }
  queuedDeadline = 0
  dirty = false

  constructor(
    readonly id: string,
    readonly createdAt: number
  ) {
    this.statusUpdatedAt = createdAt
    this.updatedAt = createdAt
  }

  isSingleNode(): boolean {
    return this.controlPlaneCount === 1
  }
}

export class InfraEnvRecord {
  name = ''
  clusterId: string | null = null
  openshiftVersion = ''
  cpuArchitecture = 'x86_64'
  pullSecret = ''
  sshAuthorizedKey = ''
  imageType = 'full-iso'
  proxy: { http_proxy?: string; https_proxy?: string; no_proxy?: string } = {}
  additionalNtpSources = ''
  ignitionConfigOverride = ''
  staticNetworkConfig = ''
  kernelArguments = ''
  additionalTrustBundle = ''
  updatedAt = 0
  expiresAt = 0
  readonly hosts = new Map<string, HostRecord>()

  constructor(
    readonly id: string,
    readonly createdAt: number
  ) {
    this.updatedAt = createdAt
  }
}
