import { describe, expect, it } from '@jest/globals'
import { expandPlan } from '../../plan/expand.js'
import type { TestPlan } from '../../plan/types.js'
import { ConfigurationError } from '../../util/errors.js'
import type { AgentConfig } from '../driver.js'
import { agentCommand, assertDryRun, BOX, controllerCommand } from '../process/host-config.js'
import type { BoxDirs } from '../process/layout.js'
import type { BoxSpec } from '../process/real-driver.js'
import { checkImages, podmanProblem } from './index.js'
import {
  CONTAINER_PROGRAMS,
  containerName,
  podmanPidArgs,
  podmanRemoveArgs,
  podmanRunCommand,
  type PodmanBoxOptions
} from './podman-command.js'

const plan = expandPlan(
  {
    name: 'pod',
    openshift_version: '4.18',
    clusters: [{ amount: 1, single_node: true }]
  } as TestPlan,
  { runId: 'pod-1' }
)
const cluster = plan.clusters[0]!
const host = cluster.hosts[0]!
const agent: AgentConfig = {
  serviceUrl: 'http://127.0.0.1:8090',
  infraEnvId: 'c1171554-65b8-4e89-a376-dbbbcd3eed54',
  pullSecretToken: 'TOKEN-SECRET-5678',
  insecure: false,
  agentVersion: 'quay.io/edge-infrastructure/assisted-installer-agent:latest'
}
const dirs = (name: string): BoxDirs => {
  const dir = `/runs/r1/process/boxes/${name}`
  return {
    dir,
    root: `${dir}/root`,
    home: `${dir}/home`,
    opt: `${dir}/opt`,
    var: `${dir}/var`,
    tmp: `${dir}/tmp`,
    state: `${dir}/state`
  }
}
const clusterDirs = {
  dir: '/runs/r1/process/clusters/pod-sno-0',
  markers: '/runs/r1/process/clusters/pod-sno-0/markers'
}
const options: PodmanBoxOptions = {
  images: {
    agent: 'registry.example/swarm/agent:series-1',
    installer: 'registry.example/swarm/installer:series-1',
    controller: 'registry.example/swarm/controller:series-1'
  },
  prefix: 'swarm-pod-1',
  runId: 'pod-1',
  netns: '/proc/4242/ns/net',
  etcDir: '/runs/r1/process/etc',
  shareDir: '/runs/r1/process/share'
}

/** The value after each occurrence of a flag. */
const values = (args: string[], flag: string): string[] =>
  args.flatMap((a, i) => (a === flag ? [args[i + 1]!] : []))

describe('podman run for a host', () => {
  const line = agentCommand(host, cluster, agent, { programs: CONTAINER_PROGRAMS })
  const box: BoxSpec = {
    name: host.hostname,
    kind: 'host',
    cluster,
    dirs: dirs(host.hostname),
    clusterDirs,
    disks: ['vda'],
    line
  }
  const command = podmanRunCommand(box, options)

  it('is the agent image in its own namespaces, the run network, without capabilities or a writable root', () => {
    expect(command.file).toBe('podman')
    const args = command.args
    expect(args.slice(0, 5)).toEqual(['run', '--rm', '--replace', '--name', 'swarm-pod-1-pod-sno-0-master-0'])
    expect(values(args, '--hostname')).toEqual([host.hostname])
    expect(values(args, '--network')).toEqual(['ns:/proc/4242/ns/net'])
    for (const ns of ['--pid', '--ipc', '--uts']) expect(values(args, ns)).toEqual(['private'])
    expect(values(args, '--cap-drop')).toEqual(['all'])
    expect(values(args, '--security-opt')).toEqual(['no-new-privileges'])
    expect(args).toContain('--read-only')
    expect(values(args, '--pull')).toEqual(['never'])
    expect(values(args, '--label')).toEqual([
      'assisted-swarm.run=pod-1',
      `assisted-swarm.box=${host.hostname}`
    ])
    // the image, then the agent's own flags after the entrypoint
    expect(values(args, '--entrypoint')).toEqual(['/usr/bin/agent'])
    const image = args.indexOf(options.images.agent)
    expect(args.slice(image + 1)).toEqual(line.command.slice(1))
    expect(args).toContain('--dry-run=true')
  })

  it('binds the same scratch and /run/swarm directories as the process driver, the boot disk an empty file', () => {
    expect(values(command.args, '--volume')).toEqual([
      '/runs/r1/process/etc:/etc:ro,z',
      `${box.dirs.home}:/root:rw,z`,
      `${box.dirs.opt}:/opt:rw,z`,
      `${box.dirs.var}:/var:rw,z`,
      `${box.dirs.tmp}:/tmp:rw,z`,
      `/runs/r1/process/share:${BOX.share}:ro,z`,
      `${clusterDirs.dir}/cluster:${BOX.cluster}:ro,z`,
      `${clusterDirs.markers}:${BOX.markers}:rw,z`,
      `${box.dirs.state}:${BOX.state}:rw,z`,
      `${box.dirs.state}/disk-vda:/dev/vda:rw,z`
    ])
    // the installer comes from its own image, mounted read-only where the agent's install step looks for it
    expect(values(command.args, '--mount')).toEqual([
      `type=image,source=${options.images.installer},destination=/run/swarm/installer`
    ])
    expect(line.env.DRY_INSTALLER_BINARY).toBe('/run/swarm/installer/usr/bin/installer')
  })

  it('passes the environment by name only: the secret is never on the command line', () => {
    expect(values(command.args, '--env').sort()).toEqual(Object.keys(line.env).sort())
    expect(command.args.join(' ')).not.toContain('TOKEN-SECRET-5678')
    expect(command.env.PULL_SECRET_TOKEN).toBe('TOKEN-SECRET-5678')
    expect(command.env.DRY_ENABLE).toBe('true')
  })

  it('passes the dry-run checks with the programs of the images', () => {
    expect(() => assertDryRun('agent', line, CONTAINER_PROGRAMS)).not.toThrow()
  })
})

