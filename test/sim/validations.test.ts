import { afterEach, describe, expect, it } from '@jest/globals'
import { HOST_VALIDATIONS, OPERATOR_IDS } from '../../src/sim/validations/host-validations.js'
import { CLUSTER_VALIDATIONS } from '../../src/sim/validations/cluster-validations.js'
import type { SimulatorOptions } from '../../src/sim/index.js'
import { expectStatus, PULL_SECRET } from './support/api.js'
import { FakeHost } from './support/fake-host.js'
import { createCluster, testId, type ClusterSpec } from './support/flows.js'
import { testSimulator, type TestSim } from './support/simulator.js'
import { clusterValidation, hostValidation, patchInventory, settle } from './support/validations.js'

/**
 * Every host and cluster validation, driven through the HTTP API: first into a failing state by a reply or
 * setting that breaks it, then back to success by fixing that reply or setting. Monitors run by hand on a
 * manual clock (in-process, no socket).
 */
describe('validations fail, then pass', () => {
  let t: TestSim | undefined
  afterEach(async () => {
    await t?.simulator.close()
    t = undefined
  })

  async function setup(
    spec: Partial<ClusterSpec> & { masters: number; workers: number },
    options: SimulatorOptions = {}
  ) {
    t = await testSimulator(options)
    const sim = t
    const created = await createCluster(sim.api, { name: 'vc', clock: sim.clock.now, ...spec })
    return { ...created, api: sim.api, tick: sim.tick, sim }
  }

  async function registered(hosts: FakeHost[]): Promise<void> {
    for (const h of hosts) await h.register()
  }

  async function expectHost(host: FakeHost, id: string, status: string): Promise<void> {
    expect(`${id}=${await hostValidation(host, id)}`).toBe(`${id}=${status}`)
  }

  async function expectCluster(clusterId: string, id: string, status: string): Promise<void> {
    expect(`${id}=${await clusterValidation(t!.api, clusterId, id)}`).toBe(`${id}=${status}`)
  }

  /** Runs a host-validation scenario on an SNO: break → failure, fix → success. */
  async function snoScenario(
    id: string,
    breakIt: (h: FakeHost) => void | Promise<void>,
    fix: (h: FakeHost) => void | Promise<void>,
    options: SimulatorOptions = {},
    failing = 'failure'
  ) {
    const { hosts, tick } = await setup({ masters: 1, workers: 0 }, options)
    const host = hosts[0]!
    await breakIt(host)
    await registered(hosts)
    await settle(hosts, tick, 4)
    await expectHost(host, id, failing)
    await fix(host)
    await settle(hosts, tick, 4)
    await expectHost(host, id, 'success')
    expect((await host.get()).status).toBe('known')
  }

  it('connected', async () => {
    const { hosts, tick, sim } = await setup({ masters: 1, workers: 0 })
    await registered(hosts)
    await settle(hosts, tick, 3)
    await expectHost(hosts[0]!, 'connected', 'success')
    // The SNO host is the bootstrap host: 3 minutes plus 2 more.
    sim.clock.advance(5 * 60_000 + 1000)
    await tick()
    await expectHost(hosts[0]!, 'connected', 'failure')
    expect((await hosts[0]!.get()).status).toBe('disconnected')
    await settle(hosts, tick, 3)
    await expectHost(hosts[0]!, 'connected', 'success')
  })

  it('media-connected', async () => {
    const { hosts, tick } = await setup({ masters: 1, workers: 0 })
    const host = hosts[0]!
    await registered(hosts)
    await settle(hosts, tick, 4)
    // Every reply fails with 256 (the agent cannot read its media); any exit-0 reply would reconnect it.
    for (const type of ['inventory', 'free-network-addresses', 'ntp-synchronizer', 'domain-resolution']) {
      host.overrides[type] = () => ({
        exit_code: 256,
        output: '',
        error: 'failed to read the installation media'
      })
    }
    await settle(hosts, tick, 2)
    await expectHost(host, 'media-connected', 'failure')
    expect((await host.get()).status).toBe('disconnected')
    expect((await host.get()).media_status).toBe('disconnected')
    host.overrides = {}
    await settle(hosts, tick, 3)
    await expectHost(host, 'media-connected', 'success')
    expect((await host.get()).status).toBe('known')
  })

  it('has-inventory', async () => {
    const { hosts, tick } = await setup({ masters: 1, workers: 0 })
    const host = hosts[0]!
    host.overrides.inventory = () => null
    await registered(hosts)
    await settle(hosts, tick, 2)
    await expectHost(host, 'has-inventory', 'failure')
    expect((await host.get()).status).toBe('discovering')
    delete host.overrides.inventory
    await settle(hosts, tick, 4)
    await expectHost(host, 'has-inventory', 'success')
  })

  it('inventory-not-fully-truncated', async () => {
    const { hosts, tick } = await setup({ masters: 1, workers: 0 })
    const host = hosts[0]!
    patchInventory(host, i => (i.truncation = { type: 'full', reasons: ['too many disks'] }))
    await registered(hosts)
    await settle(hosts, tick, 3)
    await expectHost(host, 'inventory-not-fully-truncated', 'failure')
    expect((await host.get()).status).toBe('discovering')
    delete host.overrides.inventory
    await settle(hosts, tick, 4)
    await expectHost(host, 'inventory-not-fully-truncated', 'success')
  })

  it('inventory-not-partially-truncated (informational)', () =>
    snoScenario(
      'inventory-not-partially-truncated',
      h => patchInventory(h, i => (i.truncation = { type: 'partial' })),
      h => {
        delete h.overrides.inventory
      }
    ))

  it('has-min-cpu-cores', () =>
    snoScenario(
      'has-min-cpu-cores',
      h => patchInventory(h, i => ((i.cpu as Record<string, unknown>).count = 1)),
      h => {
        delete h.overrides.inventory
      }
    ))

  it('has-min-memory', () =>
    snoScenario(
      'has-min-memory',
      h => patchInventory(h, i => ((i.memory as Record<string, unknown>).physical_bytes = 4 * 1024 ** 3)),
      h => {
        delete h.overrides.inventory
      }
    ))

  it('has-min-valid-disks', () =>
    snoScenario(
      'has-min-valid-disks',
      h => patchInventory(h, i => ((i.disks as Record<string, unknown>[])[0]!.size_bytes = 10_000_000_000)),
      h => {
        delete h.overrides.inventory
      }
    ))

  it('compatible-with-cluster-platform and vsphere-disk-uuid-enabled', async () => {
    const { hosts, tick, api, clusterId } = await setup({ masters: 3, workers: 0 })
    await registered(hosts)
    await settle(hosts, tick, 3)
    expectStatus(
      await api.call('PATCH', `/v2/clusters/${clusterId}`, { body: { platform: { type: 'vsphere' } } }),
      201,
      'to vsphere'
    )
    await settle(hosts, tick, 2)
    await expectHost(hosts[0]!, 'compatible-with-cluster-platform', 'failure')
    await expectHost(hosts[0]!, 'vsphere-disk-uuid-enabled', 'failure')
    for (const h of hosts) {
      patchInventory(h, i => {
        ;(i.system_vendor as Record<string, unknown>).manufacturer = 'VMware, Inc.'
        ;(i.disks as Record<string, unknown>[])[0]!.has_uuid = true
      })
    }
    await settle(hosts, tick, 2)
    await expectHost(hosts[0]!, 'compatible-with-cluster-platform', 'success')
    await expectHost(hosts[0]!, 'vsphere-disk-uuid-enabled', 'success')
  })

  it('disk-encryption-requirements-satisfied', async () => {
    const { hosts, tick, api, clusterId } = await setup({ masters: 1, workers: 0 })
    expectStatus(
      await api.call('PATCH', `/v2/clusters/${clusterId}`, {
        body: { disk_encryption: { enable_on: 'all', mode: 'tpmv2' } }
      }),
      201
    )
    patchInventory(hosts[0]!, i => (i.tpm_version = 'none'))
    await registered(hosts)
    await settle(hosts, tick, 3)
    await expectHost(hosts[0]!, 'disk-encryption-requirements-satisfied', 'failure')
    delete hosts[0]!.overrides.inventory
    await settle(hosts, tick, 3)
    await expectHost(hosts[0]!, 'disk-encryption-requirements-satisfied', 'success')
  })

  it('machine-cidr-defined (and cluster api/ingress-vips-defined, machine-cidr-defined)', async () => {
    t = await testSimulator()
    const sim = t
    const cluster = expectStatus(
      await sim.api.call('POST', '/v2/clusters', {
        body: {
          name: 'novip',
          openshift_version: '4.18',
          pull_secret: PULL_SECRET,
          base_dns_domain: 'example.com',
          control_plane_count: 3
        }
      }),
      201
    ).body
    const ie = expectStatus(
      await sim.api.call('POST', '/v2/infra-envs', {
        body: { name: 'novip', pull_secret: PULL_SECRET, cluster_id: cluster.id }
      }),
      201
    ).body
    const hosts = [0, 1, 2].map(i => {
      const h = new FakeHost(sim.api, ie.id, {
        id: testId(100 + i),
        hostname: `m${i}`,
        ip: `10.0.5.${10 + i}`,
        mac: `52:54:00:00:05:${10 + i}`
      })
      h.clock = sim.clock.now
      return h
    })
    await registered(hosts)
    await settle(hosts, sim.tick, 3)
    await expectHost(hosts[0]!, 'machine-cidr-defined', 'failure')
    expect((await hosts[0]!.get()).status).toBe('pending-for-input')
    await expectCluster(cluster.id, 'machine-cidr-defined', 'failure')
    await expectCluster(cluster.id, 'api-vips-defined', 'failure')
    await expectCluster(cluster.id, 'ingress-vips-defined', 'failure')
    expect((await sim.api.call('GET', `/v2/clusters/${cluster.id}`)).body.status).toBe('pending-for-input')
    expectStatus(
      await sim.api.call('PATCH', `/v2/clusters/${cluster.id}`, {
        body: { api_vips: [{ ip: '10.0.5.250' }], ingress_vips: [{ ip: '10.0.5.251' }] }
      }),
      201
    )
    await settle(hosts, sim.tick, 4)
    await expectHost(hosts[0]!, 'machine-cidr-defined', 'success')
    await expectCluster(cluster.id, 'machine-cidr-defined', 'success')
    await expectCluster(cluster.id, 'api-vips-defined', 'success')
    await expectCluster(cluster.id, 'ingress-vips-defined', 'success')
    expect((await sim.api.call('GET', `/v2/clusters/${cluster.id}`)).body.machine_network_cidr).toBe(
      '10.0.5.0/24'
    )
  })

  it('has-cpu-cores-for-role and has-memory-for-role', async () => {
    const { hosts, tick, api, infraEnvId } = await setup({ masters: 3, workers: 0 })
    for (const h of hosts) {
      patchInventory(h, i => {
        ;(i.cpu as Record<string, unknown>).count = 2
        ;(i.memory as Record<string, unknown>).physical_bytes = 8 * 1024 ** 3
      })
    }
    await registered(hosts)
    await settle(hosts, tick, 2)
    for (const h of hosts)
      expectStatus(
        await api.call('PATCH', `/v2/infra-envs/${infraEnvId}/hosts/${h.id}`, {
          body: { host_role: 'master' }
        }),
        201
      )
    await settle(hosts, tick, 2)
    await expectHost(hosts[0]!, 'has-cpu-cores-for-role', 'failure')
    await expectHost(hosts[0]!, 'has-memory-for-role', 'failure')
    await expectHost(hosts[0]!, 'has-min-cpu-cores', 'success')
    for (const h of hosts) delete h.overrides.inventory
    await settle(hosts, tick, 3)
    await expectHost(hosts[0]!, 'has-cpu-cores-for-role', 'success')
    await expectHost(hosts[0]!, 'has-memory-for-role', 'success')
  })

  it('hostname-unique', async () => {
    const { hosts, tick, api, infraEnvId } = await setup({ masters: 3, workers: 0 })
    patchInventory(hosts[1]!, i => (i.hostname = hosts[0]!.spec.hostname))
    await registered(hosts)
    await settle(hosts, tick, 3)
    await expectHost(hosts[0]!, 'hostname-unique', 'failure')
    await expectHost(hosts[1]!, 'hostname-unique', 'failure')
    expectStatus(
      await api.call('PATCH', `/v2/infra-envs/${infraEnvId}/hosts/${hosts[1]!.id}`, {
        body: { host_name: 'renamed-1' }
      }),
      201
    )
    await settle(hosts, tick, 2)
    await expectHost(hosts[0]!, 'hostname-unique', 'success')
    await expectHost(hosts[1]!, 'hostname-unique', 'success')
  })

  it('hostname-valid', async () => {
    const { hosts, tick, api, infraEnvId } = await setup({ masters: 1, workers: 0 })
    patchInventory(hosts[0]!, i => (i.hostname = 'localhost'))
    await registered(hosts)
    await settle(hosts, tick, 3)
    await expectHost(hosts[0]!, 'hostname-valid', 'failure')
    expectStatus(
      await api.call('PATCH', `/v2/infra-envs/${infraEnvId}/hosts/${hosts[0]!.id}`, {
        body: { host_name: 'sno-0' }
      }),
      201
    )
    await settle(hosts, tick, 3)
    await expectHost(hosts[0]!, 'hostname-valid', 'success')
  })

  it('belongs-to-machine-cidr', async () => {
    const { hosts, tick } = await setup({ masters: 3, workers: 0 })
    patchInventory(
      hosts[0]!,
      i => ((i.interfaces as Record<string, unknown>[])[0]!.ipv4_addresses = ['10.9.9.10/24'])
    )
    await registered(hosts)
    await settle(hosts, tick, 3)
    await expectHost(hosts[0]!, 'belongs-to-machine-cidr', 'failure')
    delete hosts[0]!.overrides.inventory
    await settle(hosts, tick, 3)
    await expectHost(hosts[0]!, 'belongs-to-machine-cidr', 'success')
  })

  it('ignition-downloadable (day-2 host)', async () => {
    t = await testSimulator()
    const sim = t
    const cluster = expectStatus(
      await sim.api.call('POST', '/v2/clusters/import', {
        body: { name: 'day2', api_vip_dnsname: 'api.day2.example.com', openshift_cluster_id: testId(900) }
      }),
      201
    ).body
    expect(cluster.status).toBe('adding-hosts')
    const ie = expectStatus(
      await sim.api.call('POST', '/v2/infra-envs', {
        body: { name: 'day2', pull_secret: PULL_SECRET, cluster_id: cluster.id }
      }),
      201
    ).body
    const host = new FakeHost(sim.api, ie.id, {
      id: testId(901),
      hostname: 'extra-worker',
      ip: '10.0.7.10',
      mac: '52:54:00:00:07:10'
    })
    host.clock = sim.clock.now
    host.overrides['api-vip-connectivity-check'] = () => ({
      output: JSON.stringify({
        is_success: false,
        url: 'http://api.day2.example.com:22624/config/worker',
        download_error: 'connection refused'
      })
    })
    await host.register()
    expect((await host.get()).kind).toBe('AddToExistingClusterHost')
    await settle([host], sim.tick, 4)
    expect(host.lastSteps.has('api-vip-connectivity-check')).toBe(true)
    await expectHost(host, 'ignition-downloadable', 'failure')
    host.overrides['api-vip-connectivity-check'] = () => ({
      output: JSON.stringify({ is_success: true, url: 'http://api.day2.example.com:22624/config/worker' })
    })
    await settle([host], sim.tick, 3)
    await expectHost(host, 'ignition-downloadable', 'success')
    expect((await host.get()).status).toBe('known')
    // A day-2 host installs on its own and ends at added-to-existing-cluster after Rebooting.
    expectStatus(await sim.api.call('POST', `/v2/infra-envs/${ie.id}/hosts/${host.id}/actions/install`), 202)
    await host.poll()
    expect(host.installRequest).toMatchObject({ role: 'worker' })
    await host.progress('Starting installation')
    await host.progress('Rebooting')
    expect((await host.get()).status).toBe('added-to-existing-cluster')
  })

  it('belongs-to-majority-group', async () => {
    const { hosts, tick } = await setup({ masters: 3, workers: 0 })
    const isolated = hosts[2]!
    for (const h of hosts) {
      h.overrides['connectivity-check'] = args => {
        const report = h.connectivity(args) as {
          remote_hosts: { host_id: string; l2_connectivity: { successful: boolean }[] }[]
        }
        for (const r of report.remote_hosts) {
          if (h === isolated || r.host_id === isolated.id)
            for (const l2 of r.l2_connectivity) l2.successful = false
        }
        return { output: JSON.stringify(report) }
      }
    }
    await registered(hosts)
    await settle(hosts, tick, 4)
    await expectHost(isolated, 'belongs-to-majority-group', 'failure')
    for (const h of hosts) delete h.overrides['connectivity-check']
    await settle(hosts, tick, 4)
    await expectHost(isolated, 'belongs-to-majority-group', 'success')
  })

  it('valid-platform-network-settings', async () => {
    const { hosts, tick } = await setup({ masters: 3, workers: 0 })
    patchInventory(
      hosts[0]!,
      i => ((i.system_vendor as Record<string, unknown>).product_name = 'OpenStack Compute')
    )
    await registered(hosts)
    await settle(hosts, tick, 3)
    await expectHost(hosts[0]!, 'valid-platform-network-settings', 'failure')
    delete hosts[0]!.overrides.inventory
    await settle(hosts, tick, 3)
    await expectHost(hosts[0]!, 'valid-platform-network-settings', 'success')
  })

  it('ntp-synced', () =>
    snoScenario(
      'ntp-synced',
      h => {
        h.overrides['ntp-synchronizer'] = () => ({
          output: JSON.stringify({
            ntp_sources: [{ source_name: 'clock.example.com', source_state: 'unreachable' }]
          })
        })
      },
      h => {
        delete h.overrides['ntp-synchronizer']
      }
    ))

  it('time-synced-between-host-and-service', () =>
    snoScenario(
      'time-synced-between-host-and-service',
      h => {
        h.spec.clockSkewSeconds = -30 * 60
      },
      h => {
        h.spec.clockSkewSeconds = 0
      }
    ))

  it('container-images-available and sufficient-installation-disk-speed', async () => {
    const { hosts, tick, api, clusterId } = await setup({ masters: 1, workers: 0 })
    const host = hosts[0]!
    await registered(hosts)
    await settle(hosts, tick, 4)
    host.overrides['container-image-availability'] = args => {
      const { images } = JSON.parse(args[0]!) as { images: string[] }
      return {
        exit_code: 2,
        output: JSON.stringify({ images: images.map(name => ({ name, result: 'failure' })) })
      }
    }
    host.overrides['installation-disk-speed-check'] = args => {
      const { path } = JSON.parse(args[0]!) as { path: string }
      return { exit_code: 1, output: JSON.stringify({ path, io_sync_duration: 0 }) }
    }
    expectStatus(await api.call('POST', `/v2/clusters/${clusterId}/actions/install`), 202)
    await settle(hosts, tick, 3)
    await expectHost(host, 'container-images-available', 'failure')
    await expectHost(host, 'sufficient-installation-disk-speed', 'failure')
    // Later reports update the stored results (any reply is accepted at any time).
    const images = JSON.parse(host.lastSteps.get('container-image-availability')!.args![0]!) as {
      images: string[]
    }
    const disk = JSON.parse(host.lastSteps.get('installation-disk-speed-check')!.args![0]!) as {
      path: string
    }
    const post = (type: string, output: unknown): Promise<unknown> =>
      api.call('POST', `/v2/infra-envs/${host.infraEnvId}/hosts/${host.id}/instructions`, {
        body: {
          step_type: type,
          step_id: `${type}-deadbeef`,
          exit_code: 0,
          output: JSON.stringify(output),
          error: ''
        }
      })
    await post('container-image-availability', {
      images: images.images.map(name => ({
        name,
        result: 'success',
        size_bytes: 1000,
        time: 1,
        download_rate: 10
      }))
    })
    await post('installation-disk-speed-check', { path: disk.path, io_sync_duration: 2 })
    await settle(hosts, tick, 3)
    await expectHost(host, 'container-images-available', 'success')
    await expectHost(host, 'sufficient-installation-disk-speed', 'success')
  })

  it('sufficient-network-latency-requirement-for-role and sufficient-packet-loss-requirement-for-role', async () => {
    const { hosts, tick, api, infraEnvId } = await setup({ masters: 3, workers: 0 })
    for (const h of hosts) {
      h.overrides['connectivity-check'] = args => {
        const report = h.connectivity(args) as {
          remote_hosts: { l3_connectivity: { average_rtt_ms: number; packet_loss_percentage: number }[] }[]
        }
        for (const r of report.remote_hosts) {
          for (const l3 of r.l3_connectivity) {
            l3.average_rtt_ms = 250
            l3.packet_loss_percentage = 5
          }
        }
        return { output: JSON.stringify(report) }
      }
    }
    await registered(hosts)
    await settle(hosts, tick, 2)
    for (const h of hosts)
      expectStatus(
        await api.call('PATCH', `/v2/infra-envs/${infraEnvId}/hosts/${h.id}`, {
          body: { host_role: 'master' }
        }),
        201
      )
    await settle(hosts, tick, 3)
    await expectHost(hosts[0]!, 'sufficient-network-latency-requirement-for-role', 'failure')
    await expectHost(hosts[0]!, 'sufficient-packet-loss-requirement-for-role', 'failure')
    for (const h of hosts) delete h.overrides['connectivity-check']
    await settle(hosts, tick, 3)
    await expectHost(hosts[0]!, 'sufficient-network-latency-requirement-for-role', 'success')
    await expectHost(hosts[0]!, 'sufficient-packet-loss-requirement-for-role', 'success')
  })

  it('has-default-route', () =>
    snoScenario(
      'has-default-route',
      h =>
        patchInventory(
          h,
          i => (i.routes = (i.routes as { destination: string }[]).filter(r => r.destination !== '0.0.0.0'))
        ),
      h => {
        delete h.overrides.inventory
      }
    ))

  for (const [id, name] of [
    ['api-domain-name-resolved-correctly', 'api.'],
    ['api-int-domain-name-resolved-correctly', 'api-int.'],
    ['apps-domain-name-resolved-correctly', 'console-openshift-console.apps.']
  ] as const) {
    it(`${id} (SNO without dnsmasq)`, () =>
      snoScenario(
        id,
        h => {
          h.overrides['domain-resolution'] = args => {
            const answer = h.resolve(args) as {
              resolutions: { domain_name: string; ipv4_addresses: string[] }[]
            }
            // Pointing the name at the host's own address is as wrong as not resolving it.
            for (const r of answer.resolutions)
              if (r.domain_name.startsWith(name)) r.ipv4_addresses = [h.spec.ip]
            return { output: JSON.stringify(answer) }
          }
        },
        h => {
          delete h.overrides['domain-resolution']
        },
        { enableSingleNodeDnsmasq: false }
      ))
  }

  it('dns-wildcard-not-configured', () =>
    snoScenario(
      'dns-wildcard-not-configured',
      h => {
        h.overrides['domain-resolution'] = args => {
          const answer = h.resolve(args) as {
            resolutions: { domain_name: string; ipv4_addresses: string[] }[]
          }
          for (const r of answer.resolutions)
            if (r.domain_name.startsWith('validateNoWildcardDNS.')) r.ipv4_addresses = ['192.0.2.99']
          return { output: JSON.stringify(answer) }
        }
      },
      h => {
        delete h.overrides['domain-resolution']
      }
    ))

  it('non-overlapping-subnets', () =>
    snoScenario(
      'non-overlapping-subnets',
      h =>
        patchInventory(h, i => {
          const nics = i.interfaces as Record<string, unknown>[]
          nics.push({
            ...nics[0]!,
            name: 'eth1',
            mac_address: '52:54:00:00:99:99',
            ipv4_addresses: [`${h.spec.ip.replace(/\.\d+$/, '.99')}/24`]
          })
        }),
      h => {
        delete h.overrides.inventory
      }
    ))

  it('compatible-agent', async () => {
    const { hosts, tick } = await setup({ masters: 1, workers: 0 })
    const host = hosts[0]!
    host.agentVersion = 'quay.io/edge-infrastructure/assisted-installer-agent:v1.0-old'
    // Ignore the upgrade request and keep reporting the old version.
    host.overrides['upgrade-agent'] = args => ({
      output: JSON.stringify({
        agent_image: (JSON.parse(args[0]!) as { agent_image: string }).agent_image,
        result: 'failure'
      })
    })
    const keepOld = host.agentVersion
    await host.register()
    host.agentVersion = keepOld
    await settle(hosts, tick, 3)
    await expectHost(host, 'compatible-agent', 'failure')
    expect(host.lastPoll!.instructions!.map(s => s.step_type)).toEqual(['upgrade-agent'])
    delete host.overrides['upgrade-agent']
    await settle(hosts, tick, 4)
    await expectHost(host, 'compatible-agent', 'success')
  })

  it('no-skip-installation-disk and no-skip-missing-disk', async () => {
    const { hosts, tick, api, infraEnvId } = await setup({ masters: 1, workers: 0 })
    const host = hosts[0]!
    await registered(hosts)
    await settle(hosts, tick, 3)
    const view = await host.get()
    const diskId = view.installation_disk_id as string
    const patch = (disks: { disk_id: string; skip_formatting: boolean }[]): Promise<unknown> =>
      api.call('PATCH', `/v2/infra-envs/${infraEnvId}/hosts/${host.id}`, {
        body: { disks_skip_formatting: disks }
      })
    await patch([
      { disk_id: diskId, skip_formatting: true },
      { disk_id: '/dev/disk/by-id/missing', skip_formatting: true }
    ])
    await settle(hosts, tick, 2)
    await expectHost(host, 'no-skip-installation-disk', 'failure')
    await expectHost(host, 'no-skip-missing-disk', 'failure')
    await patch([
      { disk_id: diskId, skip_formatting: false },
      { disk_id: '/dev/disk/by-id/missing', skip_formatting: false }
    ])
    await settle(hosts, tick, 2)
    await expectHost(host, 'no-skip-installation-disk', 'success')
    await expectHost(host, 'no-skip-missing-disk', 'success')
  })

  it('no-ip-collisions-in-network', async () => {
    const { hosts, tick } = await setup({ masters: 3, workers: 0 })
    const victim = hosts[0]!
    // Host 2 claims host 0's address answers with another MAC: a duplicate IP.
    hosts[2]!.overrides['connectivity-check'] = args => {
      const report = hosts[2]!.connectivity(args) as {
        remote_hosts: { host_id: string; l2_connectivity: { remote_mac: string }[] }[]
      }
      for (const r of report.remote_hosts)
        if (r.host_id === victim.id) for (const l2 of r.l2_connectivity) l2.remote_mac = '52:54:00:de:ad:00'
      return { output: JSON.stringify(report) }
    }
    await registered(hosts)
    await settle(hosts, tick, 4)
    await expectHost(victim, 'no-ip-collisions-in-network', 'failure')
    delete hosts[2]!.overrides['connectivity-check']
    await settle(hosts, tick, 4)
    await expectHost(victim, 'no-ip-collisions-in-network', 'success')
  })

  it('no-iscsi-nic-belongs-to-machine-cidr', async () => {
    const { hosts, tick } = await setup({ masters: 3, workers: 0 })
    const host = hosts[0]!
    const iscsi = (ip: string) =>
      patchInventory(host, i => {
        const disk = (i.disks as Record<string, unknown>[])[0]!
        disk.drive_type = 'iSCSI'
        disk.iscsi = { host_ip_address: ip }
      })
    iscsi(host.spec.ip)
    await registered(hosts)
    await settle(hosts, tick, 3)
    await expectHost(host, 'no-iscsi-nic-belongs-to-machine-cidr', 'failure')
    iscsi('192.168.200.10')
    await settle(hosts, tick, 3)
    await expectHost(host, 'no-iscsi-nic-belongs-to-machine-cidr', 'success')
  })

  it('mtu-valid (informational)', async () => {
    const { hosts, tick } = await setup({ masters: 3, workers: 0 })
    hosts[0]!.overrides['connectivity-check'] = args => {
      const report = hosts[0]!.connectivity(args) as { remote_hosts: Record<string, unknown>[] }
      for (const r of report.remote_hosts)
        r.mtu_report = [{ outgoing_nic: 'eth0', remote_ip_address: '10.0.1.11', mtu_successful: false }]
      return { output: JSON.stringify(report) }
    }
    await registered(hosts)
    await settle(hosts, tick, 4)
    await expectHost(hosts[0]!, 'mtu-valid', 'failure')
    delete hosts[0]!.overrides['connectivity-check']
    await settle(hosts, tick, 3)
    await expectHost(hosts[0]!, 'mtu-valid', 'success')
  })

  it('operator validations pass while their operators are not enabled', async () => {
    const { hosts, tick, clusterId } = await setup({ masters: 1, workers: 0 })
    await registered(hosts)
    await settle(hosts, tick, 4)
    for (const op of OPERATOR_IDS) await expectHost(hosts[0]!, `${op}-requirements-satisfied`, 'success')
    await expectCluster(clusterId, 'odf-requirements-satisfied', 'success')
  })

  // Cluster validations (the ones the VIP test above does not cover).
  it('cluster-cidr-defined, service-cidr-defined, no-cidrs-overlapping, networks-same-address-families, network-prefix-valid', async () => {
    const { hosts, tick, api, clusterId } = await setup({ masters: 3, workers: 0 })
    await registered(hosts)
    await settle(hosts, tick, 3)
    const patch = async (body: unknown): Promise<void> => {
      expectStatus(await api.call('PATCH', `/v2/clusters/${clusterId}`, { body }), 201, JSON.stringify(body))
      await settle(hosts, tick, 1)
    }
    await patch({ cluster_networks: [] })
    await expectCluster(clusterId, 'cluster-cidr-defined', 'failure')
    await patch({ cluster_networks: [{ cidr: '10.128.0.0/14', host_prefix: 23 }] })
    await expectCluster(clusterId, 'cluster-cidr-defined', 'success')
    await patch({ service_networks: [] })
    await expectCluster(clusterId, 'service-cidr-defined', 'failure')
    await patch({ service_networks: [{ cidr: '10.0.1.0/25' }] })
    await expectCluster(clusterId, 'service-cidr-defined', 'success')
    await expectCluster(clusterId, 'no-cidrs-overlapping', 'failure')
    await patch({ service_networks: [{ cidr: 'fd02::/112' }] })
    await expectCluster(clusterId, 'no-cidrs-overlapping', 'success')
    await expectCluster(clusterId, 'networks-same-address-families', 'failure')
    await patch({ service_networks: [{ cidr: '172.30.0.0/16' }] })
    await expectCluster(clusterId, 'networks-same-address-families', 'success')
    await patch({ cluster_networks: [{ cidr: '10.128.0.0/30', host_prefix: 31 }] })
    await expectCluster(clusterId, 'network-prefix-valid', 'failure')
    await patch({ cluster_networks: [{ cidr: '10.128.0.0/14', host_prefix: 23 }] })
    await expectCluster(clusterId, 'network-prefix-valid', 'success')
    await settle(hosts, tick, 2)
    expect((await api.call('GET', `/v2/clusters/${clusterId}`)).body.status).toBe('ready')
  })

  it('machine-cidr-equals-to-calculated-cidr, api-vips-valid, ingress-vips-valid', async () => {
    const { hosts, tick, api, clusterId } = await setup({ masters: 3, workers: 0 })
    for (const h of hosts)
      h.overrides['verify-vips'] = args => ({
        output: JSON.stringify(
          (JSON.parse(args[0]!) as object[]).map(v => ({ ...v, verification: 'failed' }))
        )
      })
    await registered(hosts)
    await settle(hosts, tick, 3)
    await expectCluster(clusterId, 'api-vips-valid', 'failure')
    await expectCluster(clusterId, 'ingress-vips-valid', 'failure')
    for (const h of hosts) delete h.overrides['verify-vips']
    await settle(hosts, tick, 3)
    await expectCluster(clusterId, 'api-vips-valid', 'success')
    await expectCluster(clusterId, 'ingress-vips-valid', 'success')
    expectStatus(
      await api.call('PATCH', `/v2/clusters/${clusterId}`, {
        body: { machine_networks: [{ cidr: '10.0.2.0/24' }] }
      }),
      201
    )
    await settle(hosts, tick, 1)
    await expectCluster(clusterId, 'machine-cidr-equals-to-calculated-cidr', 'failure')
    expectStatus(
      await api.call('PATCH', `/v2/clusters/${clusterId}`, {
        body: { machine_networks: [{ cidr: '10.0.1.0/24' }] }
      }),
      201
    )
    await settle(hosts, tick, 2)
    await expectCluster(clusterId, 'machine-cidr-equals-to-calculated-cidr', 'success')
  })

  it('all-hosts-are-ready-to-install and sufficient-masters-count', async () => {
    const { hosts, tick, clusterId } = await setup({ masters: 3, workers: 0 })
    await registered(hosts.slice(0, 2))
    await settle(hosts.slice(0, 2), tick, 3)
    await expectCluster(clusterId, 'sufficient-masters-count', 'failure')
    await expectCluster(clusterId, 'all-hosts-are-ready-to-install', 'failure')
    await hosts[2]!.register()
    await settle(hosts, tick, 4)
    await expectCluster(clusterId, 'sufficient-masters-count', 'success')
    await expectCluster(clusterId, 'all-hosts-are-ready-to-install', 'success')
  })

  it('dns-domain-defined, network-type-valid, ntp-server-configured', async () => {
    t = await testSimulator()
    const sim = t
    const cluster = expectStatus(
      await sim.api.call('POST', '/v2/clusters', {
        body: {
          name: 'nodomain',
          openshift_version: '4.18',
          pull_secret: PULL_SECRET,
          control_plane_count: 1,
          high_availability_mode: 'None',
          network_type: 'OpenShiftSDN'
        }
      }),
      201
    ).body
    const ie = expectStatus(
      await sim.api.call('POST', '/v2/infra-envs', {
        body: { name: 'nd', pull_secret: PULL_SECRET, cluster_id: cluster.id }
      }),
      201
    ).body
    const host = new FakeHost(sim.api, ie.id, {
      id: testId(300),
      hostname: 'nd-0',
      ip: '10.0.8.10',
      mac: '52:54:00:00:08:10'
    })
    host.clock = sim.clock.now
    await host.register()
    await settle([host], sim.tick, 3)
    await expectCluster(cluster.id, 'dns-domain-defined', 'failure')
    await expectCluster(cluster.id, 'network-type-valid', 'failure')
    expectStatus(
      await sim.api.call('PATCH', `/v2/clusters/${cluster.id}`, {
        body: { base_dns_domain: 'example.com', network_type: 'OVNKubernetes' }
      }),
      201
    )
    await settle([host], sim.tick, 3)
    await expectCluster(cluster.id, 'dns-domain-defined', 'success')
    await expectCluster(cluster.id, 'network-type-valid', 'success')
    await expectCluster(cluster.id, 'ntp-server-configured', 'success')
  })

  it('ntp-server-configured fails when host clocks drift apart', async () => {
    const { hosts, tick, clusterId } = await setup({ masters: 3, workers: 0 })
    hosts[2]!.spec.clockSkewSeconds = 10 * 60
    await registered(hosts)
    await settle(hosts, tick, 3)
    await expectCluster(clusterId, 'ntp-server-configured', 'failure')
    hosts[2]!.spec.clockSkewSeconds = 0
    await settle(hosts, tick, 3)
    await expectCluster(clusterId, 'ntp-server-configured', 'success')
  })

  it('every host and cluster validation is exercised above (or is a documented exception)', () => {
    const tested = {
      host: [
        'connected',
        'media-connected',
        'has-inventory',
        'inventory-not-fully-truncated',
        'inventory-not-partially-truncated',
        'has-min-cpu-cores',
        'has-min-memory',
        'has-min-valid-disks',
        'compatible-with-cluster-platform',
        'vsphere-disk-uuid-enabled',
        'disk-encryption-requirements-satisfied',
        'machine-cidr-defined',
        'has-cpu-cores-for-role',
        'has-memory-for-role',
        'hostname-unique',
        'hostname-valid',
        'belongs-to-machine-cidr',
        'ignition-downloadable',
        'belongs-to-majority-group',
        'valid-platform-network-settings',
        'ntp-synced',
        'time-synced-between-host-and-service',
        'container-images-available',
        'sufficient-installation-disk-speed',
        'sufficient-network-latency-requirement-for-role',
        'sufficient-packet-loss-requirement-for-role',
        'has-default-route',
        'api-domain-name-resolved-correctly',
        'api-int-domain-name-resolved-correctly',
        'apps-domain-name-resolved-correctly',
        'dns-wildcard-not-configured',
        'non-overlapping-subnets',
        'compatible-agent',
        'no-skip-installation-disk',
        'no-skip-missing-disk',
        'no-ip-collisions-in-network',
        'no-iscsi-nic-belongs-to-machine-cidr',
        'mtu-valid'
      ],
      cluster: [
        'machine-cidr-defined',
        'cluster-cidr-defined',
        'service-cidr-defined',
        'no-cidrs-overlapping',
        'networks-same-address-families',
        'network-prefix-valid',
        'machine-cidr-equals-to-calculated-cidr',
        'api-vips-defined',
        'api-vips-valid',
        'ingress-vips-defined',
        'ingress-vips-valid',
        'all-hosts-are-ready-to-install',
        'sufficient-masters-count',
        'dns-domain-defined',
        'ntp-server-configured',
        'network-type-valid'
      ]
    }
    // Cannot fail in the simulator: a pull secret is required at registration and cannot be cleared; there are
    // no custom manifests or external platforms; OLM operators are refused at registration, so operator
    // requirements always pass (checked in the operator test above).
    const exceptions = new Set([
      'pull-secret-set',
      'custom-manifests-requirements-satisfied',
      'platform-requirements-satisfied'
    ])
    const isOperator = (id: string): boolean => id.endsWith('-requirements-satisfied') && !exceptions.has(id)
    expect(
      HOST_VALIDATIONS.map(v => v.id).filter(id => !isOperator(id) && !tested.host.includes(id))
    ).toEqual([])
    expect(
      CLUSTER_VALIDATIONS.map(v => v.id).filter(
        id => !isOperator(id) && !exceptions.has(id) && !tested.cluster.includes(id)
      )
    ).toEqual([])
  })
})
