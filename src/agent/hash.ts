/**
 * A fast 53-bit string hash (cyrb53 construction), used to remember what a host already sent without keeping
 * the text. Not cryptographic: a collision only means one unchanged-looking reply is suppressed early.
 */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed
  let h2 = 0x41c6ce57 ^ seed
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507)
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507)
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

/** Hash of a step's arguments (their order and boundaries count). */
export function hashArgs(args: readonly string[] | undefined): number {
  if (!args || args.length === 0) return 0
  return hash53(args.join('\u0000'), args.length)
}
