import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { HostLog } from './host-log.js'
import { childPidNamespace } from './proc-stats.js'
import type { SandboxCommand } from './sandbox.js'

export interface BoxExit {
  code: number | null
  signal: NodeJS.Signals | null
}

/**
 * What util-linux `unshare --fork` prints when the box's PID 1 was killed by SIGKILL: it tries to end itself
 * with the same signal, cannot install a handler for SIGKILL, and exits 1 with this message instead. The only
 * terminating signal that fails there is SIGKILL (an OOM kill, or `kill -9` of the box), so that is the end.
 */
const UNSHARE_SIGKILL_RELAY = 'unshare: sigprocmask unblock failed'

/** The box's end as its PID 1 had it: unshare's failed relay of a SIGKILL is reported as the SIGKILL. */
export function boxExit(code: number | null, signal: NodeJS.Signals | null, stderrTail: string): BoxExit {
  if (code === 1 && !signal && stderrTail.includes(UNSHARE_SIGKILL_RELAY))
    return { code: null, signal: 'SIGKILL' }
  return { code, signal }
}

/**
 * One started box: the process the driver spawned (`setpriv --pdeathsig` → `nsenter`/`unshare` → the box's
 * PID 1), its output into the box's log, its exit. Stopping kills exactly that process and the box's PID 1, by
 * PID; the kernel then ends everything else in the box's PID namespace.
 */
export class BoxProcess {
  readonly child: ChildProcess
  readonly exited: Promise<BoxExit>
  private exitInfo: BoxExit | undefined
  private namespace: string | undefined

  constructor(command: SandboxCommand, log: HostLog) {
    // --pdeathsig: if this process dies (even by kill -9), the box goes with it.
    this.child = spawn('setpriv', ['--pdeathsig', 'SIGKILL', '--', command.file, ...command.args], {
      env: command.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: '/'
    })
    log.attach(this.child.stdout!)
    log.attach(this.child.stderr!)
    let stderrTail = ''
    this.child.stderr!.on('data', (chunk: string | Buffer) => {
      stderrTail = (stderrTail + chunk.toString()).slice(-512)
    })
    this.exited = new Promise(resolve => {
      this.child.once('error', error => {
        log.note(`cannot start: ${error.message}`)
        this.exitInfo = { code: 127, signal: null }
        resolve(this.exitInfo)
      })
      // 'close': the output is read to the end too
      this.child.once('close', (code, signal) => {
        this.exitInfo ??= boxExit(code, signal, stderrTail)
        resolve(this.exitInfo)
      })
    })
  }

  get pid(): number | undefined {
    return this.child.pid
  }

  get running(): boolean {
    return this.exitInfo === undefined
  }

  /** The box's PID namespace, once it exists. */
  pidNamespace(): string | undefined {
    if (this.namespace || !this.pid || !this.running) return this.namespace
    // setpriv and nsenter exec in place, so the spawned PID is unshare's once it runs
    this.namespace = childPidNamespace(this.pid)
    return this.namespace
  }

  /** PID (in the driver's namespace) of the box's PID 1, the child of unshare. */
  boxInitPid(): number | undefined {
    if (!this.pid) return undefined
    try {
      const children = readFileSync(`/proc/${this.pid}/task/${this.pid}/children`, 'utf8').trim()
      const first = Number(children.split(' ')[0])
      return first > 0 ? first : undefined
    } catch {
      return undefined
    }
  }

  /** Kills the box (its PID 1 and the unshare we started, by PID) and waits for the end. */
  async kill(): Promise<BoxExit> {
    if (this.running && this.pid) {
      const init = this.boxInitPid()
      for (const pid of [init, this.pid]) {
        if (!pid) continue
        try {
          process.kill(pid, 'SIGKILL')
        } catch {
          // already gone
        }
      }
    }
    return this.exited
  }
}

export function describeExit(exit: BoxExit): string {
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`
}
