import { join } from 'node:path'
import { BOX, type ProgramPaths } from '../process/host-config.js'
import type { BoxSpec } from '../process/real-driver.js'
import type { SandboxCommand } from '../process/sandbox.js'

/** Inside the images (images/<component>/Containerfile*): the programs are in /usr/bin. */
export const IMAGE_BIN = '/usr/bin'
/** Where the agent's container sees the installer image (a read-only image mount). */
export const INSTALLER_IMAGE_MOUNT = '/run/swarm/installer'

export const CONTAINER_PROGRAMS: ProgramPaths = {
  bin: IMAGE_BIN,
  installer: `${INSTALLER_IMAGE_MOUNT}${IMAGE_BIN}/installer`
}

export interface ContainerImages {
  agent: string
  installer: string
  controller: string
}

export interface PodmanBoxOptions {
  images: ContainerImages
  /** Prefix of every container name: `<prefix>-<box>`; the run id keeps runs apart. */
  prefix: string
  runId: string
  /** The run's network namespace (`/proc/<pid>/ns/net`), or undefined: podman's own namespace (host networking). */
  netns?: string
  etcDir: string
  shareDir: string
  /** podman's storage options, shared by every container of the run (one image store). */
  storage?: { root: string; runRoot: string }
}

export function containerName(prefix: string, box: string): string {
  return `${prefix}-${box}`.replace(/[^A-Za-z0-9_.-]/g, '_')
}

/** Global podman options (the shared image store). */
export function podmanGlobalArgs(options: Pick<PodmanBoxOptions, 'storage'>): string[] {
  return options.storage ? ['--root', options.storage.root, '--runroot', options.storage.runRoot] : []
}

/**
 * `podman run` for one box: the same box as the process driver's, made by podman. PID, mount, UTS and IPC
 * namespaces of its own (podman's defaults, given explicitly), the run's network namespace (or podman's own,
 * the host networking of a runner that is itself inside such a namespace), no capabilities, no new privileges,
 * a read-only root from the image, the same scratch and /run/swarm binds, the boot disk an empty file. Every
 * environment variable is passed by name only (`--env NAME`): podman takes the value from its own environment,
 * so no secret is on a command line. The process is attached (`--attach`): its output is the box's log.
 */
export function podmanRunCommand(box: BoxSpec, options: PodmanBoxOptions): SandboxCommand {
  const image = box.kind === 'controller' ? options.images.controller : options.images.agent
  const name = containerName(options.prefix, box.name)
  const v = (source: string, target: string, mode: 'ro' | 'rw'): string[] => [
    '--volume',
    `${source}:${target}:${mode},z`
  ]
  const args = [
    ...podmanGlobalArgs(options),
    'run',
    '--rm',
    '--replace',
    '--name',
    name,
    '--hostname',
    box.name,
    '--label',
    `assisted-swarm.run=${options.runId}`,
    '--label',
    `assisted-swarm.box=${box.name}`,
    '--network',
    options.netns ? `ns:${options.netns}` : 'host',
    '--pid',
    'private',
    '--ipc',
    'private',
    '--uts',
    'private',
    '--cap-drop',
    'all',
    '--security-opt',
    'no-new-privileges',
    '--read-only',
    '--pull',
    'never',
    '--log-driver',
    'none',
    '--attach',
    'stdout',
    '--attach',
    'stderr',
    '--tmpfs',
    '/run:rw,nosuid,nodev,size=4m',
    '--tmpfs',
    '/dev/shm:rw,nosuid,nodev,size=1m',
    ...v(options.etcDir, '/etc', 'ro'),
    ...v(box.dirs.home, '/root', 'rw'),
    ...v(box.dirs.opt, '/opt', 'rw'),
    ...v(box.dirs.var, '/var', 'rw'),
    ...v(box.dirs.tmp, '/tmp', 'rw'),
    ...v(options.shareDir, BOX.share, 'ro'),
    ...v(join(box.clusterDirs.dir, 'cluster'), BOX.cluster, 'ro'),
    ...v(box.clusterDirs.markers, BOX.markers, 'rw'),
    ...v(box.dirs.state, BOX.state, 'rw'),
    // the boot disks: empty regular files, like the process driver's /dev
    ...box.disks.flatMap(d => v(join(box.dirs.state, `disk-${d}`), `/dev/${d}`, 'rw')),
    ...(box.kind === 'host'
      ? ['--mount', `type=image,source=${options.images.installer},destination=${INSTALLER_IMAGE_MOUNT}`]
      : []),
    ...Object.keys(box.line.env)
      .sort()
      .flatMap(k => ['--env', k]),
    '--entrypoint',
    box.line.command[0]!,
    image,
    ...box.line.command.slice(1)
  ]
  return { file: 'podman', args, env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', ...box.line.env } }
}

/** `podman rm --force --time 0 <name>`: stops and removes exactly one container the driver started. */
export function podmanRemoveArgs(name: string, options: Pick<PodmanBoxOptions, 'storage'>): string[] {
  return [...podmanGlobalArgs(options), 'rm', '--force', '--ignore', '--time', '0', name]
}

/** `podman inspect` of the container's PID 1 (in the runner's PID namespace), for CPU and memory samples. */
export function podmanPidArgs(name: string, options: Pick<PodmanBoxOptions, 'storage'>): string[] {
  return [...podmanGlobalArgs(options), 'inspect', '--format', '{{.State.Pid}}', name]
}
