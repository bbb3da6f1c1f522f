import { describe, expect, it } from '@jest/globals'
import { ConfigurationError } from '../../util/errors.js'
import { HwRequirements } from './hw-requirements.js'
import { DEFAULT_RELEASE_IMAGES, findOsImage, findReleaseImage, DEFAULT_OS_IMAGES } from './releases.js'
import { timingsFor } from './timings.js'
import { resolveOptions } from '../options.js'

describe('HW requirements (HW_VALIDATOR_REQUIREMENTS format)', () => {
  it('resolves the shipped defaults, with SNO needing 4 cores from 4.22 (min_version entry)', () => {
    const hw = HwRequirements.parse(undefined)
    expect(hw.forVersion('4.18.25').master).toMatchObject({ cpu_cores: 4, ram_mib: 16384, disk_size_gb: 100 })
    expect(hw.forVersion('4.18.25').sno.cpu_cores).toBe(8)
    expect(hw.forVersion('4.22.0-ec.3').sno.cpu_cores).toBe(4)
    expect(hw.forVersion('4.22.0-ec.3').sno.ram_mib).toBe(16384)
    expect(hw.forVersion('4.14').worker).toMatchObject({
      cpu_cores: 2,
      packet_loss_percentage: 10,
      network_latency_threshold_ms: 1000
    })
    expect(hw.forVersion('4.14')['edge-worker'].disk_size_gb).toBe(15)
  })

  it('merges exact entries over default and fills arbiter from worker', () => {
    const hw = HwRequirements.parse(
      JSON.stringify([
        {
          version: 'default',
          master: {
            cpu_cores: 4,
            ram_mib: 16384,
            disk_size_gb: 100,
            installation_disk_speed_threshold_ms: 10
          },
          worker: {
            cpu_cores: 2,
            ram_mib: 8192,
            disk_size_gb: 100,
            installation_disk_speed_threshold_ms: 10
          },
          sno: { cpu_cores: 8, ram_mib: 16384, disk_size_gb: 100, installation_disk_speed_threshold_ms: 10 }
        },
        { version: '4.16', worker: { cpu_cores: 6 } }
      ])
    )
    expect(hw.forVersion('4.16.48').worker).toMatchObject({ cpu_cores: 6, ram_mib: 8192 })
    expect(hw.forVersion('4.17').worker.cpu_cores).toBe(2)
    expect(hw.forVersion('4.17').arbiter).toEqual(hw.forVersion('4.17').worker)
  })

  it('refuses lists without a default entry, and non-JSON', () => {
    expect(() => HwRequirements.parse('[]')).toThrow(ConfigurationError)
    expect(() => HwRequirements.parse('[{"version":"4.18"}]')).toThrow(/default/)
    expect(() => HwRequirements.parse('not json')).toThrow(/not valid JSON/)
  })
})

describe('release and OS images', () => {
  it('ships 4.14 … 4.22 and finds them by full version, x.y, or version-arch', () => {
    const minors = new Set(DEFAULT_RELEASE_IMAGES.map(r => r.openshift_version))
    for (const v of ['4.14', '4.15', '4.16', '4.17', '4.18', '4.19', '4.20', '4.21', '4.22'])
      expect(minors.has(v)).toBe(true)
    expect(findReleaseImage(DEFAULT_RELEASE_IMAGES, '4.14.71', 'x86_64')?.openshift_version).toBe('4.14')
    expect(findReleaseImage(DEFAULT_RELEASE_IMAGES, '4.18', 'x86_64')?.version).toBe('4.18.25')
    expect(findReleaseImage(DEFAULT_RELEASE_IMAGES, '4.18', 'aarch64')?.url).toMatch(/aarch64$/)
    expect(findReleaseImage(DEFAULT_RELEASE_IMAGES, '3.11', 'x86_64')).toBeUndefined()
    expect(findOsImage(DEFAULT_OS_IMAGES, '4.20.2', 'x86_64')?.openshift_version).toBe('4.20')
  })
})

describe('options', () => {
  it('fast and real timing profiles; every timing can be overridden', () => {
    expect(timingsFor('real').hostMonitorIntervalMs).toBe(8000)
    expect(timingsFor('real').clusterMonitorIntervalMs).toBe(10_000)
    expect(timingsFor('fast').hostMonitorIntervalMs).toBe(1000)
    const t = timingsFor('fast', { hostMaxDisconnectionMs: 5000, stageTimeoutsMs: { Rebooting: 1000 } })
    expect(t.hostMaxDisconnectionMs).toBe(5000)
    expect(t.stageTimeoutsMs.Rebooting).toBe(1000)
    expect(t.stageTimeoutsMs.Installing).toBe(60 * 60_000)
  })

  it('names bad values', () => {
    expect(() => resolveOptions({ port: 70000 })).toThrow(/port/)
    expect(() => resolveOptions({ agentImage: 'not an image!' })).toThrow(/agent-image/)
    expect(() => resolveOptions({ serviceBaseUrl: 'ftp://x' })).toThrow(/service-base-url/)
    expect(() => resolveOptions({ timings: { hostMonitorIntervalMs: 0 } })).toThrow(/hostMonitorIntervalMs/)
    expect(resolveOptions({}).agentImage).toBe('quay.io/edge-infrastructure/assisted-installer-agent:latest')
  })
})
