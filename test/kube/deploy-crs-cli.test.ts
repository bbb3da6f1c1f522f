/**
 * `assisted-swarm deploy-crs` end to end through the CLI entry point, against a real API server:
 * render, apply with a pull secret file (which must never be printed), teardown, and the exit codes of
 * user mistakes and an unreachable server. Nothing is mocked; output is captured from the process streams.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../src/cli/main.js'
import { KubeClient } from '../../src/kube/client.js'
import { KINDS } from '../../src/kube/kinds.js'
import { runSelector } from '../../src/kube/objects.js'
import { ExitCode } from '../../src/util/exit-codes.js'
import { kubeEnvSkipReason, startKubeEnv, type KubeEnv } from '../helpers/kube-env.js'

const skip = await kubeEnvSkipReason()
if (skip) console.warn(`skipping real API server tests: ${skip}`)
const describeKube = skip ? describe.skip : describe

const MARKER = 'c3dhcm0tc2VjcmV0LW1hcmtlcg=='

async function cli(args: string[]): Promise<{ code: number; output: string }> {
  let output = ''
  const out = process.stdout.write.bind(process.stdout)
  const err = process.stderr.write.bind(process.stderr)
  const capture = (chunk: string | Uint8Array): boolean => {
    output += String(chunk)
    return true
  }
  process.stdout.write = capture as typeof process.stdout.write
  process.stderr.write = capture as typeof process.stderr.write
  try {
    const code = await main(['node', 'assisted-swarm', 'deploy-crs', ...args])
    return { code, output }
  } finally {
    process.stdout.write = out
    process.stderr.write = err
    process.exitCode = undefined
  }
}

describeKube('assisted-swarm deploy-crs (CLI) on a real API server', () => {
  let env: KubeEnv
  let dir: string
  let client: KubeClient

  beforeAll(async () => {
    env = await startKubeEnv()
    client = await KubeClient.create({ kubeconfig: env.kubeconfigPath })
    dir = mkdtempSync(join(tmpdir(), 'deploy-crs-cli-'))
    writeFileSync(
      join(dir, 'pull-secret.json'),
      JSON.stringify({ auths: { 'registry.invalid': { auth: MARKER } } })
    )
  }, 120_000)

  afterAll(async () => {
    client?.close()
    await env?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  }, 60_000)

  it('renders manifests without touching any server', async () => {
    const { code, output } = await cli([
      'plans/smoke.yaml',
      '--run-id',
      'cli-render',
      '--render',
      join(dir, 'render')
    ])
    expect(code).toBe(ExitCode.Ok)
    expect(readdirSync(join(dir, 'render'))).toEqual([
      '0000-run.yaml',
      '0001-smoke-sno-0.yaml',
      '0002-smoke-multi-0.yaml'
    ])
    expect(output).toContain('objects: 11')
  })

  it('applies with a pull secret file it never prints, records the run, then tears it down', async () => {
    const apply = await cli([
      'plans/smoke.yaml',
      '--run-id',
      'cli-run',
      '--kubeconfig',
      env.kubeconfigPath,
      '--pull-secret-file',
      join(dir, 'pull-secret.json'),
      '--out',
      join(dir, 'run'),
      '--wait',
      'never'
    ])
    expect(apply.output).not.toContain(MARKER)
    expect(apply.code).toBe(ExitCode.Ok)
    expect(apply.output).toContain('11 created')
    const record = JSON.parse(readFileSync(join(dir, 'run', 'deploy-crs.json'), 'utf8'))
    expect(record).toMatchObject({ runId: 'cli-run', clusters: 2, objects: 11 })
    expect(JSON.stringify(record)).not.toContain(MARKER)
    const secret = await client.get(KINDS.Secret, 'pull-secret', 'cli-run-smoke-sno-0')
    expect(
      Buffer.from((secret?.data as Record<string, string>)['.dockerconfigjson']!, 'base64').toString()
    ).toContain(MARKER)

    const teardown = await cli([
      'plans/smoke.yaml',
      '--run-id',
      'cli-run',
      '--kubeconfig',
      env.kubeconfigPath,
      '--teardown'
    ])
    expect(teardown.code).toBe(ExitCode.Ok)
    expect(teardown.output).toMatch(/deleted 11 objects/)
    expect(
      (await client.list(KINDS.Namespace, { labelSelector: runSelector('cli-run') })).items
    ).toHaveLength(0)
  }, 90_000)

  it('exits 2 on a pull secret that is not one, without echoing it', async () => {
    writeFileSync(join(dir, 'bad-secret.txt'), `not json ${MARKER}`)
    const { code, output } = await cli([
      'plans/smoke.yaml',
      '--kubeconfig',
      env.kubeconfigPath,
      '--pull-secret-file',
      join(dir, 'bad-secret.txt')
    ])
    expect(code).toBe(ExitCode.BadInput)
    expect(output).toContain('pull-secret-file: the pull secret is not valid JSON')
    expect(output).not.toContain(MARKER)
  })

  it('exits 3 within seconds when the API server cannot be reached', async () => {
    const kubeconfig = join(dir, 'nowhere.kubeconfig')
    const admin = readFileSync(env.kubeconfigPath, 'utf8')
    // Port 1 on loopback: nothing listens there.
    writeFileSync(
      kubeconfig,
      admin.replace(/server: https:\/\/127\.0\.0\.1:\d+/, 'server: https://127.0.0.1:1')
    )
    const start = Date.now()
    const { code, output } = await cli([
      'plans/smoke.yaml',
      '--run-id',
      'cli-nowhere',
      '--kubeconfig',
      kubeconfig
    ])
    expect(code).toBe(ExitCode.TargetUnreachable)
    expect(output).toContain('cannot reach the API server')
    expect(Date.now() - start).toBeLessThan(30_000)
    expect(existsSync(join('runs', 'cli-nowhere'))).toBe(false)
  }, 60_000)
})
