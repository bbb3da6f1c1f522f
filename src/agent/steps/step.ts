import type { InstallCmdRequest, LogsGatherCmdRequest } from '../../api/generated/models.js'
import type { PlanCluster, PlanHost } from '../../plan/types.js'

/** What a step produced: the process's exit code, stdout (`output`) and stderr (`error`). */
export interface StepOutcome {
  exitCode: number
  output: string
  error: string
}

export const succeeded = (output: string): StepOutcome => ({ exitCode: 0, output, error: '' })
export const failed = (exitCode: number, error: string, output = ''): StepOutcome => ({
  exitCode,
  output,
  error
})

/** Plan-wide facts a reply needs. */
export interface FleetFacts {
  baseDomain: string
  cpuArchitecture: string
  /** L3 round-trip times vary per run, as real ping output does (so connectivity replies are rarely unchanged). */
  varyingRtt: boolean
  random: () => number
}

/** What a step handler may see and do on its host. */
export interface StepHost {
  readonly plan: PlanHost
  readonly cluster: PlanCluster
  readonly infraEnvId: string
  readonly fleet: FleetFacts
  /** Starts the emulated installer; resolves when it exits (after Rebooting, or Failed). */
  install(request: InstallCmdRequest): Promise<StepOutcome>
  /** `podman stop assisted-installer`: stops the emulated installer if it runs; true when it did. */
  stopInstaller(): boolean
  /** The logs_sender run for a logs-gather step; resolves with its stdout. */
  gatherLogs(request: LogsGatherCmdRequest): Promise<StepOutcome>
  /** Ends the poll loop after this reply so that the agent registers again (successful upgrade-agent). */
  restartAgent(): void
  /** The machine reboots into discovery (reboot-for-reclaim): no reply, the agent registers again after booting. */
  reboot(): void
}

export interface StepHandler {
  /** The swagger step type. */
  readonly type: string
  /**
   * The output depends only on the arguments and the host's plan (no side effects): an unchanged step is
   * recognised from its arguments by the reply cache before its output is built.
   */
  readonly deterministic: boolean | ((fleet: FleetFacts) => boolean)
  /** The reply to post, or undefined when the real agent posts none (the machine went away). */
  run(host: StepHost, args: string[]): StepOutcome | Promise<StepOutcome | undefined> | undefined
}
