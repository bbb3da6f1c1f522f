/**
 * deploy-crs versus `kubectl apply --server-side` on the same rendered manifests, against the same real
 * API server in the same run (started by scripts/kube-env.sh, or KUBECONFIG_TEST). Prints throughput;
 * it is a benchmark, not a timed test.
 *
 *   npx tsx bench/deploy-crs.ts [--clusters 1000] [--concurrency 16]
 *
 * Each contender applies its own copy (its own run id, so its own namespaces) of the same plan: a
 * create pass, then an unchanged re-apply pass.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { applyObjects } from '../src/kube/apply.js'
import { PLACEHOLDER_PULL_SECRET, allObjects, buildRunObjects } from '../src/kube/builders.js'
import { KubeClient } from '../src/kube/client.js'
import { renderManifests } from '../src/kube/render.js'
import { validateObjects } from '../src/kube/validate.js'
import { bulkPlan } from '../src/kube/testing/plan-fixture.js'
import { silentLogger } from '../src/util/logging.js'
import { startKubeEnv } from '../test/helpers/kube-env.js'

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}

interface Row {
  what: string
  objects: number
  seconds: number
  /** CPU seconds (user + system) of the client: kubectl's process, or this process for deploy-crs. */
  clientCpu: number
}

async function main(): Promise<void> {
  const clusters = arg('clusters', 1000)
  const concurrency = arg('concurrency', 16)
  const env = await startKubeEnv({ controllers: false })
  const dir = mkdtempSync(join(tmpdir(), 'bench-deploy-crs-'))
  const rows: Row[] = []
  try {
    const kubectlPlan = bulkPlan(clusters, 'bench-kubectl')
    const swarmPlan = bulkPlan(clusters, 'bench-swarm')
    const swarmPlanSequential = bulkPlan(clusters, 'bench-swarm-seq')
    const files = renderManifests(
      buildRunObjects(kubectlPlan, { pullSecret: PLACEHOLDER_PULL_SECRET }),
      join(dir, 'manifests')
    )
    const objects = files.reduce((n, f) => n + f.objects, 0)
    console.log(
      `${clusters} clusters = ${objects} objects per contender; API server ${env.server}; kubectl ${env.binDir}/kubectl`
    )

    const kubectl = (label: string): void => {
      const start = performance.now()
      // bash's `time` gives kubectl's own CPU time.
      const result = spawnSync(
        'bash',
        [
          '-c',
          'TIMEFORMAT="cpu %U %S"; time "$@" >/dev/null',
          'kubectl',
          join(env.binDir, 'kubectl'),
          '--kubeconfig',
          env.kubeconfigPath,
          'apply',
          '--server-side',
          '--force-conflicts',
          '--field-manager',
          'bench',
          '-f',
          join(dir, 'manifests')
        ],
        { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }
      )
      if (result.status !== 0) throw new Error(`kubectl failed: ${result.stderr.slice(0, 2000)}`)
      const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(result.stderr)
      rows.push({
        what: label,
        objects,
        seconds: (performance.now() - start) / 1000,
        clientCpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN
      })
    }
    const swarm = async (
      label: string,
      plan: ReturnType<typeof bulkPlan>,
      limit: number,
      validate: boolean
    ): Promise<void> => {
      const client = await KubeClient.create({ kubeconfig: env.kubeconfigPath, maxSockets: limit })
      try {
        const start = performance.now()
        const cpuStart = process.cpuUsage()
        // What deploy-crs does: build, validate offline, apply.
        const built = allObjects(buildRunObjects(plan, { pullSecret: PLACEHOLDER_PULL_SECRET }))
        if (validate) validateObjects(built)
        const stats = await applyObjects(client, built, { logger: silentLogger, concurrency: limit })
        const cpu = process.cpuUsage(cpuStart)
        rows.push({
          what: `${label} (${stats.created} created, ${stats.retries} retries)`,
          objects: stats.total,
          seconds: (performance.now() - start) / 1000,
          clientCpu: (cpu.user + cpu.system) / 1e6
        })
      } finally {
        client.close()
      }
    }

    kubectl('kubectl apply --server-side: create')
    await swarm(`deploy-crs concurrency ${concurrency}: create`, swarmPlan, concurrency, true)
    await swarm('deploy-crs concurrency 1: create', swarmPlanSequential, 1, true)
    kubectl('kubectl apply --server-side: re-apply unchanged')
    await swarm(`deploy-crs concurrency ${concurrency}: re-apply unchanged`, swarmPlan, concurrency, true)
    await swarm('deploy-crs concurrency 1: re-apply unchanged', swarmPlanSequential, 1, true)

    console.log('\n| contender | objects | seconds | objects/s | client CPU s |\n|---|---:|---:|---:|---:|')
    for (const row of rows) {
      const rate = Math.round(row.objects / row.seconds)
      console.log(
        `| ${row.what} | ${row.objects} | ${row.seconds.toFixed(2)} | ${rate} | ${row.clientCpu.toFixed(1)} |`
      )
    }
    console.log(`\n(load average at the end: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
    await env.stop()
  }
}

await main()
