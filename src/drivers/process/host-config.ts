import { FEW_CORES, LOW_MEMORY_BYTES, SMALL_DISK_BYTES } from '../../agent/inventory.js'
import { formatIpv4, parseCidr } from '../../plan/ipv4.js'
import type { FailureKind, PlanCluster, PlanHost } from '../../plan/types.js'
import { ConfigurationError } from '../../util/errors.js'
import type { AgentConfig } from '../driver.js'

/** Where things are inside a box (see sandbox.ts): the same for every host, so command lines are comparable. */
export const BOX = {
  /** The patched binaries (read-only). */
  bin: '/run/swarm/bin',
  /** Run-wide files (read-only): the installer launcher, service CAs. */
  share: '/run/swarm/share',
  /** The cluster's hosts file (read-only). */
  cluster: '/run/swarm/cluster',
  /** The cluster's reboot markers (read-write, shared by its hosts and its controller). */
  markers: '/run/swarm/markers',
  /** This host's state the driver reads (read-write): the installer's arguments. */
  state: '/run/swarm/state'
} as const

export const BOX_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

/** The launcher the agent starts for the install step: checks dry run, records its arguments, becomes the installer. */
export const INSTALLER_LAUNCHER = 'installer-dry-run'
export const INSTALL_ARGS_FILE = 'install-args'
/** Exit code of the launcher when dry run is not in force (the agent reports it as the install step's). */
export const DRY_RUN_REFUSED_EXIT = 97

/** The installer launcher (POSIX sh): refuses to start the installer unless dry run is in force for it. */
export function installerLauncherScript(): string {
  return [
    '#!/bin/sh',
    '# assisted-swarm process driver: the install step of a container-free dry-run agent starts this.',
    'if [ "${DRY_ENABLE-}" != true ] || [ "${DRY_NSENTER_TARGET-}" != none ] || [ -z "${DRY_FAKE_REBOOT_MARKER_PATH-}" ]; then',
    '  echo "assisted-swarm: refusing to start the installer: dry run is not in force (DRY_ENABLE, DRY_NSENTER_TARGET=none, DRY_FAKE_REBOOT_MARKER_PATH)" >&2',
    `  exit ${DRY_RUN_REFUSED_EXIT}`,
    'fi',
    `printf '%s\\n' "$@" > ${BOX.state}/${INSTALL_ARGS_FILE}.partial && mv ${BOX.state}/${INSTALL_ARGS_FILE}.partial ${BOX.state}/${INSTALL_ARGS_FILE}`,
    `exec ${BOX.bin}/installer --dry-run --nsenter-target none --dry-coreos-installer "\${DRY_COREOS_INSTALLER:-builtin}" "$@"`,
    ''
  ].join('\n')
}

/** One line of the hosts file the installer's and controller's dry-run Kubernetes mocks read. */
export interface DryClusterHost {
  hostname: string
  ip: string
  rebootMarkerPath: string
  role: string
}

export function markerPath(hostname: string): string {
  return `${BOX.markers}/${hostname}`
}

export function clusterHostsFile(cluster: PlanCluster): DryClusterHost[] {
  return cluster.hosts.map(h => ({
    hostname: h.hostname,
    ip: h.ipv4,
    rebootMarkerPath: markerPath(h.hostname),
    role: h.role
  }))
}

/** Plan failures the real dry-run agent can show (through its hardware settings); the others it cannot. */
const SUPPORTED_FAILURES: ReadonlySet<FailureKind> = new Set(['small-disk', 'low-memory', 'few-cores'])

/** Problems with running a plan's clusters as real hosts, one line each. */
export function unsupportedFailures(clusters: readonly PlanCluster[]): string[] {
  const problems: string[] = []
  for (const cluster of clusters) {
    const kinds = new Set(cluster.hosts.flatMap(h => h.failures).filter(f => !SUPPORTED_FAILURES.has(f)))
    if (kinds.size)
      problems.push(
        `${cluster.name}: plan failures ${[...kinds].join(', ')} cannot be shown by the real dry-run agent ` +
          `(it supports ${[...SUPPORTED_FAILURES].join(', ')}); use the native driver for them`
      )
  }
  return problems
}

