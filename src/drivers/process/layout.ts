import { createHash } from 'node:crypto'
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { PlanCluster } from '../../plan/types.js'
import type { SandboxBind } from './sandbox.js'
import { BOX, clusterHostsFile, INSTALLER_LAUNCHER, installerLauncherScript } from './host-config.js'

/**
 * What the real drivers keep in the run directory:
 *
 * ```
 * <run>/logs/<hostname>.log, <run>/logs/<cluster>-controller.log     every line the programs print (scrubbed)
 * <run>/process/etc/                    the boxes' read-only /etc (resolver 127.0.0.1, hosts)
 * <run>/process/share/                  read-only: the installer launcher, service CAs
 * <run>/process/clusters/<c>/cluster/hosts.json   the cluster's hosts file (read-only in the boxes)
 * <run>/process/clusters/<c>/markers/<hostname>   fake reboot markers (shared by the cluster's boxes)
 * <run>/process/boxes/<name>/{root,home,opt,var,tmp,state}   a box's mount point and scratch directories
 * ```
 */
export class RunLayout {
  readonly base: string
  readonly logs: string
  readonly etc: string
  readonly share: string
  /** The boxes' /proc/cmdline. */
  readonly cmdline: string
  /** Short directory for Unix sockets (the run directory, or a private temporary one when its path is long). */
  readonly sockets: string
  /** Directories this layout created outside the run directory (removed by the driver at stop). */
  readonly outside: string[] = []

  constructor(runDir: string) {
    this.base = join(resolve(runDir), 'process')
    this.logs = join(resolve(runDir), 'logs')
    this.etc = join(this.base, 'etc')
    this.share = join(this.base, 'share')
    this.cmdline = join(this.base, 'cmdline')
    mkdirSync(this.logs, { recursive: true })
    mkdirSync(join(this.etc, 'ssl', 'certs'), { recursive: true })
    mkdirSync(this.share, { recursive: true })
    const net = join(this.base, 'net')
    if (net.length + 24 < 100) {
      mkdirSync(net, { recursive: true, mode: 0o700 })
      this.sockets = net
    } else {
      this.sockets = mkdtempSync(join(tmpdir(), 'swarm-net-'))
      this.outside.push(this.sockets)
    }
    this.writeEtc([])
    // what a discovery ISO boots with (the inventory reports it); never the runner's own command line
    atomicWrite(
      this.cmdline,
      'BOOT_IMAGE=/images/pxeboot/vmlinuz coreos.liveiso=rhcos ignition.firstboot ignition.platform.id=metal\n'
    )
    const launcher = join(this.share, INSTALLER_LAUNCHER)
    writeFileSync(launcher, installerLauncherScript())
    chmodSync(launcher, 0o755)
  }

  /** The boxes' /etc: files a Go program and a shell look at, nothing that names a real resolver or host. */
  writeEtc(hostsLines: readonly string[]): void {
    const files: Record<string, string> = {
      'resolv.conf': 'nameserver 127.0.0.1\noptions attempts:1 timeout:1\n',
      hosts: ['127.0.0.1 localhost', '::1 localhost ip6-localhost', ...hostsLines, ''].join('\n'),
      'nsswitch.conf': 'passwd: files\ngroup: files\nhosts: files dns\n',
      passwd: 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n',
      group: 'root:x:0:\nnogroup:x:65534:\n',
      'machine-id': '',
      'os-release': 'NAME="assisted-swarm fake host"\nID=assisted-swarm\n'
    }
    for (const [name, content] of Object.entries(files)) atomicWrite(join(this.etc, name), content)
    const bundle = '/etc/ssl/certs/ca-certificates.crt'
    const target = join(this.etc, 'ssl', 'certs', 'ca-certificates.crt')
    if (existsSync(bundle) && !existsSync(target)) copyFileSync(bundle, target)
  }

  /** A service CA as a file inside the boxes (by content, so every infra-env with the same CA shares it). */
  caFile(pem: string): string {
    const name = `ca-${createHash('sha256').update(pem).digest('hex').slice(0, 12)}.crt`
    const path = join(this.share, name)
    if (!existsSync(path)) atomicWrite(path, pem)
    return `${BOX.share}/${name}`
  }

  /** The cluster's directories (hosts file written, markers directory made); idempotent. */
  cluster(cluster: PlanCluster): { dir: string; markers: string; hostsFile: string } {
    const dir = join(this.base, 'clusters', safeName(cluster.name))
    const markers = join(dir, 'markers')
    const config = join(dir, 'cluster')
    mkdirSync(markers, { recursive: true })
    mkdirSync(config, { recursive: true })
    const hostsFile = join(config, 'hosts.json')
    if (!existsSync(hostsFile))
      atomicWrite(hostsFile, JSON.stringify(clusterHostsFile(cluster), null, 2) + '\n')
    return { dir, markers, hostsFile }
  }

  /** A box's directories; idempotent. */
  box(name: string): BoxDirs {
    const dir = join(this.base, 'boxes', safeName(name))
    const dirs: BoxDirs = {
      dir,
      root: join(dir, 'root'),
      home: join(dir, 'home'),
      opt: join(dir, 'opt'),
      var: join(dir, 'var'),
      tmp: join(dir, 'tmp'),
      state: join(dir, 'state')
    }
    for (const d of [dirs.root, dirs.home, dirs.opt, dirs.var, dirs.tmp, dirs.state])
      mkdirSync(d, { recursive: true })
    // what a booted host has under /var (the installer logs to /var/log)
    for (const d of ['log', 'lib', 'tmp', 'cache']) mkdirSync(join(dirs.var, d), { recursive: true })
    chmodSync(dirs.tmp, 0o1777)
    chmodSync(join(dirs.var, 'tmp'), 0o1777)
    return dirs
  }

  logFile(name: string): string {
    return join(this.logs, `${safeName(name)}.log`)
  }

  /** The binds every box of a cluster gets under /run/swarm. */
  binds(binariesDir: string, cluster: { markers: string; dir: string }, box: BoxDirs): SandboxBind[] {
    return [
      { source: binariesDir, target: BOX.bin, readOnly: true },
      { source: this.share, target: BOX.share, readOnly: true },
      { source: join(cluster.dir, 'cluster'), target: BOX.cluster, readOnly: true },
      { source: cluster.markers, target: BOX.markers, readOnly: false },
      { source: box.state, target: BOX.state, readOnly: false }
    ]
  }
}

export interface BoxDirs {
  dir: string
  root: string
  home: string
  opt: string
  var: string
  tmp: string
  state: string
}

/** A plan name as a file name (plan names are already DNS-like; this only guards against surprises). */
export function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_')
}

function atomicWrite(path: string, content: string): void {
  const partial = `${path}.partial-${process.pid}`
  writeFileSync(partial, content, { mode: 0o644 })
  renameSync(partial, path)
}
