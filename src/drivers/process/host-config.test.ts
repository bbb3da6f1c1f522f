import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expandPlan } from '../../plan/expand.js'
import type { TestPlan } from '../../plan/types.js'
import type { AgentConfig } from '../driver.js'
import {
  agentCommand,
  assertDryRun,
  BOX,
  checkPlanForRealHosts,
  clusterHostsFile,
  controllerCommand,
  DRY_RUN_REFUSED_EXIT,
  DryRunNotInForceError,
  installerLauncherScript,
  parseInstallArgs
} from './host-config.js'

const plan = expandPlan(
  {
    name: 'cfg',
    openshift_version: '4.18',
    clusters: [
      { amount: 1, single_node: true },
      { amount: 1, masters: 3, workers: 1 }
    ]
  } as TestPlan,
  { runId: 'cfg' }
)
const sno = plan.clusters[0]!
const multi = plan.clusters[1]!
const agent: AgentConfig = {
  serviceUrl: 'http://127.0.0.1:8090',
  infraEnvId: 'c1171554-65b8-4e89-a376-dbbbcd3eed54',
  pullSecretToken: 'TOKEN-SECRET-1234',
  insecure: false,
  agentVersion: 'quay.io/edge-infrastructure/assisted-installer-agent:latest'
}

describe('the agent of a real host', () => {
  it('gets the discovery ISO flags, and the dry run as flags and in its environment', () => {
    const host = multi.hosts[0]!
    const line = agentCommand(host, multi, agent, { caPath: `${BOX.share}/ca-1.crt` })
    expect(line.command.slice(0, 10)).toEqual([
      '/run/swarm/bin/agent',
      '--url',
      'http://127.0.0.1:8090',
      '--infra-env-id',
      agent.infraEnvId,
      '--agent-version',
      agent.agentVersion,
      '--insecure=false',
      '--cacert',
      '/run/swarm/share/ca-1.crt'
    ])
    const flags = Object.fromEntries(
      line.command
        .filter(a => a.startsWith('--') && a.includes('='))
        .map(a => a.slice(2).split(/=(.*)/s).slice(0, 2))
    )
    expect(flags).toMatchObject({
      'dry-run': 'true',
      'dry-run-no-containers': 'true',
      'nsenter-target': 'none',
      'force-id': host.id,
      'force-hostname': host.hostname,
      'force-mac': host.nics[0]!.mac,
      'forced-ipv4': host.nics[0]!.ipv4,
      'forced-gateway-ipv4': multi.gateway,
      'forced-cpu-count': String(host.hardware.cores),
      'forced-memory': String(host.hardware.memoryBytes),
      'dry-dns-api-addresses': multi.apiVip,
      'dry-dns-ingress-addresses': multi.ingressVip,
      'fake-reboot-marker-path': `/run/swarm/markers/${host.hostname}`,
      'dry-installer-binary': '/run/swarm/share/installer-dry-run'
    })
    expect(line.env).toMatchObject({
      DRY_ENABLE: 'true',
      DRY_NO_CONTAINERS: 'true',
      DRY_NSENTER_TARGET: 'none',
      DRY_HOST_ID: host.id,
      DRY_FORCED_HOSTNAME: host.hostname,
      DRY_FORCED_MAC_ADDRESS: host.nics[0]!.mac,
      DRY_FORCED_HOST_IPV4: host.nics[0]!.ipv4,
      DRY_FAKE_REBOOT_MARKER_PATH: `/run/swarm/markers/${host.hostname}`,
      DRY_CLUSTER_HOSTS_PATH: '/run/swarm/cluster/hosts.json',
      DRY_COREOS_INSTALLER: 'builtin',
      PULL_SECRET_TOKEN: 'TOKEN-SECRET-1234'
    })
    // the token is only in the environment
    expect(line.command.join(' ')).not.toContain('TOKEN-SECRET')
    expect(() => assertDryRun('agent', line)).not.toThrow()
  })

  it('answers DNS for a cluster without VIPs with the reserved addresses, never its own', () => {
    const line = agentCommand(sno.hosts[0]!, sno, agent)
    expect(line.env.DRY_DNS_API_ADDRESSES).toMatch(/\.2$/)
    expect(line.env.DRY_DNS_INGRESS_ADDRESSES).toMatch(/\.3$/)
    expect(line.env.DRY_DNS_API_ADDRESSES).not.toBe(sno.hosts[0]!.ipv4)
  })

  it('refuses a command line without the dry run in force', () => {
    const good = agentCommand(sno.hosts[0]!, sno, agent)
    const variants: [string, (l: typeof good) => void][] = [
      ['no DRY_ENABLE', l => delete l.env.DRY_ENABLE],
      ['DRY_ENABLE=false', l => (l.env.DRY_ENABLE = 'false')],
      ['nsenter into PID 1', l => (l.env.DRY_NSENTER_TARGET = '1')],
      ['containers', l => delete l.env.DRY_NO_CONTAINERS],
      ['another installer', l => (l.env.DRY_INSTALLER_BINARY = '/usr/bin/installer')],
      ['marker outside the box', l => (l.env.DRY_FAKE_REBOOT_MARKER_PATH = '/tmp/x')],
      ['flag off', l => l.command.push('--dry-run=false')],
      ['flag missing', l => (l.command = l.command.filter(a => a !== '--dry-run=true'))],
      ['another program', l => (l.command[0] = '/usr/local/bin/agent')]
    ]
    for (const [what, change] of variants) {
      const line = { command: [...good.command], env: { ...good.env } }
      change(line)
      expect({
        what,
        thrown: (() => {
          try {
            assertDryRun('agent', line)
            return undefined
          } catch (e) {
            return e
          }
        })()
      }).toEqual({
        what,
        thrown: expect.any(DryRunNotInForceError)
      })
    }
  })
})

