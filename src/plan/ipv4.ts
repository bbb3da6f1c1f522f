/** Small IPv4 arithmetic for carving machine networks out of the plan's private range. */
export interface Ipv4Cidr {
  /** Network address as an unsigned 32-bit integer. */
  base: number
  prefix: number
}

export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.')
  if (parts.length !== 4) return undefined
  let value = 0
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined
    const octet = Number(part)
    if (octet > 255) return undefined
    value = value * 256 + octet
  }
  return value
}

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.')
}

export function parseCidr(text: string): Ipv4Cidr | undefined {
  const [address, prefixText] = text.split('/')
  const ip = address === undefined ? undefined : parseIpv4(address)
  if (ip === undefined || prefixText === undefined || !/^\d{1,2}$/.test(prefixText)) return undefined
  const prefix = Number(prefixText)
  if (prefix > 32) return undefined
  return { base: ip - (ip % blockSize(prefix)), prefix }
}

export function formatCidr(cidr: Ipv4Cidr): string {
  return `${formatIpv4(cidr.base)}/${cidr.prefix}`
}

export function blockSize(prefix: number): number {
  return 2 ** (32 - prefix)
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  const aEnd = a.base + blockSize(a.prefix)
  const bEnd = b.base + blockSize(b.prefix)
  return a.base < bEnd && b.base < aEnd
}
