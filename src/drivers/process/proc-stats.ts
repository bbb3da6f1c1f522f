import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, readlinkSync } from 'node:fs'

/**
 * CPU and memory of whole PID namespaces, read from /proc: one real host is one PID namespace (its agent, the
 * next-step-runner, the step tools, the installer). CPU is cumulative: user + system time of the live processes
 * plus what they have collected from their ended children (cutime/cstime), so processes that came and went
 * still count. Memory is the resident set of the live processes (shared pages counted in each, as `ps` does);
 * `pssBytes` (proportional) is read only when asked, it costs more.
 */
export interface NamespaceSample {
  cpuMs: number
  rssBytes: number
  pssBytes?: number
  processes: number
}

let clockTicks: number | undefined
let pageSize: number | undefined

function sysconf(name: string, fallback: number): number {
  try {
    const value = Number(execFileSync('getconf', [name], { encoding: 'utf8' }).trim())
    return Number.isFinite(value) && value > 0 ? value : fallback
  } catch {
    return fallback
  }
}

function ticks(): number {
  return (clockTicks ??= sysconf('CLK_TCK', 100))
}

function pages(): number {
  return (pageSize ??= sysconf('PAGESIZE', 4096))
}

/** The PID namespace a process runs in (`pid:[4026532…]`), or undefined once it is gone. */
export function pidNamespace(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/ns/pid`)
  } catch {
    return undefined
  }
}

/**
 * The PID namespace the children of `pid` are made in, once it differs from its own: for an `unshare --pid`
 * process, the new namespace (undefined until unshare has made it).
 */
export function childPidNamespace(pid: number): string | undefined {
  try {
    const own = readlinkSync(`/proc/${pid}/ns/pid`)
    const children = readlinkSync(`/proc/${pid}/ns/pid_for_children`)
    return children !== own ? children : undefined
  } catch {
    return undefined
  }
}

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
function statFields(pid: string): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return text.slice(text.lastIndexOf(')') + 2).split(' ')
  } catch {
    return undefined
  }
}

function pss(pid: string): number {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))
    return match ? Number(match[1]) * 1024 : 0
  } catch {
    return 0
  }
}

/** One pass over /proc: a sample for each of the given namespaces that has live processes. */
export function sampleNamespaces(
  namespaces: ReadonlySet<string>,
  options: { pss?: boolean } = {}
): Map<string, NamespaceSample> {
  const out = new Map<string, NamespaceSample>()
  if (!namespaces.size) return out
  let entries: string[]
  try {
    entries = readdirSync('/proc')
  } catch {
    return out
  }
  const hz = ticks()
  const page = pages()
  for (const pid of entries) {
    if (!/^\d+$/.test(pid)) continue
    let ns: string
    try {
      ns = readlinkSync(`/proc/${pid}/ns/pid`)
    } catch {
      continue
    }
    if (!namespaces.has(ns)) continue
    const f = statFields(pid)
    if (!f) continue
    // after "pid (comm) ": state=0 … utime=11 stime=12 cutime=13 cstime=14 … rss=21
    const cpuTicks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])
    const rss = Number(f[21]) * page
    let sample = out.get(ns)
    if (!sample) {
      sample = { cpuMs: 0, rssBytes: 0, processes: 0, ...(options.pss ? { pssBytes: 0 } : {}) }
      out.set(ns, sample)
    }
    sample.cpuMs += (cpuTicks * 1000) / hz
    sample.rssBytes += rss
    sample.processes++
    if (options.pss) sample.pssBytes! += pss(pid)
  }
  return out
}

/** CPU time (ms) of this process and of every child it has waited for, from /proc/self/stat. */
export function selfAndChildrenCpuMs(): { selfMs: number; childrenMs: number } {
  const f = statFields('self')
  if (!f) return { selfMs: 0, childrenMs: 0 }
  const hz = ticks()
  return {
    selfMs: ((Number(f[11]) + Number(f[12])) * 1000) / hz,
    childrenMs: ((Number(f[13]) + Number(f[14])) * 1000) / hz
  }
}
