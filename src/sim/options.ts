import type { Logger } from '../util/logging.js'
import { silentLogger } from '../util/logging.js'
import { ConfigurationError } from '../util/errors.js'
import { HwRequirements, type HwRequirementsEntry } from './config/hw-requirements.js'
import {
  checkImages,
  DEFAULT_OS_IMAGES,
  DEFAULT_RELEASE_IMAGES,
  type OsImage,
  type ReleaseImage
} from './config/releases.js'
import { timingsFor, type SimTimings, type TimingProfile } from './config/timings.js'
import type { FaultSettings } from './http/faults.js'

export const DEFAULT_AGENT_IMAGE = 'quay.io/edge-infrastructure/assisted-installer-agent:latest'
export const DEFAULT_INSTALLER_IMAGE = 'quay.io/edge-infrastructure/assisted-installer:latest'
export const DEFAULT_CONTROLLER_IMAGE = 'quay.io/edge-infrastructure/assisted-installer-controller:latest'

/** Options of `startSimulator()`; every field is optional. */
export interface SimulatorOptions {
  /** Listen address; only loopback makes sense for tests (default 127.0.0.1). */
  host?: string
  /** Listen port (default 8090; 0 picks a free one). */
  port?: number
  /** `fast` (default; monitors every second) or `real` (8 s / 10 s monitors, 60 s polls). */
  profile?: TimingProfile
  /** Overrides of single timings, in milliseconds. */
  timings?: Partial<SimTimings>
  /** SERVICE_BASE_URL: what goes into ignition and `next_step_runner_command`. Default: the simulator's own URL. */
  serviceBaseUrl?: string
  /** IMAGE_SERVICE_BASE_URL for infra-env `download_url`. Default: the simulator's own URL (it serves `/images/...`). */
  imageServiceBaseUrl?: string
  /** AGENT_DOCKER_IMAGE. */
  agentImage?: string
  /** ENABLE_UPGRADE_AGENT (default true): a host reporting another agent version gets only `upgrade-agent`. */
  enableUpgradeAgent?: boolean
  installerImage?: string
  controllerImage?: string
  /** RELEASE_IMAGES (default: 4.14 … 4.22, x86_64 and arm64). */
  releaseImages?: ReleaseImage[]
  /** OS_IMAGES (default: one per release version and architecture). */
  osImages?: OsImage[]
  /** MUST_GATHER_IMAGES-like map `"<x.y>-<arch>"` → image; default `quay.io/openshift-release-dev/ocp-v4.0-art-dev:must-gather-<x.y>`. */
  mustGatherImages?: Record<string, string>
  /** HW_VALIDATOR_REQUIREMENTS: the JSON text or the parsed list (default: the shipped defaults). */
  hwRequirements?: string | HwRequirementsEntry[]
  /** ENABLE_SINGLE_NODE_DNSMASQ (default true, like the deploy configs). */
  enableSingleNodeDnsmasq?: boolean
  /** CHECK_CLUSTER_VERSION: adds the builtin `cvo` monitored operator (default false). */
  checkClusterVersion?: boolean
  /** ENABLE_AUTO_ASSIGN (default true). */
  enableAutoAssign?: boolean
  /** ENABLE_VIRTUAL_INTERFACES (default false): keep only physical, bond and vlan NICs otherwise. */
  enableVirtualInterfaces?: boolean
  /** DISABLED_HOST_VALIDATIONS / DISABLED_CLUSTER_VALIDATIONS / DISABLED_STEPS. */
  disabledHostValidations?: string[]
  disabledClusterValidations?: string[]
  disabledSteps?: string[]
  /** SKIP_CERT_VERIFICATION handed to agents through the discovery ignition. */
  skipCertVerification?: boolean
  /** PEM of the service CA, written into the discovery ignition (SERVICE_CA_CERT_PATH). */
  serviceCaCertPem?: string
  /** Authentication; both off by default. */
  auth?: {
    /** Agent key: agent routes require `X-Secret-Key: <agentKey>`; it is the discovery ignition's PULL_SECRET_TOKEN. */
    agentKey?: string
    /** User token: user routes require `Authorization: Bearer <userToken>`. */
    userToken?: string
  }
  /** Fault injection at start (the admin endpoint can change it later). */
  faults?: FaultSettings
  /** State file: restored on start when it exists, saved periodically and on close. */
  stateFile?: string
  /** How often state is saved while running (default 30 s; 0: only on close). */
  persistIntervalMs?: number
  /** Largest accepted request body (default 32 MiB); larger ones get 413. */
  bodyLimitBytes?: number
  /** Events kept per cluster (or per unbound infra-env) before the oldest are dropped (default 5000). */
  eventsPerScope?: number
  /** Expose `/admin/*` (fault injection, persist); default true. */
  enableAdmin?: boolean
  /** Seed of the simulator's random choices (fault injection); default 1. */
  seed?: number
  /** The clock (ms since the epoch); tests may inject one. */
  now?: () => number
  logger?: Logger
  /**
   * kube-api mode (`startSimulator` only): a kubeconfig of the API server whose CRs the simulator acts on
   * (src/sim/kube). Agents then need the token of the discovery ignition and user routes are closed.
   */
  kubeconfig?: string
  /** kube-api mode: the kubeconfig context (default: the current one). */
  kubeContext?: string
}

