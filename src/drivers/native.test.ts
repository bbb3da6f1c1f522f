import { afterEach, describe, expect, it } from '@jest/globals'
import { X509Certificate } from 'node:crypto'
import type { InstallCmdRequest, Step } from '../api/generated/models.js'
import { installerStages, installerKind } from '../agent/installer-plan.js'
import { FAST_AGENT_TIMINGS } from '../agent/testing/env.js'
import { FakeService, type FakeCall } from '../agent/testing/fake-service.js'
import { agentTestPlan } from '../agent/testing/plan.js'
import type { Plan, PlanCluster, PlanHost } from '../plan/types.js'
import type { HostRecord, StageRecord } from '../timeline/records.js'
import { MemoryRecorder } from '../timeline/recorder.js'
import { silentLogger } from '../util/logging.js'
import { createNativeDriver, type NativeDriver } from './native.js'

// The scripted FakeService stands in for assisted-service so that every call of the installers and the controller
// can be checked in order; the end-to-end tests against the simulator are in test/agent/.

const IE = '3c9a2f4e-1d0b-4c7e-8a55-6f2d9e1b0a11'

/** The service's stage lists per role (service-behavior §1.7): reported stages must follow them in order. */
const SERVICE_STAGES: Record<string, string[]> = {
  bootstrap: [
    'Starting installation',
    'Installing',
    'Writing image to disk',
    'Copying registry data to disk',
    'Waiting for control plane',
    'Waiting for bootkube',
    'Waiting for controller',
    'Rebooting',
    'Configuring',
    'Joined',
    'Done'
  ],
  master: [
    'Starting installation',
    'Installing',
    'Writing image to disk',
    'Copying registry data to disk',
    'Rebooting',
    'Configuring',
    'Joined',
    'Done'
  ],
  worker: [
    'Starting installation',
    'Installing',
    'Writing image to disk',
    'Waiting for control plane',
    'Rebooting',
    'Waiting for ignition',
    'Configuring',
    'Joined',
    'Done'
  ],
  sno: [
    'Starting installation',
    'Installing',
    'Waiting for bootkube',
    'Writing image to disk',
    'Copying registry data to disk',
    'Rebooting',
    'Joined',
    'Done'
  ]
}

interface Run {
  fake: FakeService
  driver: NativeDriver
  recorder: MemoryRecorder
  plan: Plan
  cluster: PlanCluster
  abort: AbortController
}

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

function installRequest(
  fake: FakeService,
  host: PlanHost,
  role: string,
  controlPlane: number
): InstallCmdRequest {
  return {
    cluster_id: fake.clusterId,
    infra_env_id: IE,
    host_id: host.id,
    role: role as InstallCmdRequest['role'],
    boot_device: host.hardware.disks[0]!.byId,
    controller_image: 'quay.io/edge-infrastructure/assisted-installer-controller:latest',
    installer_image: 'quay.io/edge-infrastructure/assisted-installer:latest',
    control_plane_count: role === 'worker' ? 0 : controlPlane,
    check_cvo: false,
    openshift_version: '4.18.0'
  }
}

