import { describe, expect, it } from '@jest/globals'
import type {
  ConnectivityCheckParams,
  ConnectivityReport,
  ContainerImageAvailabilityResponse,
  DomainResolutionResponse,
  FreeNetworksAddresses,
  InstallCmdRequest,
  Inventory,
  NtpSynchronizationResponse
} from '../../api/generated/models.js'
import { modelValidator, swaggerDefinitions } from '../../api/swagger.js'
import type { PlanCluster, PlanHost } from '../../plan/types.js'
import { agentTestPlan } from '../testing/plan.js'
import { stepHandler, STEP_HANDLERS } from './index.js'
import { succeeded, type StepHost, type StepOutcome } from './step.js'

const validator = modelValidator()

function valid(definition: string, output: string): unknown {
  const value = JSON.parse(output) as unknown
  expect(validator.validate(definition, value)).toEqual([])
  return value
}

interface FakeHost extends StepHost {
  installs: InstallCmdRequest[]
  restarts: number
  reboots: number
  logs: number
}

function stepHost(host: PlanHost, cluster: PlanCluster): FakeHost {
  const fake: FakeHost = {
    plan: host,
    cluster,
    infraEnvId: '3c9a2f4e-1d0b-4c7e-8a55-6f2d9e1b0a11',
    fleet: {
      baseDomain: 'swarm.example.com',
      cpuArchitecture: 'x86_64',
      varyingRtt: true,
      random: Math.random
    },
    installs: [],
    restarts: 0,
    reboots: 0,
    logs: 0,
    install: async request => {
      fake.installs.push(request)
      return succeeded('installed')
    },
    stopInstaller: () => false,
    gatherLogs: async () => {
      fake.logs++
      return succeeded('Logs were sent\n')
    },
    restartAgent: () => {
      fake.restarts++
    },
    reboot: () => {
      fake.reboots++
    }
  }
  return fake
}

async function run(host: StepHost, type: string, args: string[]): Promise<StepOutcome> {
  const outcome = await stepHandler(type).handler.run(host, args)
  if (!outcome) throw new Error(`${type} gave no reply`)
  return outcome
}

const plan = agentTestPlan()
const sno = plan.clusters.find(c => c.singleNode)!
const multi = plan.clusters.find(c => !c.singleNode)!
const withFailures = (failures: PlanHost['failures']): PlanHost => ({ ...multi.hosts[0]!, failures })