/** The options with every default filled in, as the rest of the simulator sees them. */
export interface ResolvedOptions {
  host: string
  port: number
  profile: TimingProfile
  timings: SimTimings
  serviceBaseUrl: string | undefined
  imageServiceBaseUrl: string | undefined
  agentImage: string
  enableUpgradeAgent: boolean
  installerImage: string
  controllerImage: string
  releaseImages: ReleaseImage[]
  osImages: OsImage[]
  mustGatherImages: Record<string, string>
  hw: HwRequirements
  enableSingleNodeDnsmasq: boolean
  checkClusterVersion: boolean
  enableAutoAssign: boolean
  enableVirtualInterfaces: boolean
  disabledHostValidations: Set<string>
  disabledClusterValidations: Set<string>
  disabledSteps: Set<string>
  skipCertVerification: boolean
  serviceCaCertPem: string | undefined
  agentKey: string | undefined
  userToken: string | undefined
  faults: FaultSettings
  stateFile: string | undefined
  persistIntervalMs: number
  bodyLimitBytes: number
  eventsPerScope: number
  enableAdmin: boolean
  seed: number
  now: () => number
  logger: Logger
}

const IMAGE_REFERENCE = /^(([a-zA-Z0-9\-.]+)(:[0-9]+)?\/)?[a-z0-9._\-/@]+[?::a-zA-Z0-9_\-.]+$/

export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  const problems: string[] = []
  const profile = options.profile ?? 'fast'
  if (profile !== 'fast' && profile !== 'real')
    problems.push(`profile: must be fast or real, got ${JSON.stringify(profile)}`)
  const port = options.port ?? 8090
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`port: must be 0..65535, got ${port}`)
  const timings = timingsFor(profile === 'real' ? 'real' : 'fast', options.timings)
  for (const [key, value] of Object.entries(timings)) {
    if (typeof value === 'number' && (!Number.isFinite(value) || value < 0))
      problems.push(`timings.${key}: must be >= 0 ms, got ${value}`)
  }
  if (timings.hostMonitorIntervalMs <= 0) problems.push('timings.hostMonitorIntervalMs: must be > 0')
  if (timings.clusterMonitorIntervalMs <= 0) problems.push('timings.clusterMonitorIntervalMs: must be > 0')
  const agentImage = options.agentImage ?? DEFAULT_AGENT_IMAGE
  for (const [field, image] of [
    ['agent-image', agentImage],
    ['installer-image', options.installerImage ?? DEFAULT_INSTALLER_IMAGE],
    ['controller-image', options.controllerImage ?? DEFAULT_CONTROLLER_IMAGE]
  ] as const) {
    if (!IMAGE_REFERENCE.test(image))
      problems.push(`${field}: not an image reference: ${JSON.stringify(image)}`)
  }
  for (const [field, url] of [
    ['service-base-url', options.serviceBaseUrl],
    ['image-service-base-url', options.imageServiceBaseUrl]
  ] as const) {
    if (url !== undefined && !/^https?:\/\/[^\s/]+/.test(url))
      problems.push(`${field}: must be an http(s) URL, got ${JSON.stringify(url)}`)
  }
  if (problems.length) throw new ConfigurationError(problems, 'invalid simulator options:')
  const images = checkImages(
    options.releaseImages ?? DEFAULT_RELEASE_IMAGES,
    options.osImages ?? DEFAULT_OS_IMAGES
  )
  return {
    host: options.host ?? '127.0.0.1',
    port,
    profile,
    timings,
    serviceBaseUrl: options.serviceBaseUrl?.replace(/\/+$/, ''),
    imageServiceBaseUrl: options.imageServiceBaseUrl?.replace(/\/+$/, ''),
    agentImage,
    enableUpgradeAgent: options.enableUpgradeAgent ?? true,
    installerImage: options.installerImage ?? DEFAULT_INSTALLER_IMAGE,
    controllerImage: options.controllerImage ?? DEFAULT_CONTROLLER_IMAGE,
    releaseImages: images.releases,
    osImages: images.osImages,
    mustGatherImages: options.mustGatherImages ?? {},
    hw: HwRequirements.parse(options.hwRequirements),
    enableSingleNodeDnsmasq: options.enableSingleNodeDnsmasq ?? true,
    checkClusterVersion: options.checkClusterVersion ?? false,
    enableAutoAssign: options.enableAutoAssign ?? true,
    enableVirtualInterfaces: options.enableVirtualInterfaces ?? false,
    disabledHostValidations: new Set(options.disabledHostValidations ?? []),
    disabledClusterValidations: new Set(options.disabledClusterValidations ?? []),
    disabledSteps: new Set(options.disabledSteps ?? []),
    skipCertVerification: options.skipCertVerification ?? false,
    serviceCaCertPem: options.serviceCaCertPem,
    agentKey: options.auth?.agentKey || undefined,
    userToken: options.auth?.userToken || undefined,
    faults: options.faults ?? {},
    stateFile: options.stateFile,
    persistIntervalMs: options.persistIntervalMs ?? 30_000,
    bodyLimitBytes: options.bodyLimitBytes ?? 32 * 1024 * 1024,
    eventsPerScope: options.eventsPerScope ?? 5000,
    enableAdmin: options.enableAdmin ?? true,
    seed: options.seed ?? 1,
    now: options.now ?? Date.now,
    logger: options.logger ?? silentLogger
  }
}
