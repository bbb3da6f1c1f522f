import { ConfigurationError } from '../../util/errors.js'

/** One RELEASE_IMAGES entry (swagger `release-image`). */
export interface ReleaseImage {
  openshift_version: string
  cpu_architecture: string
  cpu_architectures?: string[]
  url: string
  version: string
  default?: boolean
  support_level?: 'beta' | 'production' | 'maintenance' | 'end-of-life'
}

/** One OS_IMAGES entry (swagger `os-image`). */
export interface OsImage {
  openshift_version: string
  cpu_architecture: string
  url: string
  version: string
}

/** Release payloads of 4.14 … 4.22; the z-streams are placeholders (nothing is ever pulled). */
const VERSIONS: { minor: string; version: string; support: ReleaseImage['support_level']; rhcos: string }[] =
  [
    { minor: '4.14', version: '4.14.71', support: 'maintenance', rhcos: '414.92.202407091253-0' },
    { minor: '4.15', version: '4.15.59', support: 'maintenance', rhcos: '415.92.202407091355-0' },
    { minor: '4.16', version: '4.16.48', support: 'production', rhcos: '416.94.202410211619-0' },
    { minor: '4.17', version: '4.17.40', support: 'production', rhcos: '417.94.202410211619-0' },
    { minor: '4.18', version: '4.18.25', support: 'production', rhcos: '418.94.202501221327-0' },
    { minor: '4.19', version: '4.19.14', support: 'production', rhcos: '9.6.20250523-0' },
    { minor: '4.20', version: '4.20.2', support: 'production', rhcos: '9.6.20251015-1' },
    { minor: '4.21', version: '4.21.0', support: 'production', rhcos: '9.6.20260112-0' },
    { minor: '4.22', version: '4.22.0-ec.3', support: 'beta', rhcos: '9.8.20260301-0' }
  ]

const ARCHES: { arch: string; suffix: string }[] = [
  { arch: 'x86_64', suffix: 'x86_64' },
  { arch: 'arm64', suffix: 'aarch64' }
]

export const DEFAULT_RELEASE_IMAGES: ReleaseImage[] = VERSIONS.flatMap(v =>
  ARCHES.map(a => ({
    openshift_version: v.minor,
    cpu_architecture: a.arch,
    cpu_architectures: [a.arch],
    url: `quay.io/openshift-release-dev/ocp-release:${v.version}-${a.suffix}`,
    version: v.version,
    ...(v.minor === '4.20' && a.arch === 'x86_64' ? { default: true } : {}),
    ...(v.support ? { support_level: v.support } : {})
  }))
)

export const DEFAULT_OS_IMAGES: OsImage[] = VERSIONS.flatMap(v =>
  ARCHES.map(a => ({
    openshift_version: v.minor,
    cpu_architecture: a.arch,
    url: `https://mirror.openshift.com/pub/openshift-v4/${a.suffix}/dependencies/rhcos/${v.minor}/latest/rhcos-live.${a.suffix}.iso`,
    version: v.rhcos
  }))
)

/** `x.y` of a version string such as `4.14.71` or `4.22.0-ec.3`. */
export function minorOf(version: string): string {
  const match = /^(\d+)\.(\d+)/.exec(version)
  return match ? `${match[1]}.${match[2]}` : version
}

/** Numeric compare of dotted versions (pre-release suffixes ignored): <0, 0, >0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map(p => Number.parseInt(p, 10))
  const pb = b.split(/[.-]/).map(p => Number.parseInt(p, 10))
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = Number.isFinite(pa[i]) ? pa[i]! : 0
    const y = Number.isFinite(pb[i]) ? pb[i]! : 0
    if (x !== y) return x - y
  }
  return 0
}

const ARCH_ALIASES: Record<string, string> = { aarch64: 'arm64', amd64: 'x86_64' }

export function normalizeArch(arch: string | undefined): string {
  const value = arch || 'x86_64'
  return ARCH_ALIASES[value] ?? value
}

/**
 * The release image for a requested version and architecture: the requested text may be a key of
 * `GET /v2/openshift-versions` (the full version), `x.y`, `x.y.z` or `x.y.z-<arch>`.
 */
export function findReleaseImage(
  images: readonly ReleaseImage[],
  requested: string,
  arch: string
): ReleaseImage | undefined {
  const wanted = normalizeArch(arch)
  const matchesArch = (image: ReleaseImage): boolean =>
    normalizeArch(image.cpu_architecture) === wanted ||
    (image.cpu_architectures ?? []).map(normalizeArch).includes(wanted)
  const candidates = images.filter(matchesArch)
  const stripped = requested.replace(/-(x86_64|aarch64|arm64|ppc64le|s390x|multi)$/, '')
  return (
    candidates.find(i => i.version === requested || i.version === stripped) ??
    candidates.find(i => i.openshift_version === requested || i.openshift_version === stripped) ??
    candidates.find(i => minorOf(i.version) === stripped)
  )
}

export function findOsImage(images: readonly OsImage[], version: string, arch: string): OsImage | undefined {
  const wanted = normalizeArch(arch)
  const minor = minorOf(version)
  return images.find(
    i =>
      normalizeArch(i.cpu_architecture) === wanted &&
      (i.openshift_version === version || i.openshift_version === minor)
  )
}

/** Checks release and OS image lists given as options; problems name the field and the entry. */
export function checkImages(
  releases: unknown,
  osImages: unknown
): { releases: ReleaseImage[]; osImages: OsImage[] } {
  const problems: string[] = []
  const list = <T>(value: unknown, field: string, required: (keyof T)[]): T[] => {
    if (!Array.isArray(value)) {
      problems.push(`${field}: must be a JSON list, got ${JSON.stringify(value)?.slice(0, 80)}`)
      return []
    }
    value.forEach((entry, i) => {
      for (const key of required) {
        if (
          !entry ||
          typeof entry !== 'object' ||
          typeof (entry as Record<string, unknown>)[key as string] !== 'string'
        ) {
          problems.push(`${field}[${i}].${String(key)}: is required (a string)`)
        }
      }
    })
    return value as T[]
  }
  const r = list<ReleaseImage>(releases, 'release-images', [
    'openshift_version',
    'cpu_architecture',
    'url',
    'version'
  ])
  const o = list<OsImage>(osImages, 'os-images', ['openshift_version', 'cpu_architecture', 'url', 'version'])
  if (problems.length) throw new ConfigurationError(problems, 'invalid simulator image lists:')
  return { releases: r, osImages: o }
}