function reserved(cluster: PlanCluster, offset: number): string {
  const cidr = parseCidr(cluster.machineCidr)
  return cidr ? formatIpv4(cidr.base + offset) : ''
}

export interface CommandLine {
  /** argv inside the box. */
  command: string[]
  /** The complete environment inside the box. */
  env: Record<string, string>
}

export interface AgentCommandOptions {
  /** The service CA inside the box, when the agent config has one. */
  caPath?: string
  /** Where the programs are (default: the process driver's binds). */
  programs?: ProgramPaths
}

/**
 * The agent of one host, as a discovery ISO's agent.service starts it (`--url`, `--infra-env-id`,
 * `--agent-version`, `--insecure`, `--cacert`; PULL_SECRET_TOKEN in the environment), plus the dry run: the
 * host's identity, hardware, DNS answers and reboot marker as flags *and* as DRY_* variables (the processes the
 * agent starts read the environment), container-free, host commands never entering another namespace.
 */
export function agentCommand(
  host: PlanHost,
  cluster: PlanCluster,
  agent: AgentConfig,
  options: AgentCommandOptions = {}
): CommandLine {
  const programs = options.programs ?? PROCESS_PROGRAMS
  const nic = host.nics[0]
  const cidr = nic?.ipv4 ?? `${host.ipv4}/24`
  const memory = host.failures.includes('low-memory') ? LOW_MEMORY_BYTES : host.hardware.memoryBytes
  const cores = host.failures.includes('few-cores') ? FEW_CORES : host.hardware.cores
  const small = host.failures.includes('small-disk')
  const disks = host.hardware.disks.map(d => `${d.name}:${small ? SMALL_DISK_BYTES : d.sizeBytes}`).join(',')
  const dry: [flag: string, env: string, value: string][] = [
    ['dry-run', 'DRY_ENABLE', 'true'],
    ['dry-run-no-containers', 'DRY_NO_CONTAINERS', 'true'],
    ['nsenter-target', 'DRY_NSENTER_TARGET', 'none'],
    ['force-id', 'DRY_HOST_ID', host.id],
    ['force-hostname', 'DRY_FORCED_HOSTNAME', host.hostname],
    ['force-mac', 'DRY_FORCED_MAC_ADDRESS', nic?.mac ?? ''],
    ['forced-ipv4', 'DRY_FORCED_HOST_IPV4', cidr],
    ['forced-gateway-ipv4', 'DRY_FORCED_GATEWAY_IPV4', cluster.gateway],
    ['forced-cpu-count', 'DRY_CPU_COUNT', String(cores)],
    ['forced-memory', 'DRY_MEMORY', String(memory)],
    ['forced-disks', 'DRY_DISKS', disks],
    ['dry-dns-api-addresses', 'DRY_DNS_API_ADDRESSES', cluster.apiVip ?? reserved(cluster, 2)],
    ['dry-dns-ingress-addresses', 'DRY_DNS_INGRESS_ADDRESSES', cluster.ingressVip ?? reserved(cluster, 3)],
    ['fake-reboot-marker-path', 'DRY_FAKE_REBOOT_MARKER_PATH', markerPath(host.hostname)],
    ['dry-installer-binary', 'DRY_INSTALLER_BINARY', programs.installer]
  ]
  const env: Record<string, string> = {
    PATH: `${programs.bin}:${BOX_PATH}`,
    HOME: '/root',
    // read by the installer (through the agent's environment), not by the agent
    DRY_CLUSTER_HOSTS_PATH: `${BOX.cluster}/hosts.json`,
    DRY_COREOS_INSTALLER: 'builtin',
    GHW_DISABLE_WARNINGS: '1'
  }
  for (const [, name, value] of dry) if (value !== '') env[name] = value
  if (agent.pullSecretToken) env.PULL_SECRET_TOKEN = agent.pullSecretToken
  const command = [
    `${programs.bin}/agent`,
    '--url',
    agent.serviceUrl,
    '--infra-env-id',
    agent.infraEnvId,
    '--agent-version',
    agent.agentVersion,
    `--insecure=${agent.insecure}`,
    ...(options.caPath ? ['--cacert', options.caPath] : []),
    ...dry.filter(([, , value]) => value !== '').map(([flag, , value]) => `--${flag}=${value}`)
  ]
  return { command, env }
}

