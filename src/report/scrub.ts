import { Transform, type TransformCallback } from 'node:stream'

/**
 * Defensive scrubbing of anything that looks like a credential, for the logs archive. Timelines carry no secret
 * by design; agent logs might (a pull secret echoed, an Authorization header, the agent's token).
 */
const PATTERNS: [RegExp, string][] = [
  // Authorization: Bearer xxx / Basic xxx
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, '$1 ***'],
  // JSON Web Tokens (the agent's X-Secret-Key in AUTH_TYPE=local)
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}/g, '***'],
  // key: value / key=value / "key":"value" where the key names a secret
  [
    /(["']?[A-Za-z0-9_-]*(?:pull[_-]?secret|password|passwd|token|secret[_-]?key|api[_-]?key|x-secret-key|authorization|auth)["']?\s*[:=]\s*)(?!(?:Bearer|Basic)\s+\*\*\*|"?\*\*\*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;&}\]]+)/gi,
    '$1"***"'
  ],
  // credentials in URLs: https://user:password@host
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi, '$1***:***@']
]

/** A cheap first look: text without any of these words or shapes has nothing for the patterns above to replace. */
const MIGHT_HOLD_A_SECRET = /bearer|basic|eyJ|secret|token|passw|api[_-]?key|auth|:\/\/[^/\s:@]+:[^/\s@]+@/i

export function mightHoldSecrets(text: string): boolean {
  return MIGHT_HOLD_A_SECRET.test(text)
}

/** The text with secret-looking values replaced by ***. */
export function scrubSecrets(text: string): string {
  if (!mightHoldSecrets(text)) return text
  let out = text
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement)
  return out
}

/** A stream that scrubs text line by line (lines are kept whole across chunks). */
export function createScrubStream(): Transform {
  let rest = ''
  return new Transform({
    transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback) {
      const text = rest + chunk.toString()
      const end = text.lastIndexOf('\n')
      if (end < 0) {
        rest = text
        return callback()
      }
      rest = text.slice(end + 1)
      callback(null, scrubSecrets(text.slice(0, end + 1)))
    },
    flush(callback: TransformCallback) {
      callback(null, rest ? scrubSecrets(rest) : undefined)
    }
  })
}
