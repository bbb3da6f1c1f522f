/**
 * The container driver for real: the fidelity plan (one single-node and one 3-master cluster) to installed with
 * the agent, installer and controller images of this series run by podman, against the embedded simulator, all
 * inside `unshare --net` as in process-swarm.test.ts. Where podman cannot run containers (or the images are not
 * given) the test is skipped with the reason; the command lines are tested in
 * src/drivers/container/podman-command.test.ts.
 *
 *   ASSISTED_SWARM_IMAGES='{"agent": "...", "installer": "...", "controller": "..."}' \
 *     bash scripts/test.sh test/drivers/container-swarm.test.ts
 *
 * The images are the `images` output of build-push-images for this checkout's series, present in podman's store
 * (the driver never pulls).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { podmanProblem } from '../../src/drivers/container/index.js'
import type { HostRecord, TimelineRecord } from '../../src/timeline/records.js'
import type { FidelityRequest, FidelityResult } from './support/fidelity-run.js'

const ROOT = resolve(import.meta.dirname ?? '.', '../..')
const MINUTE = 60_000
const RUN_ID = 'fidelity-container'

function images(): Record<string, string> | undefined {
  try {
    return JSON.parse(process.env.ASSISTED_SWARM_IMAGES ?? '') as Record<string, string>
  } catch {
    return undefined
  }
}

function skipReason(): string | undefined {
  if (process.platform !== 'linux') return 'containers of real hosts need Linux'
  const podman = podmanProblem()
  if (podman) return podman
  const given = images()
  if (!given?.agent || !given.installer || !given.controller)
    return 'ASSISTED_SWARM_IMAGES is not set to the images output of build-push-images (agent, installer, controller)'
  const problem = podmanProblem(given.agent)
  if (problem) return problem
  const netns = spawnSync('unshare', ['--net', 'true'])
  if (netns.status !== 0) return `cannot create a network namespace: ${String(netns.stderr).trim()}`
  return undefined
}
const skip = skipReason()
if (skip) console.warn(`skipping the container-driver swarm test: ${skip}`)
const describeReal = skip ? describe.skip : describe

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
        reject(new Error(`container run ended with ${code}:\n${output.slice(-4000)}`))
        return
      }
      resolveRun(JSON.parse(readFileSync(resultFile, 'utf8')) as FidelityResult)
    })
  })
}

describeReal('real agents, installers and controllers in containers (container driver)', () => {
  let root: string
  let result: FidelityResult

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'swarm-container-'))
    result = await runSwarm({
      planPath: join(ROOT, 'test/drivers/fixtures/fidelity.yaml'),
      runId: RUN_ID,
      runDir: join(root, 'container'),
      driver: 'container',
      agentKey: 'swarm-agent-key-3e8d2a61c0b7'
    })
  }, 20 * MINUTE)

  afterAll(() => {
    if (root && !process.env.ASSISTED_SWARM_KEEP_TEST_RUNS) rmSync(root, { recursive: true, force: true })
  })

  it('installs one SNO and one 3-master cluster', () => {
    expect({
      reason: result.reason,
      clusters: result.clustersInstalled,
      hosts: result.hostsInstalled,
      failures: result.failures
    }).toEqual({ reason: 'completed', clusters: 2, hosts: 4, failures: {} })
    const records = readFileSync(result.timeline, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map(l => JSON.parse(l) as TimelineRecord)
    const hosts = records.filter(
      (r): r is HostRecord => r.k === 'host' && r.ev !== 'status' && r.ev !== 'planned'
    )
    for (const hostname of [...new Set(hosts.map(h => h.h))])
      expect({ hostname, events: hosts.filter(h => h.h === hostname).map(h => h.ev) }).toEqual({
        hostname,
        events: ['launch', 'registered', 'install', 'rebooted', 'exit']
      })
  })

  it('leaves no container of the run behind', () => {
    const left = execFileSync(
      'podman',
      ['ps', '--all', '--filter', `label=assisted-swarm.run=${RUN_ID}`, '--format', '{{.Names}}'],
      { encoding: 'utf8' }
    ).trim()
    expect(left).toBe('')
  })
})