/** What the installer of the bootstrap was started with: what the real installer renders into the controller's Job. */
export interface InstallArgs {
  role?: string
  clusterId?: string
  infraEnvId?: string
  hostId?: string
  openshiftVersion?: string
  checkClusterVersion?: boolean
  mustGatherImage?: string
  controlPlaneCount?: number
  notifyNumReboots?: boolean
}

/** Reads the installer's arguments (one per line, `--flag value` or `--flag=value`). */
export function parseInstallArgs(text: string): InstallArgs {
  const args = text.split('\n').filter(Boolean)
  const values = new Map<string, string>()
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (!arg.startsWith('--')) continue
    const eq = arg.indexOf('=')
    if (eq > 0) values.set(arg.slice(2, eq), arg.slice(eq + 1))
    else if (args[i + 1] !== undefined && !args[i + 1]!.startsWith('--')) values.set(arg.slice(2), args[++i]!)
    else values.set(arg.slice(2), 'true')
  }
  const bool = (name: string): boolean | undefined =>
    values.has(name) ? values.get(name) !== 'false' : undefined
  const count = values.get('control-plane-count')
  const out: InstallArgs = {}
  const set = <K extends keyof InstallArgs>(key: K, value: InstallArgs[K] | undefined): void => {
    if (value !== undefined) out[key] = value
  }
  set('role', values.get('role'))
  set('clusterId', values.get('cluster-id'))
  set('infraEnvId', values.get('infra-env-id'))
  set('hostId', values.get('host-id'))
  set('openshiftVersion', values.get('openshift-version'))
  set('checkClusterVersion', bool('check-cluster-version'))
  set('mustGatherImage', values.get('must-gather-image'))
  set('controlPlaneCount', count !== undefined && /^\d+$/.test(count) ? Number(count) : undefined)
  set('notifyNumReboots', bool('notify-num-reboots'))
  return out
}

/**
 * The controller of one cluster, configured as the installer would render its Job (cluster id, service URL,
 * version, check-cvo, must-gather image, control-plane count: B18), in dry run against the cluster's hosts file,
 * waiting on the bootstrap's reboot marker.
 */
export function controllerCommand(
  cluster: PlanCluster,
  agent: AgentConfig,
  install: InstallArgs,
  bootstrapHostname: string,
  options: AgentCommandOptions = {}
): CommandLine {
  if (!install.clusterId)
    throw new Error(`controller of ${cluster.name}: the installer was started without --cluster-id`)
  const programs = options.programs ?? PROCESS_PROGRAMS
  const env: Record<string, string> = {
    PATH: `${programs.bin}:${BOX_PATH}`,
    HOME: '/root',
    CLUSTER_ID: install.clusterId,
    INVENTORY_URL: agent.serviceUrl,
    OPENSHIFT_VERSION: install.openshiftVersion ?? '',
    SKIP_CERT_VERIFICATION: String(agent.insecure),
    NAMESPACE: 'assisted-installer',
    CONTROL_PLANE_COUNT: String(install.controlPlaneCount ?? (cluster.singleNode ? 1 : cluster.masters)),
    CHECK_CLUSTER_VERSION: String(install.checkClusterVersion ?? false),
    DRY_ENABLE: 'true',
    DRY_NSENTER_TARGET: 'none',
    DRY_FAKE_REBOOT_MARKER_PATH: markerPath(bootstrapHostname),
    DRY_CLUSTER_HOSTS_PATH: `${BOX.cluster}/hosts.json`
  }
  if (install.mustGatherImage) env.MUST_GATHER_IMAGE = install.mustGatherImage
  if (install.notifyNumReboots !== undefined) env.NOTIFY_NUM_REBOOTS = String(install.notifyNumReboots)
  if (options.caPath) env.CA_CERT_PATH = options.caPath
  if (agent.pullSecretToken) env.PULL_SECRET_TOKEN = agent.pullSecretToken
  return { command: [`${programs.bin}/assisted-installer-controller`], env }
}

