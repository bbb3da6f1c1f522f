import { createHash } from 'node:crypto'

/** RFC 4122 name-based UUID (version 5, SHA-1). Deterministic: the same namespace and name give the same id. */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex')
  const hash = createHash('sha1').update(ns).update(name).digest()
  hash[6] = (hash[6]! & 0x0f) | 0x50
  hash[8] = (hash[8]! & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}

/** The namespace of every id assisted-swarm derives (a fixed random UUID). */
export const SWARM_NAMESPACE = '5b0f1d2e-7c1a-4f7e-9d43-2a6c1e8b7f10'
