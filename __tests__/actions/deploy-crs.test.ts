/**
 * deploy-crs through @github/local-action, the way a runner runs it: rendering the smoke plan's CRs to files
 * (no API server), then applying them to a real kube-apiserver + etcd started by scripts/kube-env.sh on
 * 127.0.0.1 and tearing them down again. The pull secret is a secret input: it may reach the Secret objects (that
 * is its purpose) and nothing else the action prints, outputs or writes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseAllDocuments } from 'yaml'
import { runLocalAction, type LocalActionResult } from '../../__fixtures__/local-action.js'
import { runSelector } from '../../src/kube/objects.js'
import { startKubeEnv, type KubeEnv } from '../../test/helpers/kube-env.js'

const AUTH = Buffer.from('deploy-user:Pull-Secret-d3c1e8').toString('base64')
const PULL_SECRET = JSON.stringify({
  auths: { 'registry.example.com': { auth: AUTH, email: 'swarm@example.com' } }
})
/** The forms of the secret that must never be printed or written outside a Secret object. */
const SECRET_FORMS = [PULL_SECRET, AUTH, 'Pull-Secret-d3c1e8']

const dir = mkdtempSync(join(tmpdir(), 'deploy-crs-action-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function printed(result: LocalActionResult): string {
  return result.stdout + result.stderr + JSON.stringify(result.outputs)
}

/** The kube binaries are built by `scripts/kube-env.sh build` (.ci/run does it first); without them, skip. */
function kubeSkipReason(): string | undefined {
  if (process.env.KUBECONFIG_TEST) return undefined
  const paths = spawnSync('bash', ['scripts/kube-env.sh', 'paths'], { encoding: 'utf8' })
  const binDir = /^BIN_DIR=(.*)$/m.exec(paths.stdout ?? '')?.[1]
  const missing = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kubectl'].filter(
    bin => !binDir || !existsSync(join(binDir, bin))
  )
  return missing.length
    ? `the kube binaries are not built (${missing.join(', ')} missing in ${binDir ?? '?'}; run scripts/kube-env.sh build)`
    : undefined
}

describe('deploy-crs action', () => {
  it('renders the smoke plan to 0600 files, the pull secret only in its Secret objects', async () => {
    const render = join(dir, 'render')
    const summary = join(dir, 'render-summary.md')
    writeFileSync(summary, '')
    const result = await runLocalAction(
      'deploy-crs',
      { plan: 'plans/smoke.yaml', 'run-id': 'action-render', render, 'pull-secret': PULL_SECRET },
      { GITHUB_STEP_SUMMARY: summary }
    )
    expect(result.code).toBe(0)
    expect(result.outputs['run-id']).toBe('action-render')
    expect(result.outputs.objects).toBe('11')
    expect(result.outputs['infraenvs-ready']).toBe('0')
    expect(JSON.parse(result.outputs.infraenvs!)).toEqual([
      { namespace: 'action-render-smoke-sno-0', name: 'smoke-sno-0-infraenv' },
      { namespace: 'action-render-smoke-multi-0', name: 'smoke-multi-0-infraenv' }
    ])

    const files = readdirSync(render).sort()
    expect(files).toEqual(['0000-run.yaml', '0001-smoke-sno-0.yaml', '0002-smoke-multi-0.yaml'])
    const kinds: string[] = []
    const encoded = Buffer.from(PULL_SECRET).toString('base64')
    for (const file of files) {
      const path = join(render, file)
      expect(`${file} ${(statSync(path).mode & 0o777).toString(8)}`).toBe(`${file} 600`)
      const text = readFileSync(path, 'utf8')
      expect(SECRET_FORMS.filter(s => text.includes(s))).toEqual([])
      for (const doc of parseAllDocuments(text)) {
        const object = doc.toJS() as { kind: string; data?: Record<string, string> }
        kinds.push(object.kind)
        const holdsSecret = JSON.stringify(object).includes(encoded)
        expect(`${object.kind} ${holdsSecret}`).toBe(`${object.kind} ${object.kind === 'Secret'}`)
        if (object.kind === 'Secret')
          expect(Buffer.from(object.data!['.dockerconfigjson']!, 'base64').toString()).toBe(PULL_SECRET)
      }
    }
    expect(kinds.filter(k => k === 'InfraEnv')).toHaveLength(2)
    expect(SECRET_FORMS.concat(encoded).filter(s => printed(result).includes(s))).toEqual([])
    expect(SECRET_FORMS.concat(encoded).filter(s => readFileSync(summary, 'utf8').includes(s))).toEqual([])
  }, 120_000)

  const skip = kubeSkipReason()
  if (skip) console.warn(`skipping deploy-crs against a real API server: ${skip}`)
  const describeKube = skip ? describe.skip : describe

  describeKube('on a real API server', () => {
    let env: KubeEnv
    beforeAll(async () => {
      env = await startKubeEnv()
    }, 180_000)
    afterAll(async () => {
      await env?.stop()
    }, 60_000)

    const kubectlJson = (args: string[]): { items: { metadata: { name: string } }[] } => {
      const out = env.kubectl([...args, '-o', 'json'])
      expect(out.stderr).toBe('')
      return JSON.parse(out.stdout) as { items: { metadata: { name: string } }[] }
    }

    it('applies the smoke plan with the kubeconfig input, then tears it down', async () => {
      const runId = 'action-apply'
      const applied = await runLocalAction('deploy-crs', {
        plan: 'plans/smoke.yaml',
        'run-id': runId,
        kubeconfig: env.kubeconfigPath,
        'pull-secret': PULL_SECRET,
        wait: 'never'
      })
      expect(applied.code).toBe(0)
      expect(applied.outputs).toMatchObject({ 'run-id': runId, objects: '11', 'infraenvs-ready': '0' })
      const infraEnvs = kubectlJson(['get', 'infraenvs', '-A', '-l', runSelector(runId)])
      expect(infraEnvs.items.map(i => i.metadata.name).sort()).toEqual([
        'smoke-multi-0-infraenv',
        'smoke-sno-0-infraenv'
      ])
      const secret = env.kubectl([
        'get',
        'secret',
        'pull-secret',
        '-n',
        `${runId}-smoke-sno-0`,
        '-o',
        'jsonpath={.data.\\.dockerconfigjson}'
      ])
      expect(Buffer.from(secret.stdout, 'base64').toString()).toBe(PULL_SECRET)
      expect(SECRET_FORMS.filter(s => printed(applied).includes(s))).toEqual([])

      const removed = await runLocalAction('deploy-crs', {
        plan: 'plans/smoke.yaml',
        'run-id': runId,
        kubeconfig: env.kubeconfigPath,
        teardown: 'true',
        wait: 'never'
      })
      expect(removed.code).toBe(0)
      expect(Number(removed.outputs.objects)).toBeGreaterThan(0)
      expect(kubectlJson(['get', 'infraenvs', '-A', '-l', runSelector(runId)]).items).toEqual([])
    }, 180_000)
  })
})
