/** IPv4/IPv6 address and CIDR arithmetic on bigints (validations, machine networks, VIPs). */
export interface ParsedIp {
  family: 4 | 6
  value: bigint
}

export interface ParsedCidr {
  family: 4 | 6
  /** The network address (host bits cleared). */
  network: bigint
  /** The address as written (host bits kept), for `10.0.0.5/24` forms. */
  address: bigint
  prefix: number
}

export function parseIp(text: string): ParsedIp | undefined {
  if (!text) return undefined
  if (text.includes(':')) {
    const value = parseIpv6(text)
    return value === undefined ? undefined : { family: 6, value }
  }
  // IPv4 in plain numbers, one bigint at the end (validations parse addresses on every refresh).
  let value = 0
  let octet = -1
  let dots = 0
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (ch === 46) {
      if (octet < 0 || ++dots > 3) return undefined
      value = value * 256 + octet
      octet = -1
    } else if (ch >= 48 && ch <= 57) {
      octet = octet < 0 ? ch - 48 : octet * 10 + ch - 48
      if (octet > 255) return undefined
    } else return undefined
  }
  if (dots !== 3 || octet < 0) return undefined
  return { family: 4, value: BigInt(value * 256 + octet) }
}

function parseIpv6(text: string): bigint | undefined {
  const zone = text.indexOf('%')
  const clean = zone >= 0 ? text.slice(0, zone) : text
  const halves = clean.split('::')
  if (halves.length > 2) return undefined
  const expand = (part: string): string[] | undefined => {
    if (part === '') return []
    const groups = part.split(':')
    const last = groups[groups.length - 1]!
    if (last.includes('.')) {
      const v4 = parseIp(last)
      if (!v4 || v4.family !== 4) return undefined
      groups.splice(
        groups.length - 1,
        1,
        ((v4.value >> 16n) & 0xffffn).toString(16),
        (v4.value & 0xffffn).toString(16)
      )
    }
    return groups.every(g => /^[0-9a-fA-F]{1,4}$/.test(g)) ? groups : undefined
  }
  const head = expand(halves[0]!)
  const tail = halves.length === 2 ? expand(halves[1]!) : []
  if (!head || !tail) return undefined
  const missing = 8 - head.length - tail.length
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail]
  let value = 0n
  for (const g of groups) value = (value << 16n) | BigInt(Number.parseInt(g, 16))
  return value
}

export function bits(family: 4 | 6): number {
  return family === 4 ? 32 : 128
}

const MASKS: Record<4 | 6, bigint[]> = { 4: [], 6: [] }

function mask(family: 4 | 6, prefix: number): bigint {
  const cached = MASKS[family][prefix]
  if (cached !== undefined) return cached
  const total = BigInt(bits(family))
  const p = BigInt(prefix)
  const value = ((1n << total) - 1n) ^ ((1n << (total - p)) - 1n)
  MASKS[family][prefix] = value
  return value
}

export function parseCidr(text: string): ParsedCidr | undefined {
  const slash = text.indexOf('/')
  if (slash < 0) return undefined
  const ip = parseIp(text.slice(0, slash))
  const prefixText = text.slice(slash + 1)
  if (!ip || !/^\d{1,3}$/.test(prefixText)) return undefined
  const prefix = Number(prefixText)
  if (prefix > bits(ip.family)) return undefined
  return { family: ip.family, network: ip.value & mask(ip.family, prefix), address: ip.value, prefix }
}

export function formatIp(family: 4 | 6, value: bigint): string {
  if (family === 4) {
    return [24n, 16n, 8n, 0n].map(shift => String((value >> shift) & 0xffn)).join('.')
  }
  const groups: string[] = []
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(((value >> shift) & 0xffffn).toString(16))
  // Compress the longest run of zero groups.
  let best = -1
  let bestLen = 0
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') {
      i++
      continue
    }
    let j = i
    while (j < 8 && groups[j] === '0') j++
    if (j - i > bestLen && j - i > 1) {
      best = i
      bestLen = j - i
    }
    i = j
  }
  if (best < 0) return groups.join(':')
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`
}

/** `10.0.0.5/24` → `10.0.0.0/24`. */
export function networkOf(cidr: string): string | undefined {
  const parsed = parseCidr(cidr)
  return parsed ? `${formatIp(parsed.family, parsed.network)}/${parsed.prefix}` : undefined
}

export function cidrContains(cidr: ParsedCidr, ip: ParsedIp): boolean {
  return cidr.family === ip.family && (ip.value & mask(cidr.family, cidr.prefix)) === cidr.network
}

export function cidrContainsText(cidr: string, ip: string): boolean {
  const c = parseCidr(cidr)
  const i = parseIp(ip.includes('/') ? ip.slice(0, ip.indexOf('/')) : ip)
  return Boolean(c && i && cidrContains(c, i))
}

export function cidrsOverlap(a: ParsedCidr, b: ParsedCidr): boolean {
  if (a.family !== b.family) return false
  const prefix = Math.min(a.prefix, b.prefix)
  const m = mask(a.family, prefix)
  return (a.network & m) === (b.network & m)
}

export function broadcastOf(cidr: ParsedCidr): bigint {
  return cidr.network | ((1n << BigInt(bits(cidr.family) - cidr.prefix)) - 1n)
}

/** The address part of `ip/len` text. */
export function addressOf(cidrOrIp: string): string {
  const slash = cidrOrIp.indexOf('/')
  return slash < 0 ? cidrOrIp : cidrOrIp.slice(0, slash)
}

export function isIpText(text: string): boolean {
  return parseIp(text) !== undefined
}
