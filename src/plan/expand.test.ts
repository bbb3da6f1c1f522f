import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { ConfigurationError } from '../util/errors.js'
import { expandPlan, parseShard } from './expand.js'
import { loadTestPlan, validateTestPlan } from './load.js'
import type { Plan, TestPlan } from './types.js'

const smoke = (): TestPlan => loadTestPlan('plans/smoke.yaml').plan

function bigPlan(hosts: number): TestPlan {
  // 1/3 of hosts in SNO clusters, the rest in 3+7 clusters.
  const sno = Math.floor(hosts / 3)
  const multi = Math.ceil((hosts - sno) / 10)
  return validateTestPlan({
    name: 'big',
    network: { machine_network_prefix: 26 },
    clusters: [
      { amount: sno, single_node: true },
      { amount: multi, masters: 3, workers: 7 }
    ]
  })
}

describe('expandPlan', () => {
  it('expands the smoke plan into an SNO and a 3+2 cluster with roles, addresses and disks', () => {
    const plan = expandPlan(smoke(), { runId: 'r1' })
    expect(plan.clusters.map(c => [c.name, c.singleNode, c.hosts.length])).toEqual([
      ['smoke-sno-0', true, 1],
      ['smoke-multi-0', false, 5]
    ])
    const [sno, multi] = plan.clusters as [Plan['clusters'][0], Plan['clusters'][0]]
    expect(sno.hosts[0]).toMatchObject({
      role: 'master',
      hostname: 'smoke-sno-0-master-0',
      ipv4: '10.0.0.10'
    })
    expect(sno.userManagedNetworking).toBe(true)
    expect(sno.apiVip).toBeUndefined()
    expect(multi).toMatchObject({
      machineCidr: '10.0.1.0/24',
      gateway: '10.0.1.1',
      apiVip: '10.0.1.2',
      ingressVip: '10.0.1.3'
    })
    expect(multi.hosts.map(h => h.role)).toEqual(['master', 'master', 'master', 'worker', 'worker'])
    expect(multi.hosts[4]!.hostname).toBe('smoke-multi-0-worker-1')
    expect(multi.hosts[0]!.nics[0]).toMatchObject({ name: 'ens3', ipv4: '10.0.1.10/24' })
    expect(multi.hosts[0]!.hardware.disks[0]).toMatchObject({
      name: 'sda',
      sizeBytes: 120e9,
      driveType: 'SSD'
    })
    expect(plan.totals).toEqual({ clusters: 2, hosts: 6 })
    expect(plan.timing.stagesMs['Writing image to disk']).toBe(2000)
  })

  it('gives clusters bigger than a /24 a larger machine network, aligned', () => {
    const plan = expandPlan(
      validateTestPlan({
        name: 'wide',
        clusters: [
          { amount: 1, single_node: true },
          { amount: 1, masters: 3, workers: 300 }
        ]
      }),
      { runId: 'r' }
    )
    expect(plan.clusters[1]!.machineCidr).toBe('10.0.2.0/23')
  })

  it('refuses a cluster beyond the 512 hosts the default cluster network allows', () => {
    expect(() =>
      expandPlan(loadTestPlan('test/fixtures/plans/too-big-cluster.yaml').plan, { runId: 'r' })
    ).toThrow(
      /603 hosts per cluster exceed what cluster network 10\.128\.0\.0\/14 with host prefix \/23 can address \(512\)/
    )
  })

  it('refuses a machine range that overlaps the cluster network', () => {
    const plan = validateTestPlan({
      name: 'x',
      clusters: [{ amount: 1, single_node: true }],
      network: { machine_base_cidr: '10.128.0.0/16' }
    })
    expect(() => expandPlan(plan, { runId: 'r' })).toThrow(ConfigurationError)
  })

  it('marks hosts chosen by failure specs', () => {
    const plan = expandPlan(
      validateTestPlan({
        name: 'f',
        clusters: [
          {
            amount: 2,
            masters: 3,
            workers: 1,
            failures: [
              { kind: 'small-disk', hosts: [3], clusters: [1] },
              { kind: 'install-fails', hosts: 'all', clusters: [0] }
            ]
          }
        ]
      }),
      { runId: 'r' }
    )
    expect(plan.clusters[0]!.hosts.map(h => h.failures)).toEqual([
      ['install-fails'],
      ['install-fails'],
      ['install-fails'],
      ['install-fails']
    ])
    expect(plan.clusters[0]!.hosts[0]!.failStage).toBe('Writing image to disk')
    expect(plan.clusters[1]!.hosts.map(h => h.failures)).toEqual([[], [], [], ['small-disk']])
  })

  it('is deterministic: same input, same plan; another run id, other ids', () => {
    const a = expandPlan(smoke(), { runId: 'r1' })
    const b = expandPlan(smoke(), { runId: 'r1' })
    const c = expandPlan(smoke(), { runId: 'r2' })
    expect(b).toEqual(a)
    expect(c.clusters[0]!.hosts[0]!.id).not.toBe(a.clusters[0]!.hosts[0]!.id)
  })

  it('shuffles launch order with the seed, reproducibly', () => {
    const plan = { ...bigPlan(60), shuffle: true, seed: 3 }
    const once = expandPlan(plan, { runId: 'r' }).clusters.map(c => c.index)
    expect(expandPlan(plan, { runId: 'r' }).clusters.map(c => c.index)).toEqual(once)
    expect(once).not.toEqual([...once].sort((x, y) => x - y))
    expect(expandPlan({ ...plan, seed: 4 }, { runId: 'r' }).clusters.map(c => c.index)).not.toEqual(once)
  })

  it('has no id, MAC, IP or hostname collision across 100,000 hosts', () => {
    const plan = expandPlan(bigPlan(100_000), { runId: 'property' })
    const ids = new Set<string>()
    const macs = new Set<string>()
    const ips = new Set<string>()
    const hostnames = new Set<string>()
    let hosts = 0
    for (const cluster of plan.clusters) {
      for (const host of cluster.hosts) {
        hosts++
        ids.add(host.id)
        for (const nic of host.nics) macs.add(nic.mac)
        ips.add(host.ipv4)
        hostnames.add(host.hostname)
      }
    }
    expect(hosts).toBeGreaterThanOrEqual(100_000)
    expect(ids.size).toBe(hosts)
    expect(macs.size).toBe(hosts)
    expect(ips.size).toBe(hosts)
    expect(hostnames.size).toBe(hosts)
  })

  it('shards partition the plan and agree with the unsharded plan (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        (count, amount, shuffle) => {
          const testPlan = validateTestPlan({
            name: 'p',
            shuffle,
            clusters: [
              { amount, single_node: true },
              { amount: 3, masters: 3, workers: 1 }
            ]
          })
          const whole = expandPlan(testPlan, { runId: 'p' })
          const seen = new Map<number, string>()
          for (let index = 0; index < count; index++) {
            const shard = expandPlan(testPlan, { runId: 'p', shard: { index, count } })
            for (const cluster of shard.clusters) {
              expect(seen.has(cluster.index)).toBe(false)
              expect(cluster.index % count).toBe(index)
              seen.set(cluster.index, JSON.stringify(cluster))
            }
          }
          expect(seen.size).toBe(whole.clusters.length)
          for (const cluster of whole.clusters) expect(seen.get(cluster.index)).toBe(JSON.stringify(cluster))
        }
      ),
      { numRuns: 40 }
    )
  })
})

describe('parseShard', () => {
  it('parses i/N', () => expect(parseShard('2/4')).toEqual({ index: 2, count: 4 }))
  it.each(['4/4', '1', 'a/b', '1/0'])('rejects %p', text =>
    expect(() => parseShard(text)).toThrow(/--shard: expected i\/N/)
  )
})