/** A command line that would run a real program outside dry run (a driver bug; never started). */
export class DryRunNotInForceError extends Error {}

/** Where the programs are in a box: the process driver binds them at BOX.bin; images hold them elsewhere. */
export interface ProgramPaths {
  /** Directory of agent and assisted-installer-controller. */
  bin: string
  /** What the agent must start for the install step. */
  installer: string
}

export const PROCESS_PROGRAMS: ProgramPaths = {
  bin: BOX.bin,
  installer: `${BOX.share}/${INSTALLER_LAUNCHER}`
}

/**
 * Checks, before anything starts, that dry run is in force for a command line: the settings in the environment
 * (what child processes read) and, for the agent, also in the flags; host commands never enter another
 * process's namespaces; the program is one of the patched binaries; the reboot marker is inside the box.
 */
export function assertDryRun(
  kind: 'agent' | 'controller',
  line: CommandLine,
  programs: ProgramPaths = PROCESS_PROGRAMS
): void {
  const problems: string[] = []
  const env = line.env
  const expectEnv = (name: string, value: string): void => {
    if (env[name] !== value)
      problems.push(`${name} must be ${value}, got ${JSON.stringify(env[name] ?? null)}`)
  }
  expectEnv('DRY_ENABLE', 'true')
  expectEnv('DRY_NSENTER_TARGET', 'none')
  if (!env.DRY_FAKE_REBOOT_MARKER_PATH?.startsWith(`${BOX.markers}/`))
    problems.push(`DRY_FAKE_REBOOT_MARKER_PATH must be under ${BOX.markers}`)
  if (!env.DRY_CLUSTER_HOSTS_PATH?.startsWith(`${BOX.cluster}/`))
    problems.push(`DRY_CLUSTER_HOSTS_PATH must be under ${BOX.cluster}`)
  const program = line.command[0]
  if (kind === 'agent') {
    expectEnv('DRY_NO_CONTAINERS', 'true')
    if (env.DRY_INSTALLER_BINARY !== programs.installer)
      problems.push(
        `DRY_INSTALLER_BINARY must be ${programs.installer}, got ${JSON.stringify(env.DRY_INSTALLER_BINARY ?? null)}`
      )
    for (const flag of ['--dry-run=true', '--dry-run-no-containers=true', '--nsenter-target=none']) {
      if (!line.command.includes(flag)) problems.push(`flag ${flag} missing`)
    }
    if (
      line.command.some(
        a => /^--dry-run(-no-containers)?=false$/.test(a) || /^--nsenter-target=(?!none$)/.test(a)
      )
    )
      problems.push('a flag turns dry run off')
    if (program !== `${programs.bin}/agent`)
      problems.push(`program must be ${programs.bin}/agent, got ${program}`)
  } else if (program !== `${programs.bin}/assisted-installer-controller`) {
    problems.push(`program must be ${programs.bin}/assisted-installer-controller, got ${program}`)
  }
  if (problems.length)
    throw new DryRunNotInForceError(
      `refusing to start the ${kind}: dry run is not in force: ${problems.join('; ')}`
    )
}

/** Throws a ConfigurationError when the plan asks for something the real agents cannot do. */
export function checkPlanForRealHosts(clusters: readonly PlanCluster[]): void {
  const problems = unsupportedFailures(clusters)
  if (problems.length) throw new ConfigurationError(problems, 'the process driver cannot run this plan:')
}
