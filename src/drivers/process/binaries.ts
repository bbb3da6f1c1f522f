import { createHash } from 'node:crypto'
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  statSync
} from 'node:fs'
import { join, resolve } from 'node:path'
import { loadComponents, seriesChain } from '../../patches/components.js'
import { readSeries, seriesHash } from '../../patches/series.js'
import { ConfigurationError } from '../../util/errors.js'

/** The programs a real host runs (from build-push-images --binaries, or ensureProcessBinaries). */
export const PROCESS_BINARIES = ['agent', 'installer', 'assisted-installer-controller'] as const
export type ProcessBinary = (typeof PROCESS_BINARIES)[number]

/** The component each binary is built from (components.yaml). */
export const BINARY_COMPONENT: Record<ProcessBinary, string> = {
  agent: 'agent',
  installer: 'installer',
  'assisted-installer-controller': 'controller'
}

/**
 * Strings that only the patched programs hold: flags and settings the series adds (upstream has none of them).
 * A binary without them is an unpatched build and never runs as a fake host.
 */
export const SERIES_MARKERS: Record<ProcessBinary, readonly string[]> = {
  // agent 0004 (container-free dry run), 0006 (hardware from configuration), 0009 (DNS from configuration)
  agent: [
    'dry-run-no-containers',
    'DRY_NO_CONTAINERS',
    'DRY_CPU_COUNT',
    'DRY_DNS_API_ADDRESSES',
    'nsenter-target'
  ],
  // installer 0001 (nsenter target), 0003 (coreos-installer stand-in), 0004 (logs sender process)
  installer: ['DRY_NSENTER_TARGET', 'dry-coreos-installer', 'DRY_COREOS_INSTALLER', 'DRY_AGENT_BINARY'],
  // controller 0003 (control plane count from the hosts file), and the installer series it is built on
  'assisted-installer-controller': ['setDryControlPlaneCount', 'DRY_NSENTER_TARGET']
}

/** Written next to the binaries by ensureProcessBinaries: what they were built from, and their hashes. */
export const STAMP_FILE = 'assisted-swarm-binaries.json'
export const STAMP_FORMAT = 'assisted-swarm-binaries/v1'

export interface BuildStamp {
  format: typeof STAMP_FORMAT
  builtAt: string
  go: string
  /** component → what it was built from */
  components: Record<string, { upstreamCommit: string; seriesHash: string }>
  /** binary → sha256 */
  binaries: Record<string, string>
}

export interface VerifiedBinaries {
  dir: string
  paths: Record<ProcessBinary, string>
  stamp?: BuildStamp
  /** One line for the log: what runs. */
  description: string
}

export function sha256File(path: string): string {
  return scanFile(path, []).sha256
}

/** What one read of a file gives: its first bytes, its sha256, and which of the markers it holds. */
export interface FileScan {
  head: Buffer
  sha256: string
  found: Set<string>
}

/**
 * Reads a file once, in chunks (the binaries are tens of MB each: reading them whole raised the driver's peak
 * RSS by their size), hashing it and looking for the markers, also across chunk boundaries.
 */
export function scanFile(path: string, markers: readonly string[], chunkBytes = 4 << 20): FileScan {
  const hash = createHash('sha256')
  const wanted = markers.map(m => Buffer.from(m, 'latin1'))
  const overlap = Math.max(0, ...wanted.map(m => m.length - 1))
  const found = new Set<string>()
  const chunk = Buffer.alloc(chunkBytes + overlap)
  let head: Buffer | undefined
  let carried = 0
  const fd = openSync(path, 'r')
  try {
    for (;;) {
      const n = readSync(fd, chunk, carried, chunkBytes, null)
      if (n === 0) break
      const data = chunk.subarray(carried, carried + n)
      hash.update(data)
      head ??= Buffer.from(data.subarray(0, 16))
      const window = chunk.subarray(0, carried + n)
      wanted.forEach((m, i) => {
        if (!found.has(markers[i]!) && window.indexOf(m) >= 0) found.add(markers[i]!)
      })
      // keep the last bytes, so a marker cut by the chunk boundary is found in the next window
      carried = Math.min(overlap, window.length)
      window.copy(chunk, 0, window.length - carried)
    }
  } finally {
    closeSync(fd)
  }
  return { head: head ?? Buffer.alloc(0), sha256: hash.digest('hex'), found }
}

