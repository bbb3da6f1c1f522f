/**
 * Process exit codes of the `assisted-swarm` CLI. Each outcome has its own code so scripts and CI can
 * tell "the service was slow" (thresholds) apart from "the plan was wrong" (bad input).
 */
export const ExitCode = {
  /** Everything ran and every threshold passed. */
  Ok: 0,
  /** The run completed but at least one threshold failed (or a baseline regression was found). */
  ThresholdsFailed: 1,
  /** A test plan, option, input or file was invalid; nothing (more) was sent to the target. */
  BadInput: 2,
  /** The target (service URL, Kubernetes API, registry) could not be reached or refused us. */
  TargetUnreachable: 3,
  /** Something unexpected went wrong inside assisted-swarm itself (a bug: please report it with the log). */
  Internal: 4,
  /** Interrupted by SIGINT/SIGTERM (or a cancelled job); records written so far are kept. */
  Interrupted: 130
} as const

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode]