/** Hosts are `installing`: the first poll brings the install step (twice for `repeatInstall`), later polls nothing. */
async function startInstall(
  kind: 'sno' | 'multi',
  options: { failures?: Parameters<typeof agentTestPlan>[1]; repeatInstall?: boolean } = {}
): Promise<Run> {
  const plan = agentTestPlan({}, options.failures ?? [])
  const cluster = plan.clusters.find(c => (kind === 'sno' ? c.singleNode : !c.singleNode))!
  const fake = await new FakeService().start()
  const controlPlane = cluster.singleNode ? 1 : cluster.masters
  const roles = new Map<string, string>()
  cluster.hosts.forEach((h, i) => {
    const role = i === 0 ? 'bootstrap' : h.role
    roles.set(h.id, role)
    fake.hosts.set(h.id, {
      id: h.id,
      infraEnvId: IE,
      role: h.role,
      bootstrap: i === 0,
      status: 'installing',
      hostname: h.hostname
    })
  })
  const polls = new Map<string, number>()
  fake.nextSteps = (_call, hostId) => {
    const n = (polls.get(hostId) ?? 0) + 1
    polls.set(hostId, n)
    const host = cluster.hosts.find(h => h.id === hostId)!
    const install: Step = {
      step_type: 'install',
      step_id: `install-${n.toString(16).padStart(8, '0')}`,
      args: [JSON.stringify(installRequest(fake, host, roles.get(hostId)!, controlPlane))]
    }
    const give = n === 1 || (options.repeatInstall && n === 2)
    return { next_instruction_seconds: 0, post_step_action: 'continue', instructions: give ? [install] : [] }
  }
  const recorder = new MemoryRecorder()
  const abort = new AbortController()
  const driver = createNativeDriver(
    { plan, recorder, logger: silentLogger, signal: abort.signal, runDir: '/tmp' },
    { timings: { ...FAST_AGENT_TIMINGS, minPollMs: 20 }, requestTimeoutMs: 5000 }
  )
  cleanups.push(async () => {
    await driver.stop()
    await fake.close()
  })
  for (const host of cluster.hosts) {
    await driver.launch({
      host,
      cluster,
      agent: {
        serviceUrl: fake.url,
        infraEnvId: IE,
        pullSecretToken: 'tok',
        insecure: false,
        agentVersion: 'quay.io/x/agent:1'
      }
    })
  }
  return { fake, driver, recorder, plan, cluster, abort }
}

const body = <T>(call: FakeCall): T => call.json as T
const stagesOf = (fake: FakeService, hostId: string): string[] =>
  fake
    .callsOf('v2UpdateHostInstallProgress')
    .filter(c => c.path.includes(hostId))
    .map(c => body<{ current_stage: string }>(c).current_stage)
const distinct = (list: string[]): string[] => list.filter((s, i) => s !== list[i - 1])

function expectServiceOrder(stages: string[], role: string): void {
  const order = SERVICE_STAGES[role]!
  const indexes = distinct(stages).map(s => order.indexOf(s))
  expect(indexes.every(i => i >= 0)).toBe(true)
  // Reporters can race (bootstrap and controller); what the service accepts never goes backwards.
  let max = -1
  for (const i of indexes) {
    if (i >= max) max = i
  }
  expect(indexes[indexes.length - 1]).toBe(order.indexOf('Done'))
}

async function untilInstalled(run: Run): Promise<void> {
  await run.fake.waitFor(() => run.fake.clusterStatus === 'installed', 20_000, 'cluster installed')
  await run.fake.waitFor(() => run.driver.controllers() === 0, 10_000, 'controller end')
}

