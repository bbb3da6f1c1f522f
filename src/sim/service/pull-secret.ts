import { simError } from '../errors.js'

/**
 * The service's pull-secret check: JSON with an `auths` object whose `auth` values decode to `user:password`
 * (§9: `eDp4` = "x:x" is accepted, `eA==` = "x" is rejected with 400).
 */
export function checkPullSecret(text: string): void {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw simError('INVALID_PULL_SECRET', 'the pull secret must be a well-formed JSON')
  }
  const auths = (parsed as { auths?: unknown } | null)?.auths
  if (!auths || typeof auths !== 'object' || Array.isArray(auths)) {
    throw simError('INVALID_PULL_SECRET', "the pull secret must contain an 'auths' JSON-object field")
  }
  for (const [registry, entry] of Object.entries(auths as Record<string, unknown>)) {
    const auth = (entry as { auth?: unknown } | null)?.auth
    if (typeof auth !== 'string')
      throw simError('INVALID_PULL_SECRET', `the auth for registry ${registry} must be a string`)
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(auth))
      throw simError('INVALID_PULL_SECRET', `the auth for registry ${registry} is not base64`)
    const decoded = Buffer.from(auth, 'base64').toString('utf8')
    if (!decoded.includes(':'))
      throw simError(
        'INVALID_PULL_SECRET',
        `the auth for registry ${registry} must decode to 'user:password'`
      )
  }
}

/** The token agents present as X-Secret-Key in rhsso mode: the `cloud.openshift.com` auth, else the first one. */
export function pullSecretToken(text: string): string {
  try {
    const auths = (JSON.parse(text) as { auths?: Record<string, { auth?: string }> }).auths ?? {}
    return auths['cloud.openshift.com']?.auth ?? Object.values(auths)[0]?.auth ?? ''
  } catch {
    return ''
  }
}
