import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkTable, OptionValues } from '../../src/settings/options.js'
import { simOptions, simTable } from '../../src/settings/sim.js'
import { resolveOptions } from '../../src/sim/options.js'

const values = (raw: Record<string, string | boolean>, env: NodeJS.ProcessEnv = {}): OptionValues =>
  new OptionValues(simTable, raw, env, 'option')

describe('sim settings (CLI flags → simulator options)', () => {
  it('is a well-formed option table', () => {
    expect(checkTable(simTable)).toEqual([])
  })

  it('defaults to real timings on 127.0.0.1:8090 with upgrade-agent and dnsmasq on', () => {
    const o = simOptions(values({}))
    expect(o).toMatchObject({
      host: '127.0.0.1',
      port: 8090,
      profile: 'real',
      enableUpgradeAgent: true,
      enableSingleNodeDnsmasq: true,
      checkClusterVersion: false
    })
    expect(resolveOptions(o).timings.hostMonitorIntervalMs).toBe(8000)
  })

  it('maps --fast, timings, faults, auth (flags and environment) and files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-settings-'))
    try {
      const hw = join(dir, 'hw.json')
      writeFileSync(
        hw,
        JSON.stringify([
          {
            version: 'default',
            master: {
              cpu_cores: 2,
              ram_mib: 1024,
              disk_size_gb: 10,
              installation_disk_speed_threshold_ms: 10
            },
            worker: {
              cpu_cores: 1,
              ram_mib: 1024,
              disk_size_gb: 10,
              installation_disk_speed_threshold_ms: 10
            },
            sno: { cpu_cores: 2, ram_mib: 1024, disk_size_gb: 10, installation_disk_speed_threshold_ms: 10 }
          }
        ])
      )
      const o = simOptions(
        values(
          {
            fast: true,
            port: '0',
            timings: 'hostMaxDisconnectionMs=30s,hostMonitorIntervalMs=250ms',
            'fault-latency': '50ms',
            'fault-error-rate': 'v2GetNextSteps=0.1,*=0.01',
            'fault-drop-rate': 'v2PostStepReply=0.5',
            'hw-requirements': hw,
            'upgrade-agent': false,
            'state-file': join(dir, 'state.jsonl')
          },
          { ASSISTED_SIM_AGENT_KEY: 'k' }
        )
      )
      expect(o).toMatchObject({
        profile: 'fast',
        port: 0,
        timings: { hostMaxDisconnectionMs: 30_000, hostMonitorIntervalMs: 250 },
        faults: {
          latencyMs: 50,
          errorRate: { v2GetNextSteps: 0.1, '*': 0.01 },
          dropRate: { v2PostStepReply: 0.5 },
          errorStatus: 503
        },
        auth: { agentKey: 'k' },
        enableUpgradeAgent: false
      })
      expect(resolveOptions(o).hw.forVersion('4.18').sno.cpu_cores).toBe(2)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('names bad values', () => {
    expect(() => simOptions(values({ timings: 'nope=1s' }))).toThrow(/--timings/)
    expect(() => simOptions(values({ 'fault-error-rate': 'v2GetNextSteps=2' }))).toThrow(/--fault-error-rate/)
    expect(() => simOptions(values({ 'release-images': '/does/not/exist.json' }))).toThrow(/--release-images/)
  })
})
