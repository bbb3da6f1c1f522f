/**
 * The box every real host (and every controller) of the process driver runs in: PID 1 of its own PID, mount,
 * UTS and IPC namespaces, with a private root made of
 *
 * - a tmpfs `/` (nothing the host writes there reaches a disk),
 * - the machine's `/usr` (and the `/bin`, `/lib`, ... links or directories next to it) bound read-only,
 * - a read-only `/etc` prepared by the driver (resolver 127.0.0.1, no other name service),
 * - scratch `/root`, `/opt`, `/var`, `/tmp` bound from the run directory,
 * - a `/dev` of its own holding the null/zero/random nodes and the host's disks as empty regular files,
 * - a fresh `/proc` of the new PID namespace with `/proc/sys` read-only, `/proc/sysrq-trigger` masked and
 *   `/proc/cmdline` the fake host's, and a read-only `/sys`,
 * - `/run/swarm/...` binds chosen by the driver (binaries read-only, reboot markers read-write, ...),
 *
 * after which the old root is detached (`pivot_root`, lazy unmount), so nothing outside those binds is even
 * reachable. The command then runs as uid 0 without any capability (empty bounding set, no-new-privs), so it
 * can neither remount a read-only bind nor make a device node nor touch the clock. The network namespace is
 * the driver's choice (see network.ts): `netns` is joined first.
 *
 * When PID 1 exits, the kernel kills everything else in its PID namespace and the mounts go with the mount
 * namespace; `unshare --kill-child` makes that happen too when the driver kills the `unshare` process it started.
 */

export interface SandboxBind {
  /** Directory on the machine. */
  source: string
  /** Absolute path inside the box, under /run/swarm or one of the scratch places. */
  target: string
  readOnly: boolean
}

export interface SandboxSpec {
  /** UTS hostname inside the box. */
  hostname: string
  /** An empty directory used as the mount point of the box's tmpfs root (its content is never written). */
  rootMount: string
  /** Directory mounted read-only as /etc. */
  etcDir: string
  /** Scratch directories mounted read-write. */
  scratch: { root: string; opt: string; var: string; tmp: string }
  /** Disk names (`vda`): empty regular files /dev/<name>. */
  disks: readonly string[]
  binds: readonly SandboxBind[]
  /** A file shown as /proc/cmdline (the machine's kernel command line is not the fake host's). */
  cmdlineFile?: string
  /** Network namespace to join first (`/proc/<pid>/ns/net`); none = the driver's own (checked by the caller). */
  netns?: string
  /** Command to run inside, absolute paths inside the box. */
  command: readonly string[]
  /** The complete environment of the command (nothing is inherited from the driver); must hold PATH. */
  env: Readonly<Record<string, string>>
}

export interface SandboxCommand {
  file: string
  args: string[]
  env: Record<string, string>
}

/** The tools the box needs on the machine (util-linux, coreutils, a POSIX shell). */
export const SANDBOX_TOOLS = [
  'unshare',
  'nsenter',
  'mount',
  'umount',
  'pivot_root',
  'setpriv',
  'mknod',
  'sh'
] as const

/** PATH of the setup script; the command's own PATH comes from its env. */
const SETUP_PATH = '/usr/sbin:/usr/bin:/sbin:/bin'

/** Namespaces of the box besides the network: the ones a real host would have to itself. */
export const SANDBOX_NAMESPACES = ['--pid', '--mount', '--uts', '--ipc'] as const

/** Single-quotes a word for sh. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`
}

const DEVICE_NODES: readonly [string, number, number][] = [
  ['null', 1, 3],
  ['zero', 1, 5],
  ['full', 1, 7],
  ['random', 1, 8],
  ['urandom', 1, 9],
  ['tty', 5, 0]
]

/** Checks what no box may get wrong; throws an Error naming the field (a driver bug, not a user mistake). */
export function checkSandboxSpec(spec: SandboxSpec): void {
  const absolute = (what: string, path: string): void => {
    if (!path.startsWith('/')) throw new Error(`sandbox: ${what} must be an absolute path, got ${path}`)
  }
  absolute('rootMount', spec.rootMount)
  absolute('etcDir', spec.etcDir)
  for (const [name, path] of Object.entries(spec.scratch)) absolute(`scratch.${name}`, path)
  if (!/^[a-z0-9]([a-z0-9.-]{0,62})$/i.test(spec.hostname))
    throw new Error(`sandbox: invalid hostname ${spec.hostname}`)
  for (const disk of spec.disks) {
    if (!/^[a-z][a-z0-9]{0,15}$/.test(disk)) throw new Error(`sandbox: invalid disk name ${disk}`)
  }
  const places = ['/run/swarm/', '/root/', '/opt/', '/var/', '/tmp/']
  for (const bind of spec.binds) {
    absolute('bind source', bind.source)
    if (!places.some(p => bind.target.startsWith(p)) || bind.target.includes('..'))
      throw new Error(`sandbox: bind target ${bind.target} is outside ${places.join(', ')}`)
  }
  if (!spec.command.length || !spec.command[0]!.startsWith('/'))
    throw new Error('sandbox: the command must start with an absolute path inside the box')
  if (!spec.env.PATH) throw new Error('sandbox: the command environment needs a PATH')
}

