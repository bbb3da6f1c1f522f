import { readFileSync } from 'node:fs'
import type { Driver } from '../../../src/drivers/driver.js'
import type { RealDriver } from '../../../src/drivers/process/real-driver.js'
import { onSwarmDriver } from '../../../src/swarm/driver-factory.js'
import type { ProgressSink } from '../../../src/swarm/progress/snapshot.js'

/** A read-write mount inside a box (from /proc/<box PID 1>/mountinfo). */
export interface WritableMount {
  mountPoint: string
  fsType: string
  /** For a bind mount, the directory of the machine it shows. */
  root: string
}

/** The read-write mounts of a running process's mount namespace. */
export function writableMounts(pid: number): WritableMount[] {
  const out: WritableMount[] = []
  for (const line of readFileSync(`/proc/${pid}/mountinfo`, 'utf8').split('\n')) {
    if (!line) continue
    // id parent major:minor root mountpoint options [optional...] - fstype source superoptions
    const [left, right] = line.split(' - ')
    const f = left!.split(' ')
    const options = f[5]!.split(',')
    if (!options.includes('rw')) continue
    out.push({ root: f[3]!, mountPoint: f[4]!, fsType: right!.split(' ')[0]! })
  }
  return out
}

/**
 * A look into the driver launch-swarm creates: its CPU and memory figures at the end, and (for the died-host
 * test) the agent of one host killed by PID once it has registered, as a crash would end it.
 */
export function createRealDriverHook(request: { killHost?: string }): {
  progress(sink: ProgressSink): ProgressSink
  usage(): Record<string, { cpuMs: number; maxRssBytes: number; maxPssBytes?: number }> | undefined
  mounts(): Record<string, WritableMount[]>
} {
  const mounts: Record<string, WritableMount[]> = {}
  let driver: Driver | undefined
  let final: Record<string, { cpuMs: number; maxRssBytes: number; maxPssBytes?: number }> | undefined
  let killed = false
  let sampled = 0
  onSwarmDriver(d => {
    driver = d
    if (d.kind === 'native') return
    const real = d as RealDriver
    const stop = real.stop.bind(real)
    // the last figures are taken before the boxes go
    real.stop = async () => {
      real.sampleNow({ pss: true })
      final = Object.fromEntries(
        [...real.usage()].map(([name, u]) => [
          name,
          {
            cpuMs: u.cpuMs,
            maxRssBytes: u.maxRssBytes,
            ...(u.maxPssBytes ? { maxPssBytes: u.maxPssBytes } : {})
          }
        ])
      )
      return stop()
    }
  })
  const look = (): void => {
    if (!driver || driver.kind === 'native') return
    const real = driver as RealDriver
    // peak memory (proportional too) every 2 s; the timeline gets its own samples every 5 s
    if (Date.now() - sampled >= 2000) {
      sampled = Date.now()
      real.sampleNow({ pss: true })
    }
    for (const state of real.hostStates()) {
      if (mounts[state.hostname] || !state.initPid || state.milestone === 'launched') continue
      try {
        mounts[state.hostname] = writableMounts(state.initPid)
      } catch {
        // the box ended meanwhile
      }
    }
    if (!request.killHost || killed) return
    const state = real.hostStates().find(h => h.hostname === request.killHost)
    if (state?.milestone === 'registered' && state.initPid) {
      killed = true
      process.kill(state.initPid, 'SIGKILL')
    }
  }
  return {
    progress: sink => ({
      update(snapshot) {
        look()
        sink.update(snapshot)
      },
      finish: snapshot => sink.finish(snapshot)
    }),
    usage: () => final,
    mounts: () => mounts
  }
}
