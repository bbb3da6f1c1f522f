/**
 * The real agent, installer and controller (the upstream snapshots of ../shared/upstream/sources, patched with
 * this project's series and built through apply-patches and build-push-images; cached) driving a small swarm to
 * installed against the embedded simulator, compared with native hosts on the same plan (docs/fidelity.md):
 *
 * - one single-node and one 3-master cluster, with the process driver and with the native driver, each run a
 *   process of its own inside `unshare --net` (the simulator, the swarm and every host in one namespace holding
 *   only loopback), the simulator asking for an agent key so the hosts carry a real secret;
 * - outcomes and the request mix per host and per cluster (counted by a tap in front of the simulator) must agree
 *   within the stated tolerances;
 * - every box wrote only into the run directory (its writable mounts, and the files real hosts write landing
 *   there), and the secret is in no file of the run;
 * - a host whose agent process is killed is reported as died, not lost.
 *
 * Slow: the first build of the three binaries takes minutes (then cached under $ASSISTED_SWARM_CACHE); the runs
 * take about a minute and a half (the real controller looks at its cluster once a minute before its final log
 * upload).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { ensureProcessBinaries } from '../../src/drivers/process/build-cache.js'
import { processDriverProblem } from '../../src/drivers/process/index.js'
import type { HostRecord, TimelineRecord } from '../../src/timeline/records.js'
import { RecordingLogger } from '../../src/util/logging.js'
import { goSkipReason, testGoCache } from '../images/support/go.js'
import { compareRuns, formatDifferences } from './support/fidelity-compare.js'
import type { FidelityRequest, FidelityResult } from './support/fidelity-run.js'

const ROOT = resolve(import.meta.dirname ?? '.', '../..')
const SOURCES = resolve(ROOT, '..', 'shared', 'upstream', 'sources')
const BUNDLES = {
  agent: join(SOURCES, 'assisted-installer-agent.bundle'),
  installer: join(SOURCES, 'assisted-installer.bundle')
}
const MINUTE = 60_000
const AGENT_KEY = 'swarm-agent-key-7c1f0e9d5b3a'

function skipReason(): string | undefined {
  const missing = Object.values(BUNDLES).filter(b => !existsSync(b))
  if (missing.length) return `upstream snapshots not found: ${missing.join(', ')}`
  const go = goSkipReason()
  if (go) return go
  const box = processDriverProblem()
  if (box) return box
  const netns = spawnSync('unshare', ['--net', 'true'])
  if (netns.status !== 0) return `cannot create a network namespace: ${String(netns.stderr).trim()}`
  return undefined
}
const skip = skipReason()
if (skip) console.warn(`skipping the real-driver swarm tests: ${skip}`)
const describeReal = skip ? describe.skip : describe

/** One swarm run in a network namespace of its own (test/drivers/support/fidelity-run.ts). */
function runSwarm(request: FidelityRequest): Promise<FidelityResult> {
  const requestFile = `${request.runDir}.request.json`
  writeFileSync(requestFile, JSON.stringify(request))
  const child = spawn(
    'unshare',
    [
      '--net',
      '--',
      '/bin/sh',
      '-c',
      'ip link set lo up && exec "$0" --import tsx test/drivers/support/fidelity-run.ts "$1"',
      process.execPath,
      requestFile
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } }
  )
  let output = ''
  child.stdout.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr.on('data', (d: Buffer) => (output += d.toString()))
  return new Promise((resolveRun, reject) => {
    child.once('close', code => {
      const resultFile = join(request.runDir, 'fidelity-result.json')
      if (code !== 0 || !existsSync(resultFile)) {
        reject(
          new Error(`${request.driver} run ${request.runId} ended with ${code}:\n${output.slice(-4000)}`)
        )
        return
      }
      resolveRun(JSON.parse(readFileSync(resultFile, 'utf8')) as FidelityResult)
    })
  })
}

function timeline(result: FidelityResult): TimelineRecord[] {
  return readFileSync(result.timeline, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(l => JSON.parse(l) as TimelineRecord)
}

function filesUnder(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    const st = statSync(path, { throwIfNoEntry: false })
    if (!st) continue
    if (st.isDirectory()) out.push(...filesUnder(path))
    else if (st.isFile()) out.push(path)
  }
  return out
}