/** Series hash of each component in a components file (the hash apply-patches records and images are tagged with). */
export function currentSeriesHashes(componentsFile: string): Record<string, string> {
  const file = loadComponents(componentsFile)
  const out: Record<string, string> = {}
  for (const component of file.components.values()) {
    const patches = seriesChain(file, component).flatMap(({ series, component: owner }) =>
      readSeries(series, owner)
    )
    out[component.name] = seriesHash(patches)
  }
  return out
}

export function readStamp(dir: string): BuildStamp | undefined {
  const path = join(dir, STAMP_FILE)
  if (!existsSync(path)) return undefined
  let stamp: BuildStamp
  try {
    stamp = JSON.parse(readFileSync(path, 'utf8')) as BuildStamp
  } catch {
    throw new ConfigurationError(`binaries: ${path} is not valid JSON`)
  }
  if (stamp.format !== STAMP_FORMAT) throw new ConfigurationError(`binaries: ${path} has an unknown format`)
  return stamp
}

/**
 * Checks a binaries directory before anything of it runs: the three programs are there, executable ELF files,
 * each holds the marks of the patch series; when a build stamp is there, every binary is the one stamped, and
 * (given the checkout's components file) built from the series checked out now. Throws ConfigurationError.
 */
export function verifyProcessBinaries(
  dirInput: string,
  options: { componentsFile?: string } = {}
): VerifiedBinaries {
  const dir = resolve(dirInput)
  const problems: string[] = []
  const paths = {} as Record<ProcessBinary, string>
  const scans = new Map<ProcessBinary, FileScan>()
  if (!existsSync(dir)) {
    throw new ConfigurationError(
      `binaries: ${dir} does not exist (build them: assisted-swarm build-push-images --no-images --no-push --binaries ${dirInput})`
    )
  }
  for (const name of PROCESS_BINARIES) {
    const path = join(dir, name)
    paths[name] = path
    if (!existsSync(path)) {
      problems.push(`${name}: missing in ${dir}`)
      continue
    }
    try {
      accessSync(path, constants.X_OK)
    } catch {
      problems.push(`${name}: ${path} is not executable`)
      continue
    }
    if (!statSync(path).isFile()) {
      problems.push(`${name}: ${path} is not a file`)
      continue
    }
    const scan = scanFile(path, SERIES_MARKERS[name])
    scans.set(name, scan)
    if (scan.head.subarray(0, 4).toString('latin1') !== '\x7fELF') {
      problems.push(`${name}: ${path} is not an executable program (ELF)`)
      continue
    }
    const missing = SERIES_MARKERS[name].filter(m => !scan.found.has(m))
    if (missing.length)
      problems.push(
        `${name}: ${path} is not patched by this project's series (it lacks ${missing.join(', ')}); build it with apply-patches and build-push-images`
      )
  }
  if (problems.length) throw new ConfigurationError(problems, `binaries in ${dir} cannot run as fake hosts:`)

  const stamp = readStamp(dir)
  if (stamp) {
    for (const name of PROCESS_BINARIES) {
      const expected = stamp.binaries[name]
      if (expected && scans.get(name)!.sha256 !== expected)
        problems.push(
          `${name}: ${paths[name]} is not the binary stamped in ${STAMP_FILE} (changed after the build)`
        )
    }
    if (options.componentsFile && existsSync(options.componentsFile)) {
      const current = currentSeriesHashes(options.componentsFile)
      for (const name of PROCESS_BINARIES) {
        const component = BINARY_COMPONENT[name]
        const built = stamp.components[component]?.seriesHash
        if (built && current[component] && built !== current[component])
          problems.push(
            `${name}: built from ${component} series ${built.slice(0, 12)}, but ${options.componentsFile} has series ${current[component]!.slice(0, 12)}; rebuild the binaries`
          )
      }
    }
    if (problems.length) throw new ConfigurationError(problems, `binaries in ${dir} are stale:`)
  }
  const series = stamp
    ? Object.entries(stamp.components)
        .map(([c, s]) => `${c} ${s.upstreamCommit.slice(0, 12)}+${s.seriesHash.slice(0, 12)}`)
        .join(', ')
    : 'no build stamp; series marks checked'
  return { dir, paths, ...(stamp ? { stamp } : {}), description: `${dir} (${series})` }
}
