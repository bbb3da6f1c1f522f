import { ConfigurationError } from '../../util/errors.js'
import { compareVersions, minorOf } from './releases.js'

/** Per-role requirements, as in HW_VALIDATOR_REQUIREMENTS (service-behavior §2.3). */
export interface RoleRequirements {
  cpu_cores: number
  ram_mib: number
  disk_size_gb: number
  installation_disk_speed_threshold_ms: number
  network_latency_threshold_ms?: number
  packet_loss_percentage?: number
}

export type RequirementRole = 'master' | 'arbiter' | 'worker' | 'sno' | 'edge-worker'
const ROLES: RequirementRole[] = ['master', 'arbiter', 'worker', 'sno', 'edge-worker']

export interface HwRequirementsEntry {
  version: string
  match_type?: 'min_version' | 'exact'
  master?: Partial<RoleRequirements>
  arbiter?: Partial<RoleRequirements>
  worker?: Partial<RoleRequirements>
  sno?: Partial<RoleRequirements>
  'edge-worker'?: Partial<RoleRequirements>
}

export type VersionRequirements = Record<RequirementRole, RoleRequirements>

/** The shipped defaults (data/default_hw_requirements.json as summarised in service-behavior §2.3). */
export const DEFAULT_HW_REQUIREMENTS: HwRequirementsEntry[] = [
  {
    version: 'default',
    master: {
      cpu_cores: 4,
      ram_mib: 16384,
      disk_size_gb: 100,
      installation_disk_speed_threshold_ms: 10,
      network_latency_threshold_ms: 100,
      packet_loss_percentage: 0
    },
    arbiter: {
      cpu_cores: 2,
      ram_mib: 8192,
      disk_size_gb: 50,
      installation_disk_speed_threshold_ms: 10,
      network_latency_threshold_ms: 1000,
      packet_loss_percentage: 0
    },
    worker: {
      cpu_cores: 2,
      ram_mib: 8192,
      disk_size_gb: 100,
      installation_disk_speed_threshold_ms: 10,
      network_latency_threshold_ms: 1000,
      packet_loss_percentage: 10
    },
    sno: { cpu_cores: 8, ram_mib: 16384, disk_size_gb: 100, installation_disk_speed_threshold_ms: 10 },
    'edge-worker': { cpu_cores: 2, ram_mib: 8192, disk_size_gb: 15, installation_disk_speed_threshold_ms: 10 }
  },
  { version: '4.22', match_type: 'min_version', sno: { cpu_cores: 4 } }
]

/** Resolves requirements per cluster version, caching by version. */
export class HwRequirements {
  private readonly cache = new Map<string, VersionRequirements>()

  constructor(readonly entries: readonly HwRequirementsEntry[]) {}

  /** Parses the HW_VALIDATOR_REQUIREMENTS JSON text (or an already parsed list) and checks it like the service does at startup. */
  static parse(value: string | readonly HwRequirementsEntry[] | undefined): HwRequirements {
    let entries: unknown = value ?? DEFAULT_HW_REQUIREMENTS
    if (typeof value === 'string') {
      try {
        entries = JSON.parse(value)
      } catch (error) {
        throw new ConfigurationError(`hw-requirements: not valid JSON (${(error as Error).message})`)
      }
    }
    if (!Array.isArray(entries))
      throw new ConfigurationError(
        'hw-requirements: must be a JSON list of {version, master, worker, sno, ...}'
      )
    const problems: string[] = []
    entries.forEach((e, i) => {
      if (!e || typeof e !== 'object' || typeof (e as HwRequirementsEntry).version !== 'string') {
        problems.push(`hw-requirements[${i}].version: is required`)
      }
    })
    const list = entries as HwRequirementsEntry[]
    if (!list.some(e => e.version === 'default')) {
      problems.push(
        'hw-requirements: needs an entry with version "default" (without it the real service never validates a host)'
      )
    }
    if (problems.length) throw new ConfigurationError(problems, 'invalid HW requirements:')
    const requirements = new HwRequirements(list)
    for (const entry of list) {
      const resolved = requirements.forVersion(entry.version === 'default' ? '0.0' : entry.version)
      for (const role of ROLES) {
        const r = resolved[role]
        if (!(r.cpu_cores > 0 && r.ram_mib > 0 && r.disk_size_gb > 0)) {
          problems.push(
            `hw-requirements (version ${entry.version}).${role}: cpu_cores, ram_mib and disk_size_gb must all be > 0`
          )
        }
      }
    }
    if (problems.length) throw new ConfigurationError(problems, 'invalid HW requirements:')
    return requirements
  }

  /** Exact entry, else the highest min_version entry ≤ version, else default; merged field by field over default. */
  forVersion(version: string): VersionRequirements {
    const cached = this.cache.get(version)
    if (cached) return cached
    const base = this.entries.find(e => e.version === 'default')
    const minor = minorOf(version)
    const exact = this.entries.find(
      e =>
        e.version !== 'default' &&
        e.match_type !== 'min_version' &&
        (e.version === version || e.version === minor)
    )
    const minMatch = exact
      ? undefined
      : this.entries
          .filter(e => e.match_type === 'min_version' && compareVersions(e.version, version) <= 0)
          .sort((a, b) => compareVersions(b.version, a.version))[0]
    const overlay = exact ?? minMatch
    const merged = {} as VersionRequirements
    for (const role of ROLES) {
      const fromBase = base?.[role]
      const fromOverlay = overlay?.[role]
      merged[role] = { ...(fromBase ?? {}), ...(fromOverlay ?? {}) } as RoleRequirements
    }
    // Missing arbiter or edge-worker values fall back to the worker's.
    for (const role of ['arbiter', 'edge-worker'] as const) {
      if (!base?.[role] && !overlay?.[role]) merged[role] = { ...merged.worker }
    }
    this.cache.set(version, merged)
    return merged
  }
}
