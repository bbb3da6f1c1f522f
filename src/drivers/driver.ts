import type { Plan, PlanCluster, PlanHost } from '../plan/types.js'
import type { Recorder } from '../timeline/recorder.js'
import type { Logger } from '../util/logging.js'

/**
 * How a host reaches the service: what the real agent reads from the infra-env's discovery ignition
 * (service URL, infra-env id, pull-secret token, CA) plus the TLS switches of its flags.
 */
export interface AgentConfig {
  /** Base URL without the API path, e.g. http://127.0.0.1:8090 (the agent appends /api/assisted-install). */
  serviceUrl: string
  infraEnvId: string
  /** Sent as X-Secret-Key; may be empty when the service runs without auth. Never logged. */
  pullSecretToken?: string
  /** Extra CA to trust (PEM). */
  caCertPem?: string
  insecure: boolean
  /** discovery_agent_version sent at registration (the real agent's image reference). */
  agentVersion: string
}

/** One host to start: who it is (from the plan), which cluster it belongs to, and how to reach the service. */
export interface HostLaunch {
  host: PlanHost
  cluster: PlanCluster
  agent: AgentConfig
}

export interface DriverContext {
  plan: Plan
  recorder: Recorder
  logger: Logger
  /** Aborted when the run stops (interrupt or end): hosts stop polling. */
  signal: AbortSignal
  /** Run directory, for per-host logs of real drivers. */
  runDir: string
}

/**
 * What a host *is*: a TypeScript object (native), a real agent process (process), or a container. The swarm
 * only launches hosts and stops them; each host then speaks the agent protocol on its own, records its
 * milestones (launch, registered, install, stages, rebooted) into the recorder, and its cluster's emulated
 * or real controller takes over after the reboots.
 */
export interface Driver {
  readonly kind: 'native' | 'process' | 'container'
  /** Starts one host and returns once it is running (not when it is installed). */
  launch(launch: HostLaunch): Promise<void>
  /** Hosts currently running (not finished, not stopped). */
  running(): number
  /** Stops every host and controller; resolves once they are all gone. Records already written are kept. */
  stop(): Promise<void>
}

export type DriverKind = Driver['kind']