const { netns: _netns, ...withoutNetns } = options

describe('podman run for a controller', () => {
  it('is the controller image, with no installer mount and no disks', () => {
    const line = controllerCommand(
      cluster,
      agent,
      { clusterId: '5b0c3a52-7a7d-4e1c-9f3a-0d6c1f1b2a3c' },
      host.hostname,
      { programs: CONTAINER_PROGRAMS }
    )
    const box: BoxSpec = {
      name: 'pod-sno-0-controller',
      kind: 'controller',
      cluster,
      dirs: dirs('pod-sno-0-controller'),
      clusterDirs,
      disks: [],
      line
    }
    const { args } = podmanRunCommand(box, {
      ...withoutNetns,
      storage: { root: '/s/root', runRoot: '/s/run' }
    })
    expect(args.slice(0, 5)).toEqual(['--root', '/s/root', '--runroot', '/s/run', 'run'])
    expect(values(args, '--network')).toEqual(['host'])
    expect(values(args, '--entrypoint')).toEqual(['/usr/bin/assisted-installer-controller'])
    expect(args[args.length - 1]).toBe(options.images.controller)
    expect(values(args, '--mount')).toEqual([])
    expect(values(args, '--volume').some(v => v.includes('/dev/'))).toBe(false)
    expect(() => assertDryRun('controller', line, CONTAINER_PROGRAMS)).not.toThrow()
  })
})

describe('the container driver', () => {
  it('removes and inspects exactly the containers it named', () => {
    expect(containerName('swarm-run 1', 'host/0')).toBe('swarm-run_1-host_0')
    expect(podmanRemoveArgs('swarm-x-h', {})).toEqual([
      'rm',
      '--force',
      '--ignore',
      '--time',
      '0',
      'swarm-x-h'
    ])
    expect(podmanPidArgs('swarm-x-h', { storage: { root: '/r', runRoot: '/rr' } })).toEqual([
      '--root',
      '/r',
      '--runroot',
      '/rr',
      'inspect',
      '--format',
      '{{.State.Pid}}',
      'swarm-x-h'
    ])
  })

  it('needs an image for each program', () => {
    expect(() => checkImages({ agent: 'a' })).toThrow(ConfigurationError)
    expect(() => checkImages({ agent: 'a' })).toThrow(/no image for installer, controller/)
    expect(checkImages({ agent: 'a', installer: 'i', controller: 'c' })).toEqual({
      agent: 'a',
      installer: 'i',
      controller: 'c'
    })
  })

  it('says why podman cannot run its boxes here', () => {
    // undefined where podman can run as root
    const problem = podmanProblem() ?? 'none'
    expect(problem).toMatch(/^(none|podman is not installed|.*needs root)$/)
  })
})