describe('native driver against a scripted service', () => {
  it('SNO: the installer stages in order, bootstrap.ign, host logs, reboot, then the controller to installed', async () => {
    const run = await startInstall('sno')
    await untilInstalled(run)
    const host = run.cluster.hosts[0]!
    const installerPuts = run.fake
      .callsOf('v2UpdateHostInstallProgress')
      .filter(c => c.path.includes(host.id))
      .map(c => body<{ current_stage: string; progress_info: string }>(c))
    expect(distinct(installerPuts.map(p => p.current_stage))).toEqual([
      ...installerStages('sno'),
      'Joined',
      'Done'
    ])
    expect(installerPuts[0]).toEqual({ current_stage: 'Starting installation', progress_info: 'bootstrap' })
    expect(installerPuts[1]).toEqual({ current_stage: 'Installing', progress_info: 'bootstrap' })
    const writing = installerPuts
      .filter(p => p.current_stage === 'Writing image to disk')
      .map(p => p.progress_info)
    expect(writing[0]).toBe('')
    expect(writing[writing.length - 1]).toBe('100%')
    expect(run.fake.callsOf('V2DownloadClusterFiles')[0]!).toMatchObject({
      query: { file_name: 'bootstrap.ign' }
    })
    expect(run.fake.callsOf('V2DownloadClusterFiles')[0]!.headers.accept).toBe('application/octet-stream')
    expect(run.fake.callsOf('v2DownloadHostIgnition')).toHaveLength(0)

    // Host logs before Rebooting: requested (installer), requested, collecting (logs_sender), upload, completed.
    const rebootingAt = run.fake
      .callsOf('v2UpdateHostInstallProgress')
      .find(c => body<{ current_stage: string }>(c).current_stage === 'Rebooting')!.at
    const hostLogs = run.fake.callsOf('v2UpdateHostLogsProgress').filter(c => c.at <= rebootingAt)
    expect(hostLogs.map(c => body<{ logs_state: string }>(c).logs_state)).toEqual([
      'requested',
      'requested',
      'collecting',
      'completed'
    ])
    const upload = run.fake.callsOf('V2UploadLogs').find(c => c.query.logs_type === 'host')!
    expect(upload.body.toString('latin1')).toContain('filename="logs.tar.gz"')
    expect(upload.body.includes(Buffer.from([0x1f, 0x8b]))).toBe(true)

    // The install reply comes once, exit 0, after Rebooting; then the host stops polling.
    const installReplies = run.fake
      .callsOf('v2PostStepReply')
      .filter(c => body<{ step_type: string }>(c).step_type === 'install')
    expect(installReplies).toHaveLength(1)
    expect(body<Record<string, unknown>>(installReplies[0]!).exit_code).toBeUndefined()
    const lastPoll = run.fake.callsOf('v2GetNextSteps').slice(-1)[0]!
    expect(lastPoll.at).toBeLessThanOrEqual(rebootingAt + 100)

    // Controller: ready check, Joined/Done (no Configuring on SNO), finalizing stages, console, ingress CA, complete.
    const finalizing = run.fake
      .callsOf('v2UpdateClusterFinalizingProgress')
      .map(c => body<{ finalizing_stage: string }>(c).finalizing_stage)
    expect(finalizing).toEqual([
      'Waiting for cluster operators',
      'Adding router ca',
      'Waiting for olm operators csv initialization',
      'Done'
    ])
    const operators = run.fake
      .callsOf('v2ReportMonitoredOperatorStatus')
      .map(c => body<{ name: string; status: string }>(c))
    // progressing first unless the (short) operators_available time already passed at the first look.
    expect(operators.map(o => `${o.name}:${o.status}`).join(' ')).toMatch(
      /^(console:progressing )?console:available$/
    )
    const cert = new X509Certificate(body<string>(run.fake.callsOf('v2UploadClusterIngressCert')[0]!))
    expect(cert.ca).toBe(true)
    const complete = body<{ is_success: boolean; data: { CLUSTER_OPERATORS_REPORT: unknown[] } }>(
      run.fake.callsOf('v2CompleteInstallation')[0]!
    )
    expect(complete.is_success).toBe(true)
    expect(complete.data.CLUSTER_OPERATORS_REPORT.length).toBeGreaterThan(30)
    const clusterLogs = run.fake
      .callsOf('v2UpdateClusterLogsProgress')
      .map(c => body<{ logs_state: string }>(c).logs_state)
    expect(clusterLogs).toEqual(['requested', 'completed'])
    expect(run.fake.callsOf('V2UploadLogs').some(c => c.query.logs_type === 'controller')).toBe(true)

    const timeline = run.recorder.events.filter((e): e is HostRecord => e.k === 'host').map(e => e.ev)
    expect(timeline).toEqual(['launch', 'registered', 'install', 'rebooted'])
    const stageRecords = run.recorder.events.filter((e): e is StageRecord => e.k === 'stage')
    expect(stageRecords.filter(r => r.by === 'controller').map(r => r.stage)).toEqual(['Joined', 'Done'])
    expect(
      stageRecords.filter(r => r.by === 'installer' && r.stage === 'Writing image to disk')
    ).toHaveLength(1)
    expect(run.driver.running()).toBe(0)
  })

  it('3 masters + 2 workers: every role in order, bootstrap and worker gating, controller with an OLM operator', async () => {
    const run = await startInstall('multi')
    run.fake.operators.push({ name: 'lso', operator_type: 'olm' })
    await untilInstalled(run)
    const [bootstrap, master1, master2, worker1, worker2] = run.cluster.hosts as [
      PlanHost,
      PlanHost,
      PlanHost,
      PlanHost,
      PlanHost
    ]

    for (const [host, role] of [
      [bootstrap, 'bootstrap'],
      [master1, 'master'],
      [master2, 'master'],
      [worker1, 'worker'],
      [worker2, 'worker']
    ] as const) {
      const stages = stagesOf(run.fake, host.id)
      expectServiceOrder(stages, role)
      const kind = installerKind(
        { role: role === 'bootstrap' ? 'bootstrap' : role, control_plane_count: 3 },
        false
      )
      const own = distinct(stages).filter(s => (installerStages(kind) as string[]).includes(s))
      expect(own).toEqual(installerStages(kind))
    }
    expect(installerStages('bootstrap')).toEqual([
      'Starting installation',
      'Installing',
      'Writing image to disk',
      'Waiting for control plane',
      'Waiting for bootkube',
      'Waiting for controller',
      'Rebooting'
    ])

    // Downloads: bootstrap.ign for the bootstrap only; host ignition for everyone, with Accept: octet-stream.
    expect(
      run.fake.callsOf('V2DownloadClusterFiles').filter(c => c.query.file_name === 'bootstrap.ign')
    ).toHaveLength(1)
    expect(
      run.fake
        .callsOf('v2DownloadHostIgnition')
        .map(c => c.path.split('/')[5])
        .sort()
    ).toEqual(run.cluster.hosts.map(h => h.id).sort())
    expect(
      run.fake
        .callsOf('v2DownloadHostIgnition')
        .every(c => c.path.startsWith('/v2/infra-env/') && c.headers.accept === 'application/octet-stream')
    ).toBe(true)

    // Gating: workers wait for two masters Done; the bootstrap reboots only after the controller is ready.
    const stageAt = (hostId: string, stage: string): number =>
      run.fake
        .callsOf('v2UpdateHostInstallProgress')
        .find(c => c.path.includes(hostId) && body<{ current_stage: string }>(c).current_stage === stage)!.at
    const mastersDone = [master1, master2].map(m => stageAt(m.id, 'Done')).sort((a, b) => a - b)
    for (const w of [worker1, worker2])
      expect(stageAt(w.id, 'Rebooting')).toBeGreaterThanOrEqual(mastersDone[1]!)
    expect(run.fake.callsOf('ListClusterHosts').every(c => c.query.role === 'master')).toBe(true)
    // As the real go-swagger clients, the installer and the controller always say whether they want the hosts.
    expect(new Set(run.fake.callsOf('v2GetCluster').map(c => c.query['exclude-hosts']))).toEqual(
      new Set(['true', 'false'])
    )
    expect(stageAt(bootstrap.id, 'Waiting for controller')).toBeGreaterThanOrEqual(
      Math.min(stageAt(master1.id, 'Joined'), stageAt(master2.id, 'Joined'))
    )
    // Released by the controller's ready event, the bootstrap uploads the controller logs, then reboots.
    const controllerUploads = run.fake.callsOf('V2UploadLogs').filter(c => c.query.logs_type === 'controller')
    expect(controllerUploads[0]!.at).toBeLessThan(stageAt(bootstrap.id, 'Rebooting'))

    // Who reported what.
    const records = run.recorder.events.filter((e): e is StageRecord => e.k === 'stage')
    expect(records.some(r => r.by === 'bootstrap' && r.stage === 'Joined')).toBe(true)
    expect(
      records
        .filter(r => r.by === 'controller' && r.stage === 'Done')
        .map(r => r.h)
        .sort()
    ).toEqual(run.cluster.hosts.map(h => h.hostname).sort())

    // Finalizing with an OLM operator.
    const finalizing = run.fake
      .callsOf('v2UpdateClusterFinalizingProgress')
      .map(c => body<{ finalizing_stage: string }>(c).finalizing_stage)
    expect(finalizing).toEqual([
      'Waiting for cluster operators',
      'Adding router ca',
      'Waiting for olm operators csv initialization',
      'Applying olm manifests',
      'Waiting for olm operators csv',
      'Done'
    ])
    expect(
      run.fake.callsOf('V2DownloadClusterFiles').some(c => c.query.file_name === 'custom_manifests.json')
    ).toBe(true)
    expect(run.fake.callsOf('V2DownloadClusterCredentials')[0]!.query.file_name).toBe('kubeconfig-noingress')
    const reports = run.fake
      .callsOf('v2ReportMonitoredOperatorStatus')
      .map(c => `${body<{ name: string }>(c).name}:${body<{ status: string }>(c).status}`)
    expect(reports.join(' ')).toMatch(
      /^(console:progressing )?console:available (lso:progressing )?lso:available$/
    )
    const hostEvents = run.recorder.events.filter((e): e is HostRecord => e.k === 'host')
    expect(hostEvents.filter(e => e.ev === 'rebooted')).toHaveLength(5)
  })

  it('install-fails: PUT Failed at the planned stage, install reply exit 1, the host keeps polling', async () => {
    const run = await startInstall('multi', {
      failures: [{ kind: 'install-fails', hosts: [3], stage: 'Writing image to disk' }]
    })
    const worker = run.cluster.hosts[3]!
    await run.fake.waitFor(
      () =>
        run.fake
          .callsOf('v2PostStepReply')
          .some(c => c.path.includes(worker.id) && body<{ step_type: string }>(c).step_type === 'install'),
      20_000,
      'the failed install reply'
    )
    const stages = stagesOf(run.fake, worker.id)
    expect(distinct(stages)).toEqual([
      'Starting installation',
      'Installing',
      'Writing image to disk',
      'Failed'
    ])
    const failedPut = run.fake
      .callsOf('v2UpdateHostInstallProgress')
      .find(c => c.path.includes(worker.id) && body<{ current_stage: string }>(c).current_stage === 'Failed')!
    expect(body<{ progress_info: string }>(failedPut).progress_info).toContain('install-fails')
    const reply = body<{ exit_code: number; error: string }>(
      run.fake
        .callsOf('v2PostStepReply')
        .find(c => c.path.includes(worker.id) && body<{ step_type: string }>(c).step_type === 'install')!
    )
    expect(reply.exit_code).toBe(1)
    const polls = (): number =>
      run.fake.callsOf('v2GetNextSteps').filter(c => c.path.includes(worker.id)).length
    const before = polls()
    await run.fake.waitFor(() => polls() > before + 2, 5000, 'polls after the failure')
  })

  it('answers a repeated install step like podman (125, already in use)', async () => {
    const run = await startInstall('sno', { repeatInstall: true })
    await run.fake.waitFor(
      () => run.fake.callsOf('v2PostStepReply').length >= 1,
      10_000,
      'the repeated install reply'
    )
    const reply = body<{ exit_code: number; error: string; step_id: string }>(
      run.fake.callsOf('v2PostStepReply')[0]!
    )
    expect(reply.exit_code).toBe(125)
    expect(reply.error).toContain('the container name "assisted-installer" is already in use')
    expect(reply.step_id).toBe('install-00000002')
  })

  it('an interrupted run leaves every host with its last milestone', async () => {
    const run = await startInstall('multi')
    await run.fake.waitFor(
      () => run.fake.callsOf('v2UpdateHostInstallProgress').length > 8,
      10_000,
      'installation under way'
    )
    run.abort.abort()
    await run.driver.stop()
    expect(run.driver.running()).toBe(0)
    expect(run.driver.controllers()).toBe(0)
    const hostEvents = run.recorder.events.filter((e): e is HostRecord => e.k === 'host')
    for (const host of run.cluster.hosts) {
      const own = hostEvents.filter(e => e.h === host.hostname)
      expect(own[0]!.ev).toBe('launch')
      const last = own[own.length - 1]!
      expect(['exit', 'rebooted', 'frozen']).toContain(last.ev)
      if (last.ev === 'exit') expect(last.info).toMatch(/^(stage: |polling|installing|registered)/)
    }
    await expect(
      run.driver.launch({
        host: run.cluster.hosts[0]!,
        cluster: run.cluster,
        agent: { serviceUrl: run.fake.url, infraEnvId: IE, insecure: false, agentVersion: 'x' }
      })
    ).rejects.toThrow(/after stop/)
  })
})
