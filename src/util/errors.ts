import { ExitCode, type ExitCodeValue } from './exit-codes.js'

/** Base class for errors that carry the exit code they should end the process with. */
export class SwarmError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue
  ) {
    super(message)
    this.name = new.target.name
  }
}

/**
 * A mistake on the user's side: a bad plan, option, action input, threshold or file. The message names the
 * field and the offending value and says what is expected, so no stack trace is ever needed.
 */
export class ConfigurationError extends SwarmError {
  /** Every problem found, one line each (`clusters[2].workers: must be ...`). */
  readonly problems: string[]

  constructor(problems: string | string[], heading?: string) {
    const list = Array.isArray(problems) ? problems : [problems]
    super(heading ? [heading, ...list.map(p => `  - ${p}`)].join('\n') : list.join('\n'), ExitCode.BadInput)
    this.problems = list
  }
}

/** The target service, API server or registry could not be reached or refused our credentials. */
export class TargetUnreachableError extends SwarmError {
  constructor(message: string) {
    super(message, ExitCode.TargetUnreachable)
  }
}

/** A run stopped because of SIGINT/SIGTERM. */
export class InterruptedError extends SwarmError {
  constructor(message = 'interrupted') {
    super(message, ExitCode.Interrupted)
  }
}

/** Thresholds (or a baseline comparison) failed; the message lists which. */
export class ThresholdsFailedError extends SwarmError {
  constructor(message: string) {
    super(message, ExitCode.ThresholdsFailed)
  }
}

/** The text of anything that was thrown, without a stack. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  if (typeof error === 'string') return error
  try {
    return JSON.stringify(error)
  } catch {
    return String(error)
  }
}

/** Wraps anything thrown into an Error, keeping SwarmErrors as they are. */
export function wrapError(error: unknown): Error {
  return error instanceof Error ? error : new Error(errorMessage(error))
}

/** The exit code an error should end the process with; anything that is not a SwarmError is a bug. */
export function exitCodeOf(error: unknown): ExitCodeValue {
  return error instanceof SwarmError ? error.exitCode : ExitCode.Internal
}
