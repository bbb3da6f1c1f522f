import { describe, expect, it, jest } from '@jest/globals'
import type { InstallCmdRequest } from '../api/generated/models.js'
import { ClusterRuntime } from './cluster-runtime.js'
import { failingStage, installerKind, installerStages } from './installer-plan.js'
import { agentTestPlan } from './testing/plan.js'

const plan = agentTestPlan()
const multi = plan.clusters.find(c => !c.singleNode)!
const sno = plan.clusters.find(c => c.singleNode)!
const request = (role: string, count = 3): InstallCmdRequest =>
  ({
    cluster_id: 'c',
    infra_env_id: 'i',
    host_id: 'h',
    role,
    boot_device: '/dev/sda',
    controller_image: 'x',
    installer_image: 'y',
    control_plane_count: count
  }) as InstallCmdRequest

describe('cluster runtime', () => {
  it('starts the multi-node controller once two non-bootstrap masters are Ready, whatever the workers and bootstrap do', () => {
    jest.useFakeTimers()
    try {
      let now = 0
      const started: string[] = []
      const runtime = new ClusterRuntime(
        multi,
        r => started.push(r.plan.name),
        () => now
      )
      const [bootstrap, m1, m2, w1] = multi.hosts
      runtime.noteInstall(bootstrap!.id, 'ie', request('bootstrap'), 'tok')
      runtime.noteInstall(m1!.id, 'ie', request('master'), 'tok')
      runtime.noteInstall(m2!.id, 'ie', request('master'), 'tok')
      runtime.noteInstall(w1!.id, 'ie', request('worker', 0), 'tok')
      runtime.markRebooted(w1!.id, 100)
      runtime.markRebooted(m1!.id, 100)
      expect(runtime.controllerDue()).toBe(false)
      now = 40
      runtime.markRebooted(m2!.id, 100)
      expect(runtime.controllerDue()).toBe(true)
      expect(runtime.nodeState(m2!.id)).toBe('mcs')
      now = 90
      expect(runtime.nodeState(m2!.id)).toBe('joined')
      expect(runtime.nodeState(m1!.id)).toBe('joined')
      now = 100
      expect(runtime.nodeState(m1!.id)).toBe('ready')
      expect(runtime.nodeState(bootstrap!.id)).toBe('none')
      // Due when the second master's node is Ready: t = 40 + 100.
      jest.advanceTimersByTime(99)
      expect(started).toEqual([])
      jest.advanceTimersByTime(1)
      expect(started).toEqual([multi.name])
      expect(runtime.bootstrapId).toBe(bootstrap!.id)
    } finally {
      jest.useRealTimers()
    }
  })

  it('starts the SNO controller after its host reboots, and can cancel a pending start', () => {
    jest.useFakeTimers()
    try {
      const started: string[] = []
      const runtime = new ClusterRuntime(sno, r => started.push(r.plan.name))
      runtime.noteInstall(sno.hosts[0]!.id, 'ie', request('bootstrap', 1), 'tok')
      expect(runtime.singleNode).toBe(true)
      runtime.markRebooted(sno.hosts[0]!.id, 50)
      runtime.cancel()
      jest.advanceTimersByTime(100)
      expect(started).toEqual([])
    } finally {
      jest.useRealTimers()
    }
  })
})

describe('installer plan', () => {
  it('picks the flow from the install request', () => {
    expect(installerKind({ role: 'bootstrap', control_plane_count: 1 }, false)).toBe('sno')
    expect(installerKind({ role: 'bootstrap' }, true)).toBe('sno')
    expect(installerKind({ role: 'bootstrap', control_plane_count: 3 }, false)).toBe('bootstrap')
    expect(installerKind({ role: 'arbiter' }, false)).toBe('master')
    expect(installerKind({ role: 'worker' }, false)).toBe('worker')
  })

  it('reports the real stages in the real order per role', () => {
    expect(installerStages('sno')).toEqual([
      'Starting installation',
      'Installing',
      'Waiting for bootkube',
      'Writing image to disk',
      'Rebooting'
    ])
    expect(installerStages('master')).toEqual([
      'Starting installation',
      'Installing',
      'Writing image to disk',
      'Rebooting'
    ])
    expect(installerStages('worker')).toEqual([
      'Starting installation',
      'Installing',
      'Writing image to disk',
      'Waiting for control plane',
      'Rebooting'
    ])
    expect(installerStages('bootstrap')).toEqual([
      'Starting installation',
      'Installing',
      'Writing image to disk',
      'Waiting for control plane',
      'Waiting for bootkube',
      'Waiting for controller',
      'Rebooting'
    ])
  })

  it('fails install-fails hosts at their stage, or while writing the image when the role never reports it', () => {
    expect(failingStage('worker', 'Waiting for control plane')).toBe('Waiting for control plane')
    expect(failingStage('master', 'Waiting for bootkube')).toBe('Writing image to disk')
    expect(failingStage('sno', undefined)).toBe('Writing image to disk')
  })
})
