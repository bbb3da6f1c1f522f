import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto'

/**
 * A minimal X.509 v3 certificate writer (DER by hand, ECDSA P-256 + SHA-256), because node:crypto parses certificates
 * but cannot make them. Used for the ingress CA the emulated controller uploads (the service requires a real PEM)
 * and for TLS tests with a custom CA.
 */

export interface GeneratedCertificate {
  /** PEM of the certificate. */
  certPem: string
  /** PKCS#8 PEM of the private key. */
  keyPem: string
  privateKey: KeyObject
  publicKey: KeyObject
}

export interface CertificateOptions {
  commonName: string
  /** Marks the certificate as a CA (basicConstraints CA:TRUE, keyCertSign). */
  isCa?: boolean
  /** subjectAltName entries; IPs (v4 or v6) and DNS names. */
  ipAddresses?: string[]
  dnsNames?: string[]
  /** Signs with this CA instead of self-signing. */
  issuer?: GeneratedCertificate & { commonName: string }
  validDays?: number
}

const OID_EC_PUBLIC_KEY_SHA256_SIG = '1.2.840.10045.4.3.2'
const OID_COMMON_NAME = '2.5.4.3'
const OID_BASIC_CONSTRAINTS = '2.5.29.19'
const OID_KEY_USAGE = '2.5.29.15'
const OID_SUBJECT_ALT_NAME = '2.5.29.17'
const OID_EXT_KEY_USAGE = '2.5.29.37'
const OID_SERVER_AUTH = '1.3.6.1.5.5.7.3.1'

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n])
  const bytes: number[] = []
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content)
  return Buffer.concat([Buffer.from([tag]), length(body.length), body])
}

const sequence = (...c: Buffer[]): Buffer => tlv(0x30, ...c)
const set = (...c: Buffer[]): Buffer => tlv(0x31, ...c)
const explicit = (n: number, ...c: Buffer[]): Buffer => tlv(0xa0 + n, ...c)
const octetString = (b: Buffer): Buffer => tlv(0x04, b)
const bitString = (b: Buffer): Buffer => tlv(0x03, Buffer.from([0]), b)
const utf8 = (s: string): Buffer => tlv(0x0c, Buffer.from(s, 'utf8'))
const boolean = (v: boolean): Buffer => tlv(0x01, Buffer.from([v ? 0xff : 0]))

function integer(bytes: Buffer): Buffer {
  let b = bytes
  while (b.length > 1 && b[0] === 0 && (b[1]! & 0x80) === 0) b = b.subarray(1)
  if (b[0]! & 0x80) b = Buffer.concat([Buffer.from([0]), b])
  return tlv(0x02, b)
}

function oid(text: string): Buffer {
  const parts = text.split('.').map(Number)
  const bytes: number[] = [parts[0]! * 40 + parts[1]!]
  for (const part of parts.slice(2)) {
    const chunk: number[] = []
    let v = part
    do {
      chunk.unshift(v & 0x7f)
      v = Math.floor(v / 128)
    } while (v > 0)
    for (let i = 0; i < chunk.length - 1; i++) chunk[i]! |= 0x80
    bytes.push(...chunk)
  }
  return tlv(0x06, Buffer.from(bytes))
}

function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z'
  // UTCTime for 1950-2049, GeneralizedTime otherwise (RFC 5280 4.1.2.5).
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso))
}

const name = (commonName: string): Buffer => sequence(set(sequence(oid(OID_COMMON_NAME), utf8(commonName))))

function ipBytes(ip: string): Buffer {
  if (ip.includes(':')) {
    const [head, tail] = ip.split('::') as [string, string | undefined]
    const h = head ? head.split(':') : []
    const t = tail ? tail.split(':') : []
    const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t]
    return Buffer.from(groups.flatMap(g => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]))
  }
  return Buffer.from(ip.split('.').map(Number))
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value))
}

function pem(label: string, der: Buffer): string {
  const b64 = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`
}

/** Makes a certificate (self-signed, or signed by `options.issuer`). */
export function generateCertificate(
  options: CertificateOptions
): GeneratedCertificate & { commonName: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const spki = publicKey.export({ type: 'spki', format: 'der' })
  const signatureAlgorithm = sequence(oid(OID_EC_PUBLIC_KEY_SHA256_SIG))
  const now = Date.now()
  const notBefore = new Date(now - 3600_000)
  const notAfter = new Date(now + (options.validDays ?? 3650) * 86400_000)
  const extensions: Buffer[] = []
  if (options.isCa) {
    extensions.push(extension(OID_BASIC_CONSTRAINTS, true, sequence(boolean(true))))
    // keyCertSign (bit 5) + cRLSign (bit 6): 0b00000110, 1 unused bit.
    extensions.push(extension(OID_KEY_USAGE, true, tlv(0x03, Buffer.from([1, 0x06]))))
  } else {
    extensions.push(extension(OID_BASIC_CONSTRAINTS, true, sequence()))
    // digitalSignature (bit 0) + keyEncipherment (bit 2): 0b10100000, 5 unused bits.
    extensions.push(extension(OID_KEY_USAGE, true, tlv(0x03, Buffer.from([5, 0xa0]))))
    extensions.push(extension(OID_EXT_KEY_USAGE, false, sequence(oid(OID_SERVER_AUTH))))
  }
  const altNames = [
    ...(options.dnsNames ?? []).map(d => tlv(0x82, Buffer.from(d))),
    ...(options.ipAddresses ?? []).map(ip => tlv(0x87, ipBytes(ip)))
  ]
  if (altNames.length) extensions.push(extension(OID_SUBJECT_ALT_NAME, false, sequence(...altNames)))
  const issuerName = options.issuer?.commonName ?? options.commonName
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(randomBytes(16)),
    signatureAlgorithm,
    name(issuerName),
    sequence(time(notBefore), time(notAfter)),
    name(options.commonName),
    spki,
    explicit(3, sequence(...extensions))
  )
  const signature = sign('sha256', tbs, { key: options.issuer?.privateKey ?? privateKey, dsaEncoding: 'der' })
  const der = sequence(tbs, signatureAlgorithm, bitString(signature))
  return {
    commonName: options.commonName,
    certPem: pem('CERTIFICATE', der),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    privateKey,
    publicKey
  }
}

let ingressCa: string | undefined

/** The ingress CA bundle every emulated controller uploads: one self-signed CA made once per process. */
export function ingressCaPem(): string {
  ingressCa ??= generateCertificate({ commonName: 'ingress-operator@assisted-swarm', isCa: true }).certPem
  return ingressCa
}