/** The setup script that PID 1 runs before it becomes the command (`exec`). */
export function sandboxScript(spec: SandboxSpec): string {
  const q = shellQuote
  const lines = [
    'set -eu',
    // the setup's own PATH; the command gets its environment back unchanged at the exec below
    'SWARM_PATH="$PATH"',
    `PATH=${SETUP_PATH}`,
    `R=${q(spec.rootMount)}`,
    'mount --make-rprivate /',
    'mount -t tmpfs -o mode=0755,nosuid,size=16m swarm-root "$R"',
    'cd "$R"',
    'mkdir -p usr etc proc sys dev run tmp var opt root',
    'ro() { mount --bind "$1" "$2"; mount -o remount,bind,ro,nosuid "$2"; }',
    'rw() { mount --bind "$1" "$2"; }',
    'ro /usr usr',
    'for d in bin sbin lib lib32 lib64 libx32; do',
    '  if [ -L "/$d" ]; then ln -s "$(readlink "/$d")" "$d"',
    '  elif [ -d "/$d" ]; then mkdir "$d"; ro "/$d" "$d"; fi',
    'done',
    `ro ${q(spec.etcDir)} etc`,
    `rw ${q(spec.scratch.root)} root`,
    `rw ${q(spec.scratch.opt)} opt`,
    `rw ${q(spec.scratch.var)} var`,
    `rw ${q(spec.scratch.tmp)} tmp`,
    'mount -t tmpfs -o mode=0755,nosuid,size=1m swarm-dev dev',
    ...DEVICE_NODES.map(([name, major, minor]) => `mknod -m 666 dev/${name} c ${major} ${minor}`),
    'ln -s /proc/self/fd dev/fd',
    'ln -s /proc/self/fd/0 dev/stdin',
    'ln -s /proc/self/fd/1 dev/stdout',
    'ln -s /proc/self/fd/2 dev/stderr',
    'mkdir -p dev/disk/by-id dev/shm',
    ...spec.disks.map(d => `: > dev/${d}`),
    'mount -t tmpfs -o mode=0755,nosuid,nodev,size=4m swarm-run run',
    'mkdir -p run/swarm'
  ]
  for (const bind of spec.binds) {
    const inside = bind.target.slice(1)
    lines.push(`mkdir -p ${q(inside)}`, `${bind.readOnly ? 'ro' : 'rw'} ${q(bind.source)} ${q(inside)}`)
  }
  lines.push(
    'mount -t proc -o nosuid,nodev,noexec proc proc',
    `echo ${q(spec.hostname)} > proc/sys/kernel/hostname`,
    'mount --bind proc/sys proc/sys',
    'mount -o remount,bind,ro proc/sys',
    'if [ -e proc/sysrq-trigger ]; then mount --bind dev/null proc/sysrq-trigger; fi',
    ...(spec.cmdlineFile
      ? [`mount --bind ${q(spec.cmdlineFile)} proc/cmdline`, 'mount -o remount,bind,ro proc/cmdline']
      : []),
    'mount -t sysfs -o ro,nosuid,nodev,noexec sysfs sys',
    'mkdir .old',
    'pivot_root . .old',
    'cd /',
    'umount -l /.old',
    'rmdir /.old',
    'PATH="$SWARM_PATH"',
    'unset SWARM_PATH OLDPWD R',
    'unset -f ro rw',
    // uid 0 without capabilities from here on: no remount, no mknod, no clock, no module, no raw I/O
    'exec setpriv --bounding-set=-all --inh-caps=-all --no-new-privs -- "$@"'
  )
  return lines.join('\n')
}

/**
 * The command line that starts a box: [nsenter --net=<netns> --] unshare --pid --mount --uts --ipc --fork
 * --kill-child -- sh -c <setup> <hostname> <command...>, to be spawned with exactly `env` (the command's
 * environment: values such as the pull-secret token never appear on a command line).
 */
export function sandboxCommand(spec: SandboxSpec): SandboxCommand {
  checkSandboxSpec(spec)
  const inner = [
    ...SANDBOX_NAMESPACES,
    '--fork',
    '--kill-child=SIGKILL',
    '--propagation',
    'private',
    '--',
    '/bin/sh',
    '-c',
    sandboxScript(spec),
    spec.hostname,
    ...spec.command
  ]
  const env = { ...spec.env }
  if (spec.netns) {
    return { file: 'nsenter', args: [`--net=${spec.netns}`, '--', 'unshare', ...inner], env }
  }
  return { file: 'unshare', args: inner, env }
}