describe('the controller of a cluster', () => {
  it('is configured as the installer renders its Job, in dry run on the bootstrap marker', () => {
    const install = parseInstallArgs(
      [
        '--role',
        'bootstrap',
        '--cluster-id',
        '99c17116-a3b6-4ff6-b789-89122ef8a4a6',
        '--control-plane-count',
        '3',
        '--must-gather-image',
        'quay.io/mg@sha256:1',
        '--openshift-version',
        '4.18.25',
        '--installer-args',
        '["--append-karg","ip=ens3:dhcp"]',
        '--check-cluster-version',
        '--notify-num-reboots'
      ].join('\n')
    )
    expect(install).toEqual({
      role: 'bootstrap',
      clusterId: '99c17116-a3b6-4ff6-b789-89122ef8a4a6',
      controlPlaneCount: 3,
      mustGatherImage: 'quay.io/mg@sha256:1',
      openshiftVersion: '4.18.25',
      checkClusterVersion: true,
      notifyNumReboots: true
    })
    const line = controllerCommand(multi, agent, install, multi.hosts[0]!.hostname)
    expect(line.command).toEqual(['/run/swarm/bin/assisted-installer-controller'])
    expect(line.env).toMatchObject({
      CLUSTER_ID: install.clusterId,
      INVENTORY_URL: agent.serviceUrl,
      OPENSHIFT_VERSION: '4.18.25',
      CONTROL_PLANE_COUNT: '3',
      CHECK_CLUSTER_VERSION: 'true',
      MUST_GATHER_IMAGE: 'quay.io/mg@sha256:1',
      PULL_SECRET_TOKEN: 'TOKEN-SECRET-1234',
      DRY_ENABLE: 'true',
      DRY_NSENTER_TARGET: 'none',
      DRY_FAKE_REBOOT_MARKER_PATH: `/run/swarm/markers/${multi.hosts[0]!.hostname}`,
      DRY_CLUSTER_HOSTS_PATH: '/run/swarm/cluster/hosts.json'
    })
    expect(() => assertDryRun('controller', line)).not.toThrow()
    expect(() => assertDryRun('controller', { ...line, env: { ...line.env, DRY_ENABLE: 'false' } })).toThrow(
      DryRunNotInForceError
    )
  })

  it('reads the cluster hosts with their roles and markers', () => {
    expect(clusterHostsFile(multi)).toEqual(
      multi.hosts.map(h => ({
        hostname: h.hostname,
        ip: h.ipv4,
        rebootMarkerPath: `/run/swarm/markers/${h.hostname}`,
        role: h.role
      }))
    )
  })
})

describe('the installer launcher', () => {
  it('refuses to start the installer outside dry run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarm-launcher-'))
    const script = join(dir, 'launcher')
    writeFileSync(script, installerLauncherScript(), { mode: 0o755 })
    const result = spawnSync('sh', [script, '--role', 'master'], {
      env: { PATH: '/usr/bin:/bin' },
      encoding: 'utf8'
    })
    expect(result.status).toBe(DRY_RUN_REFUSED_EXIT)
    expect(result.stderr).toContain('refusing to start the installer')
  })
})

describe('plans for real hosts', () => {
  it('refuses plan failures a real dry-run agent cannot show', () => {
    const failing = expandPlan(
      {
        name: 'f',
        openshift_version: '4.18',
        clusters: [
          { amount: 1, single_node: true, failures: [{ kind: 'ntp-unsynced' }, { kind: 'low-memory' }] }
        ]
      } as TestPlan,
      { runId: 'f' }
    )
    expect(() => checkPlanForRealHosts(failing.clusters)).toThrow(
      /ntp-unsynced cannot be shown by the real dry-run agent/
    )
    expect(() => checkPlanForRealHosts(plan.clusters)).not.toThrow()
  })
})
