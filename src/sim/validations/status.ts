/** Validation results are stored one character per validation; these are the characters. */
export const V = {
  success: 's',
  failure: 'f',
  pending: 'p',
  error: 'e',
  disabled: 'd',
  /** Not evaluated for this host (unbound hosts use a subset). */
  absent: '-'
} as const

export type VCode = (typeof V)[keyof typeof V]

export const V_NAME: Record<string, string> = {
  s: 'success',
  f: 'failure',
  p: 'pending',
  e: 'error',
  d: 'disabled'
}

/** Only success and disabled count as passing (service-behavior §2.1). */
export function passing(code: string): boolean {
  return code === V.success || code === V.disabled
}

export interface ValidationResult {
  code: VCode
  message: string
}

export function ok(message: string): ValidationResult {
  return { code: V.success, message }
}
export function fail(message: string): ValidationResult {
  return { code: V.failure, message }
}
export function pend(message: string): ValidationResult {
  return { code: V.pending, message }
}
export function err(message: string): ValidationResult {
  return { code: V.error, message }
}
