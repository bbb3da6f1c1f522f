import { describe, expect, it } from '@jest/globals'
import { ClusterRecord, HostRecord, type ClusterStatus, type HostStatus } from '../model/types.js'
import { agentInventory } from './agent-status.js'
import {
  agentConditions,
  clusterInstallConditions,
  withTransitionTimes,
  type Condition
} from './conditions.js'

function host(status: HostStatus, validations = 'ss'): HostRecord {
  const h = new HostRecord('h1', 'ie1', 'c1', 0)
  h.status = status
  h.statusInfo = 'info'
  h.validations = validations
  return h
}

const byType = (conditions: Condition[]): Record<string, string> =>
  Object.fromEntries(conditions.map(c => [c.type, `${c.status}/${c.reason}`]))

describe('Agent conditions (service-behavior §4.3)', () => {
  it.each<[HostStatus, boolean, Record<string, string>]>([
    [
      'discovering',
      false,
      {
        RequirementsMet: 'False/AgentIsNotReady',
        Installed: 'False/InstallationNotStarted',
        Bound: 'True/Bound'
      }
    ],
    ['known', false, { RequirementsMet: 'False/AgentIsNotApproved', Validated: 'True/ValidationsPassing' }],
    ['known', true, { RequirementsMet: 'True/AgentIsReady' }],
    ['known-unbound', true, { RequirementsMet: 'True/AgentIsReady', Bound: 'False/Unbound' }],
    ['insufficient', true, { Validated: 'False/ValidationsFailing' }],
    ['pending-for-input', true, { Validated: 'False/ValidationsUserPending' }],
    [
      'installing-in-progress',
      true,
      { RequirementsMet: 'True/AgentAlreadyInstalling', Installed: 'False/InstallationInProgress' }
    ],
    [
      'installed',
      true,
      { RequirementsMet: 'True/AgentInstallationStopped', Installed: 'True/InstallationCompleted' }
    ],
    ['error', true, { Installed: 'False/InstallationFailed' }],
    ['disconnected', true, { Connected: 'False/AgentIsDisconnected' }],
    ['binding', true, { Bound: 'False/Binding' }]
  ])('%s (approved %s)', (status, approved, expected) => {
    expect(byType(agentConditions(host(status), approved))).toMatchObject({
      SpecSynced: 'True/SyncOK',
      ...expected
    })
  })

  it('has Validated Unknown before any validation ran', () => {
    expect(byType(agentConditions(host('discovering', ''), false)).Validated).toBe(
      'Unknown/ValidationsUnknown'
    )
  })
})

describe('AgentClusterInstall conditions (§4.4)', () => {
  const cluster = (status: ClusterStatus): ClusterRecord => {
    const c = new ClusterRecord('c1', 0)
    c.status = status
    c.statusInfo = 'info'
    return c
  }
  const counts = { registered: 1, approved: 1, unsynced: 0, required: 1 }

  it.each<[ClusterStatus, Partial<typeof counts>, Record<string, string>]>([
    [
      'insufficient',
      {},
      {
        RequirementsMet: 'False/ClusterNotReady',
        Validated: 'False/ValidationsFailing',
        Completed: 'False/InstallationNotStarted'
      }
    ],
    ['ready', { approved: 0 }, { RequirementsMet: 'False/UnapprovedAgents' }],
    ['ready', { registered: 0, approved: 0 }, { RequirementsMet: 'False/InsufficientAgents' }],
    ['ready', { registered: 2, approved: 2 }, { RequirementsMet: 'False/AdditionalAgents' }],
    ['ready', { unsynced: 1 }, { RequirementsMet: 'False/UnsyncedAgents' }],
    ['ready', {}, { RequirementsMet: 'True/ClusterIsReady' }],
    [
      'installing',
      {},
      {
        RequirementsMet: 'True/ClusterAlreadyInstalling',
        Completed: 'False/InstallationInProgress',
        Stopped: 'False/InstallationNotStopped'
      }
    ],
    [
      'installed',
      {},
      {
        Completed: 'True/InstallationCompleted',
        Failed: 'False/InstallationNotFailed',
        Stopped: 'True/InstallationCompleted'
      }
    ],
    [
      'error',
      {},
      {
        Completed: 'False/InstallationFailed',
        Failed: 'True/InstallationFailed',
        Stopped: 'True/InstallationFailed'
      }
    ]
  ])('%s %j', (status, overrides, expected) => {
    expect(
      byType(clusterInstallConditions(cluster(status), { ok: true }, { ...counts, ...overrides }, false))
    ).toMatchObject({
      SpecSynced: 'True/SyncOK',
      ...expected
    })
  })

  it('reports input errors and holds', () => {
    const failed = clusterInstallConditions(
      undefined,
      { ok: false, reason: 'InputError', message: 'x' },
      counts,
      false
    )
    expect(byType(failed)).toMatchObject({
      SpecSynced: 'False/InputError',
      Completed: 'Unknown/NotAvailable'
    })
    expect(byType(clusterInstallConditions(cluster('ready'), { ok: true }, counts, true)).Completed).toBe(
      'False/InstallationOnHold'
    )
  })

  it('keeps the transition time of a condition whose status did not change', () => {
    const before = withTransitionTimes(agentConditions(host('known'), false), undefined, 't1')
    const after = withTransitionTimes(agentConditions(host('known'), true), before, 't2')
    const time = (list: Condition[], type: string) => list.find(c => c.type === type)!.lastTransitionTime
    expect(time(after, 'Connected')).toBe('t1')
    expect(time(after, 'RequirementsMet')).toBe('t2')
  })
})

describe('Agent inventory', () => {
  it('is the camelCase shape of the CRD, integers rounded', () => {
    const inventory = agentInventory(
      JSON.stringify({
        hostname: 'h',
        cpu: { count: 8, frequency: 2394.4, architecture: 'x86_64', flags: ['vmx'] },
        memory: { physical_bytes: 17179869184, usable_bytes: 16e9 },
        interfaces: [
          { name: 'eth0', mac_address: 'aa:bb', ipv4_addresses: ['10.0.0.2/24'], speed_mbps: 1000 }
        ],
        disks: [
          {
            id: '/dev/disk/by-id/x',
            by_id: '/dev/disk/by-id/x',
            size_bytes: 1,
            installation_eligibility: { eligible: true }
          }
        ],
        system_vendor: { manufacturer: 'm', product_name: 'p', virtual: true }
      })
    )
    expect(inventory).toEqual({
      hostname: 'h',
      cpu: { architecture: 'x86_64', clockMegahertz: 2394, count: 8, flags: ['vmx'] },
      memory: { physicalBytes: 17179869184, usableBytes: 16e9 },
      systemVendor: { manufacturer: 'm', productName: 'p', virtual: true },
      boot: {},
      interfaces: [
        {
          name: 'eth0',
          macAddress: 'aa:bb',
          ipV4Addresses: ['10.0.0.2/24'],
          ipV6Addresses: [],
          speedMbps: 1000,
          flags: []
        }
      ],
      disks: [
        {
          id: '/dev/disk/by-id/x',
          byID: '/dev/disk/by-id/x',
          sizeBytes: 1,
          installationEligibility: { eligible: true, notEligibleReasons: [] }
        }
      ]
    })
    expect(agentInventory('')).toBeUndefined()
  })
})