describe('step replies', () => {
  it('has an action for every step type the agent knows, and none for execute and next-step-runner', () => {
    const types = (swaggerDefinitions()['step-type'] as { enum: string[] }).enum
    for (const type of types) {
      expect(stepHandler(type).known).toBe(type !== 'execute' && type !== 'next-step-runner')
    }
    expect(STEP_HANDLERS.size).toBe(types.length - 2)
  })

  it('inventory: the plan host as the service model, with a default route', async () => {
    const host = multi.hosts[3]!
    const outcome = await run(stepHost(host, multi), 'inventory', [host.id])
    expect(outcome.exitCode).toBe(0)
    const inventory = valid('inventory', outcome.output) as Inventory
    expect(inventory.hostname).toBe(host.hostname)
    expect(inventory.cpu).toMatchObject({ count: host.hardware.cores, architecture: 'x86_64' })
    expect(inventory.memory?.physical_bytes).toBe(host.hardware.memoryBytes)
    const disk = inventory.disks![0]!
    expect(disk).toMatchObject({
      id: host.hardware.disks[0]!.byId,
      by_id: host.hardware.disks[0]!.byId,
      path: `/dev/${host.hardware.disks[0]!.name}`,
      size_bytes: host.hardware.disks[0]!.sizeBytes,
      drive_type: 'SSD'
    })
    expect(inventory.disks!.find(d => d.is_installation_media)?.drive_type).toBe('ODD')
    expect(inventory.interfaces![0]).toMatchObject({
      mac_address: host.nics[0]!.mac,
      ipv4_addresses: [host.nics[0]!.ipv4],
      type: 'physical',
      mtu: 1500,
      speed_mbps: 10000
    })
    expect(inventory.routes).toContainEqual(
      expect.objectContaining({ destination: '0.0.0.0', gateway: multi.gateway, family: 2 })
    )
    expect(inventory.boot?.current_boot_mode).toBe('uefi')
    expect(inventory.system_vendor).toMatchObject({
      manufacturer: 'Red Hat',
      product_name: 'KVM',
      virtual: true
    })
  })

  it('inventory: plan failures shrink the hardware and drop the default route', async () => {
    const host = withFailures(['small-disk', 'low-memory', 'few-cores', 'no-default-route'])
    const inventory = valid(
      'inventory',
      (await run(stepHost(host, multi), 'inventory', [host.id])).output
    ) as Inventory
    expect(inventory.cpu?.count).toBe(1)
    expect(inventory.memory?.physical_bytes).toBe(4 * 1024 ** 3)
    expect(inventory.disks!.filter(d => !d.is_installation_media).every(d => d.size_bytes === 20e9)).toBe(
      true
    )
    expect(inventory.routes!.some(r => r.destination === '0.0.0.0')).toBe(false)
  })

  it('inventory: refuses extra arguments as this agent build does', async () => {
    const host = multi.hosts[0]!
    const extra = await run(stepHost(host, multi), 'inventory', [host.id, '--output-max-size=1000'])
    expect(extra).toEqual({
      exitCode: -1,
      output: '',
      error: expect.stringContaining('inventory cmd accepts 1 params')
    })
    expect((await run(stepHost(host, multi), 'inventory', ['not-a-uuid'])).exitCode).toBe(-1)
  })

  it('connectivity-check: one entry per requested host, L2 and L3 per address (no MTU probe at 1500)', async () => {
    const [self, ...peers] = multi.hosts
    const request: ConnectivityCheckParams = peers.map(p => ({
      host_id: p.id,
      nics: [{ name: p.nics[0]!.name, mac: p.nics[0]!.mac, ip_addresses: [p.ipv4] }]
    }))
    const outcome = await run(stepHost(self!, multi), 'connectivity-check', [
      JSON.stringify(request.slice().reverse())
    ])
    const report = valid('connectivity-report', outcome.output) as ConnectivityReport
    expect(report.remote_hosts!.map(r => r.host_id)).toEqual(peers.map(p => p.id).sort())
    const first = report.remote_hosts!.find(r => r.host_id === peers[0]!.id)!
    expect(first.l2_connectivity).toEqual([
      {
        outgoing_nic: 'ens3',
        outgoing_ip_address: self!.ipv4,
        remote_ip_address: peers[0]!.ipv4,
        remote_mac: peers[0]!.nics[0]!.mac.toLowerCase(),
        successful: true
      }
    ])
    expect(first.l3_connectivity![0]).toMatchObject({
      remote_ip_address: peers[0]!.ipv4,
      successful: true,
      packet_loss_percentage: 0
    })
    expect(first.l3_connectivity![0]!.average_rtt_ms).toBeGreaterThan(0)
    expect(first.mtu_report).toBeUndefined()
  })

  it('connectivity-check: a missing-connectivity host is unreachable in both directions', async () => {
    const broken = withFailures(['missing-connectivity'])
    const cluster = { ...multi, hosts: [broken, ...multi.hosts.slice(1)] }
    const peer = multi.hosts[1]!
    const toPeer: ConnectivityCheckParams = [
      { host_id: peer.id, nics: [{ name: 'ens3', mac: peer.nics[0]!.mac, ip_addresses: [peer.ipv4] }] }
    ]
    const fromBroken = valid(
      'connectivity-report',
      (await run(stepHost(broken, cluster), 'connectivity-check', [JSON.stringify(toPeer)])).output
    ) as ConnectivityReport
    expect(fromBroken.remote_hosts![0]!.l2_connectivity).toEqual([])
    expect(fromBroken.remote_hosts![0]!.l3_connectivity).toEqual([{ remote_ip_address: peer.ipv4 }])
    const toBroken: ConnectivityCheckParams = [
      { host_id: broken.id, nics: [{ name: 'ens3', mac: broken.nics[0]!.mac, ip_addresses: [broken.ipv4] }] }
    ]
    const fromPeer = valid(
      'connectivity-report',
      (await run(stepHost(peer, cluster), 'connectivity-check', [JSON.stringify(toBroken)])).output
    ) as ConnectivityReport
    expect(fromPeer.remote_hosts![0]!.l2_connectivity).toEqual([])
    expect(fromPeer.remote_hosts![0]!.l3_connectivity![0]!.successful).toBeUndefined()
  })

  it('free-network-addresses: the network minus the gateway and the hosts, VIPs included', async () => {
    const outcome = await run(stepHost(multi.hosts[0]!, multi), 'free-network-addresses', [
      JSON.stringify([multi.machineCidr])
    ])
    const [result] = valid('free_networks_addresses', outcome.output) as FreeNetworksAddresses
    expect(result!.network).toBe(multi.machineCidr)
    expect(result!.free_addresses).not.toContain(multi.gateway)
    for (const h of multi.hosts) expect(result!.free_addresses).not.toContain(h.ipv4)
    expect(result!.free_addresses).toContain(multi.apiVip)
    expect(result!.free_addresses).toContain(multi.ingressVip)
    expect(result!.free_addresses!.length).toBe(254 - 1 - multi.hosts.length)
  })

  it('ntp-synchronizer: a synced source, or none with ntp-unsynced', async () => {
    const args = [JSON.stringify({ ntp_source: 'clock.example.com' })]
    const ok = valid(
      'ntp_synchronization_response',
      (await run(stepHost(sno.hosts[0]!, sno), 'ntp-synchronizer', args)).output
    ) as NtpSynchronizationResponse
    expect(ok.ntp_sources!.some(s => s.source_state === 'synced')).toBe(true)
    expect(ok.ntp_sources!.map(s => s.source_name)).toContain('clock.example.com')
    const bad = valid(
      'ntp_synchronization_response',
      (await run(stepHost(withFailures(['ntp-unsynced']), multi), 'ntp-synchronizer', args)).output
    ) as NtpSynchronizationResponse
    expect(bad.ntp_sources!.every(s => s.source_state === 'unreachable')).toBe(true)
  })

  it('installation-disk-speed-check: echoes the path; wants the timeout argument', async () => {
    const host = sno.hosts[0]!
    const path = host.hardware.disks[0]!.byId
    const outcome = await run(stepHost(host, sno), 'installation-disk-speed-check', [
      JSON.stringify({ path }),
      '480.00'
    ])
    expect(valid('disk_speed_check_response', outcome.output)).toEqual({ path, io_sync_duration: 2 })
    expect(
      (await run(stepHost(host, sno), 'installation-disk-speed-check', [JSON.stringify({ path })])).exitCode
    ).toBe(-1)
  })

  it('container-image-availability: every image pulled, or exit 2 with failures', async () => {
    const args = [
      JSON.stringify({ images: ['quay.io/a/b:1', 'quay.io/c/d@sha256:' + 'a'.repeat(64)], timeout: 960 })
    ]
    const ok = await run(stepHost(sno.hosts[0]!, sno), 'container-image-availability', args)
    const good = valid(
      'container_image_availability_response',
      ok.output
    ) as ContainerImageAvailabilityResponse
    expect(good.images.map(i => i.result)).toEqual(['success', 'success'])
    expect(good.images[0]).toMatchObject({ size_bytes: 400_000_000, time: 10, download_rate: 100 })
    const failing = await run(
      stepHost(withFailures(['image-unavailable']), multi),
      'container-image-availability',
      args
    )
    expect(failing.exitCode).toBe(2)
    const bad = valid(
      'container_image_availability_response',
      failing.output
    ) as ContainerImageAvailabilityResponse
    expect(bad.images.every(i => i.result === 'failure')).toBe(true)
  })

  const domainArgs = (cluster: PlanCluster): string[] => {
    const suffix = `${cluster.name}.swarm.example.com`
    return [
      JSON.stringify({
        domains: [
          { domain_name: `api.${suffix}` },
          { domain_name: `api-int.${suffix}` },
          { domain_name: `console-openshift-console.apps.${suffix}` },
          { domain_name: `validateNoWildcardDNS.${suffix}.` },
          { domain_name: `validateNoWildcardDNS.${suffix}` },
          { domain_name: 'quay.io' }
        ]
      })
    ]
  }

  it('domain-resolution: VIPs for api and apps, nothing for the wildcard probes', async () => {
    const outcome = await run(stepHost(multi.hosts[0]!, multi), 'domain-resolution', domainArgs(multi))
    const { resolutions } = valid('domain_resolution_response', outcome.output) as DomainResolutionResponse
    expect(resolutions.map(r => r.ipv4_addresses)).toEqual([
      [multi.apiVip],
      [multi.apiVip],
      [multi.ingressVip],
      [],
      [],
      [expect.any(String)]
    ])
    expect(resolutions[3]).toEqual({
      domain_name: expect.stringMatching(/\.$/),
      ipv4_addresses: [],
      ipv6_addresses: [],
      cnames: []
    })
  })

  it('domain-resolution: without VIPs (SNO) api and apps do not resolve to the host itself; dns-wildcard answers the probes', async () => {
    const host = sno.hosts[0]!
    const { resolutions } = valid(
      'domain_resolution_response',
      (await run(stepHost(host, sno), 'domain-resolution', domainArgs(sno))).output
    ) as DomainResolutionResponse
    for (const r of resolutions.slice(0, 3)) {
      expect(r.ipv4_addresses).toHaveLength(1)
      expect(r.ipv4_addresses).not.toContain(host.ipv4)
    }
    const wildcard = valid(
      'domain_resolution_response',
      (
        await run(
          stepHost({ ...host, failures: ['dns-wildcard'] }, sno),
          'domain-resolution',
          domainArgs(sno)
        )
      ).output
    ) as DomainResolutionResponse
    expect(wildcard.resolutions[3]!.ipv4_addresses).toHaveLength(1)
  })

  it('verify-vips, api-vip-connectivity-check, tang-connectivity-check and dhcp-lease-allocate follow their models', async () => {
    const host = stepHost(multi.hosts[0]!, multi)
    const vips = await run(host, 'verify-vips', [
      JSON.stringify([
        { vip: multi.apiVip, vip_type: 'api' },
        { vip: multi.ingressVip, vip_type: 'ingress' }
      ])
    ])
    expect(valid('verify_vips_response', vips.output)).toEqual([
      { vip: multi.apiVip, vip_type: 'api', verification: 'succeeded' },
      { vip: multi.ingressVip, vip_type: 'ingress', verification: 'succeeded' }
    ])
    const apiVip = await run(host, 'api-vip-connectivity-check', [
      JSON.stringify({ url: 'http://api.x.example.com:22624/config/worker' })
    ])
    expect(valid('api_vip_connectivity_response', apiVip.output)).toMatchObject({
      is_success: true,
      url: 'http://api.x.example.com:22624/config/worker'
    })
    const tang = await run(host, 'tang-connectivity-check', [
      JSON.stringify({
        tang_servers: JSON.stringify([{ url: 'http://tang.example.com:7500', thumbprint: 'abc' }])
      })
    ])
    expect(valid('tang_connectivity_response', tang.output)).toMatchObject({
      is_success: true,
      tang_server_response: [{ tang_url: 'http://tang.example.com:7500' }]
    })
    const dhcp = await run(host, 'dhcp-lease-allocate', [
      JSON.stringify({
        interface: 'ens3',
        api_vip_mac: '00:1a:4a:00:00:01',
        ingress_vip_mac: '00:1a:4a:00:00:02'
      })
    ])
    expect(valid('dhcp_allocation_response', dhcp.output)).toMatchObject({
      api_vip_address: multi.apiVip,
      ingress_vip_address: multi.ingressVip
    })
  })

  it('upgrade-agent reports success and restarts the agent', async () => {
    const host = stepHost(sno.hosts[0]!, sno)
    const outcome = await run(host, 'upgrade-agent', [JSON.stringify({ agent_image: 'quay.io/x/agent:v2' })])
    expect(valid('upgrade_agent_response', outcome.output)).toEqual({
      agent_image: 'quay.io/x/agent:v2',
      result: 'success'
    })
    expect(host.restarts).toBe(1)
  })

  it('logs-gather uploads through the host; stop-installation takes no arguments; reclaim steps', async () => {
    const host = stepHost(sno.hosts[0]!, sno)
    const request = {
      cluster_id: sno.hosts[0]!.id,
      infra_env_id: host.infraEnvId,
      host_id: sno.hosts[0]!.id,
      bootstrap: true,
      installer_gather: true
    }
    expect((await run(host, 'logs-gather', [JSON.stringify(request)])).output).toContain('Logs were sent')
    expect(host.logs).toBe(1)
    expect(await run(host, 'stop-installation', [])).toEqual({ exitCode: 0, output: '', error: '' })
    expect((await run(host, 'stop-installation', ['x'])).exitCode).toBe(-1)
    const download = {
      kernel_url: 'http://x/k',
      initrd_url: 'http://x/i',
      rootfs_url: 'http://x/r',
      host_fs_mount_dir: '/host'
    }
    expect((await run(host, 'download-boot-artifacts', [JSON.stringify(download)])).output).toBe(
      'Successfully downloaded boot artifacts'
    )
    expect(
      await stepHandler('reboot-for-reclaim').handler.run(host, [
        JSON.stringify({ host_fs_mount_dir: '/host' })
      ])
    ).toBeUndefined()
    expect(host.reboots).toBe(1)
  })

  it('install checks the boot device before starting the installer', async () => {
    const hostPlan = sno.hosts[0]!
    const host = stepHost(hostPlan, sno)
    const request = {
      cluster_id: '9b6a1d8e-5c1e-4f5e-9a57-2a1a4c3b2d10',
      infra_env_id: host.infraEnvId,
      host_id: hostPlan.id,
      role: 'bootstrap',
      boot_device: hostPlan.hardware.disks[0]!.byId,
      controller_image: 'quay.io/x/controller:1',
      installer_image: 'quay.io/x/installer:1',
      control_plane_count: 1
    }
    expect((await run(host, 'install', [JSON.stringify(request)])).exitCode).toBe(0)
    expect(host.installs).toHaveLength(1)
    const missing = await run(host, 'install', [JSON.stringify({ ...request, boot_device: '/dev/vdz' })])
    expect(missing).toMatchObject({ exitCode: -1, error: 'disk /dev/vdz was not found on the host' })
    expect(
      (await run(host, 'install', [JSON.stringify({ ...request, boot_device: 'sda' })])).error
    ).toContain('should start of with /dev/')
    expect((await run(host, 'install', ['{"role":"master"}'])).exitCode).toBe(-1)
    expect(host.installs).toHaveLength(1)
  })

  it('unknown step types get -1 and the agent error, without running', async () => {
    for (const type of ['next-step-runner', 'execute', 'brand-new-step']) {
      const { handler, known } = stepHandler(type)
      expect(known).toBe(false)
      expect(await handler.run(stepHost(sno.hosts[0]!, sno), [])).toEqual({
        exitCode: -1,
        output: '',
        error: `failed to find action for step type ${type}`
      })
    }
  })
})