describeReal('real agents, installers and controllers (process driver)', () => {
  let root: string
  let binaries: string
  let native: FidelityResult
  let real: FidelityResult
  let died: FidelityResult
  const canaries = ['/opt/openshift', '/tmp/controller_logs.log', '/etc/assisted-installer-controller']
  let canariesBefore: boolean[]

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'swarm-process-'))
    canariesBefore = canaries.map(c => existsSync(c))
    const started = Date.now()
    const built = await ensureProcessBinaries({
      componentsFile: join(ROOT, 'components.yaml'),
      upstreamOverrides: BUNDLES,
      goCache: testGoCache(),
      logger: new RecordingLogger()
    })
    binaries = built.dir
    console.log(
      `process binaries ${built.cacheHit ? 'from the cache' : 'built'} in ${((Date.now() - started) / 1000).toFixed(0)}s: ${binaries}`
    )
    const plan = join(ROOT, 'test/drivers/fixtures/fidelity.yaml')
    const diesPlan = join(root, 'dies.yaml')
    writeFileSync(
      diesPlan,
      [
        'name: dies',
        'target: {kind: simulator, profile: fast}',
        "openshift_version: '4.18'",
        'clusters: [{amount: 1, single_node: true}]',
        'deadline: 25s'
      ].join('\n')
    )
    ;[native, real, died] = await Promise.all([
      runSwarm({
        planPath: plan,
        runId: 'fidelity',
        runDir: join(root, 'native'),
        driver: 'native',
        agentKey: AGENT_KEY
      }),
      runSwarm({
        planPath: plan,
        runId: 'fidelity',
        runDir: join(root, 'process'),
        driver: 'process',
        binariesDir: binaries,
        agentKey: AGENT_KEY
      }),
      runSwarm({
        planPath: diesPlan,
        runId: 'dies',
        runDir: join(root, 'dies'),
        driver: 'process',
        binariesDir: binaries,
        agentKey: AGENT_KEY,
        killHost: 'dies-sno-0-master-0'
      })
    ])
  }, 90 * MINUTE)

  afterAll(() => {
    if (root && !process.env.ASSISTED_SWARM_KEEP_TEST_RUNS) rmSync(root, { recursive: true, force: true })
  })

  it('installs one SNO and one 3-master cluster with the real programs, as the native hosts do', () => {
    for (const run of [native, real]) {
      expect({
        driver: run.driver,
        reason: run.reason,
        clusters: run.clustersInstalled,
        hosts: run.hostsInstalled
      }).toEqual({
        driver: run.driver,
        reason: 'completed',
        clusters: 2,
        hosts: 4
      })
      expect({ driver: run.driver, failures: run.failures }).toEqual({ driver: run.driver, failures: {} })
    }
    const comparison = compareRuns(native, real)
    console.log(`fidelity: tolerated differences\n${formatDifferences(comparison.tolerated)}`)
    expect(formatDifferences(comparison.differences)).toBe('')
  })

  it('records the milestones of every real host, its stages and its CPU and memory', () => {
    const records = timeline(real)
    const hosts = records.filter(
      (r): r is HostRecord => r.k === 'host' && r.ev !== 'status' && r.ev !== 'planned'
    )
    for (const hostname of [...new Set(hosts.map(h => h.h))]) {
      expect({ hostname, events: hosts.filter(h => h.h === hostname).map(h => h.ev) }).toEqual({
        hostname,
        events: ['launch', 'registered', 'install', 'rebooted', 'exit']
      })
    }
    const stages = records.filter(r => r.k === 'stage' && r.h === 'fidelity-sno-0-master-0')
    expect(stages.map(s => (s.k === 'stage' ? `${s.by}: ${s.stage}` : ''))).toEqual([
      'installer: Starting installation',
      'installer: Installing',
      'installer: Waiting for bootkube',
      'installer: Writing image to disk',
      'installer: Rebooting',
      'controller: Joined',
      'controller: Done'
    ])
    const proc = records.filter(r => r.k === 'proc')
    expect(new Set(proc.map(p => (p.k === 'proc' ? p.h : '')))).toEqual(
      new Set([
        'fidelity-sno-0-master-0',
        'fidelity-compact-0-master-0',
        'fidelity-compact-0-master-1',
        'fidelity-compact-0-master-2',
        'fidelity-sno-0-controller',
        'fidelity-compact-0-controller'
      ])
    )
    for (const [box, usage] of Object.entries(real.usage ?? {})) {
      // a real host: its agent, next-step-runner and installer; tens of MB, well under a CPU-minute
      expect({
        box,
        rss: usage.maxRssBytes > 10e6 && usage.maxRssBytes < 500e6,
        cpu: usage.cpuMs < 60_000
      }).toEqual({
        box,
        rss: true,
        cpu: true
      })
    }
  })

  it('writes only into the run directory', () => {
    const runDir = join(root, 'process')
    const scratch = ['/root', '/opt', '/var', '/tmp', '/run/swarm/markers', '/run/swarm/state']
    expect(Object.keys(real.mounts ?? {}).sort()).toEqual([
      'fidelity-compact-0-master-0',
      'fidelity-compact-0-master-1',
      'fidelity-compact-0-master-2',
      'fidelity-sno-0-master-0'
    ])
    for (const [box, mounts] of Object.entries(real.mounts ?? {})) {
      for (const m of mounts) {
        const fresh = ['/', '/dev', '/run'].includes(m.mountPoint) && m.fsType === 'tmpfs' && m.root === '/'
        const proc = m.mountPoint === '/proc' && m.fsType === 'proc'
        const own =
          scratch.includes(m.mountPoint) &&
          (m.root.includes(`/process/boxes/${box}/`) || m.root.includes('/process/clusters/'))
        expect({ box, mount: m, allowed: fresh || proc || own }).toEqual({ box, mount: m, allowed: true })
      }
    }
    // what the real programs write on a host landed in the boxes' scratch directories, not on this machine
    const bootstrapLogs = readdirSync(join(runDir, 'process/boxes/fidelity-sno-0-master-0/var/log'))
    expect(bootstrapLogs.some(f => f.startsWith('assisted-installer'))).toBe(true)
    expect(existsSync(join(runDir, 'process/boxes/fidelity-sno-0-controller/tmp/controller_logs.log'))).toBe(
      true
    )
    expect(canaries.map(c => existsSync(c))).toEqual(canariesBefore)
    expect(readdirSync('/var/log').filter(f => f.startsWith('assisted-installer-'))).toEqual([])
  })

  it('keeps the agent key out of every file of the run', () => {
    const leaks = filesUnder(root).filter(
      f => !f.endsWith('.request.json') && readFileSync(f).includes(AGENT_KEY)
    )
    expect(leaks.map(f => relative(root, f))).toEqual([])
    // the hosts did use it (the simulator refuses agents without it)
    expect(real.hostsInstalled).toBe(4)
  })

  it('reports a host whose agent process dies', () => {
    const records = timeline(died)
    const host = records.filter((r): r is HostRecord => r.k === 'host' && r.h === 'dies-sno-0-master-0')
    expect(host.map(h => h.ev).filter(ev => ev !== 'status' && ev !== 'planned')).toEqual([
      'launch',
      'registered',
      'died'
    ])
    // the test killed the box's PID 1 with SIGKILL, as the OOM killer would
    expect(host.find(h => h.ev === 'died')!.info).toBe('killed by SIGKILL (last: registered)')
    expect(records).toContainEqual(
      expect.objectContaining({
        k: 'error',
        scope: 'host',
        h: 'dies-sno-0-master-0',
        msg: expect.stringMatching(/ended without a reboot/)
      })
    )
    expect(died.reason).toBe('deadline')
    expect(readFileSync(join(root, 'dies', 'logs', 'dies-sno-0-master-0.log'), 'utf8')).toContain(
      'box ended: killed by SIGKILL'
    )
  })
})
