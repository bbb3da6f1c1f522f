import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { processDriverProblem } from './index.js'
import { sandboxCommand, sandboxScript, shellQuote, type SandboxSpec } from './sandbox.js'

const root = mkdtempSync(join(tmpdir(), 'swarm-box-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function spec(name: string, command: string[], extra: Partial<SandboxSpec> = {}): SandboxSpec {
  const base = join(root, name)
  for (const d of ['mnt', 'home', 'opt', 'var', 'tmp', 'etc', 'markers', 'bin'])
    mkdirSync(join(base, d), { recursive: true })
  writeFileSync(join(base, 'etc', 'resolv.conf'), 'nameserver 127.0.0.1\n')
  writeFileSync(join(base, 'cmdline'), 'BOOT_IMAGE=fake\n')
  return {
    hostname: name,
    rootMount: join(base, 'mnt'),
    etcDir: join(base, 'etc'),
    cmdlineFile: join(base, 'cmdline'),
    scratch: {
      root: join(base, 'home'),
      opt: join(base, 'opt'),
      var: join(base, 'var'),
      tmp: join(base, 'tmp')
    },
    disks: ['vda'],
    binds: [
      { source: join(base, 'markers'), target: '/run/swarm/markers', readOnly: false },
      { source: join(base, 'bin'), target: '/run/swarm/bin', readOnly: true }
    ],
    command,
    env: { PATH: '/usr/bin:/bin', SECRET_TOKEN: 'very-secret-value' },
    ...extra
  }
}

describe('the box command line', () => {
  it('makes PID, mount, UTS and IPC namespaces, kills its child with it, and keeps values off the command line', () => {
    const cmd = sandboxCommand(spec('h1', ['/bin/true']))
    expect(cmd.file).toBe('unshare')
    expect(cmd.args.slice(0, 9)).toEqual([
      '--pid',
      '--mount',
      '--uts',
      '--ipc',
      '--fork',
      '--kill-child=SIGKILL',
      '--propagation',
      'private',
      '--'
    ])
    expect(cmd.args.join(' ')).not.toContain('very-secret-value')
    expect(cmd.env).toEqual({ PATH: '/usr/bin:/bin', SECRET_TOKEN: 'very-secret-value' })
    const inNetns = sandboxCommand(spec('h2', ['/bin/true'], { netns: '/proc/42/ns/net' }))
    expect([inNetns.file, ...inNetns.args.slice(0, 3)]).toEqual([
      'nsenter',
      '--net=/proc/42/ns/net',
      '--',
      'unshare'
    ])
  })

  it('mounts the system read-only, scratch read-write, then pivots and drops every capability', () => {
    const script = sandboxScript(spec('h3', ['/bin/true']))
    expect(script).toContain('ro /usr usr')
    expect(script).toContain('pivot_root . .old')
    expect(script).toContain('umount -l /.old')
    expect(script).toContain('mount -o remount,bind,ro proc/sys')
    expect(script.split('\n').pop()).toBe(
      'exec setpriv --bounding-set=-all --inh-caps=-all --no-new-privs -- "$@"'
    )
  })

  it('refuses what would leave the box', () => {
    expect(() =>
      sandboxCommand(spec('h4', ['/bin/true'], { binds: [{ source: '/', target: '/etc', readOnly: false }] }))
    ).toThrow(/outside/)
    expect(() => sandboxCommand(spec('h5', ['true']))).toThrow(/absolute path/)
    expect(() => sandboxCommand(spec('bad name', ['/bin/true']))).toThrow(/hostname/)
    expect(() => sandboxCommand(spec('h6', ['/bin/true'], { env: {} }))).toThrow(/PATH/)
  })

  it('quotes words for sh', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`)
  })
})

const problem = processDriverProblem()
if (problem) console.warn(`skipping the real box tests: ${problem}`)
;(problem ? describe.skip : describe)('a real box', () => {
  it('is PID 1 of its namespaces, without capabilities, and writes only where it may', () => {
    const probe = [
      'echo "pid=$$"',
      'echo "host=$(cat /proc/sys/kernel/hostname)"',
      'grep CapEff /proc/self/status',
      'echo "cmdline=$(cat /proc/cmdline)"',
      'echo "token=${SECRET_TOKEN-}"',
      'test -f /dev/vda && test ! -s /dev/vda && echo disk=empty-file',
      'cat /etc/resolv.conf',
      'touch /run/swarm/markers/m /tmp/t /var/v /opt/o /root/r && echo scratch=ok',
      'for p in /usr/x /etc/x /run/swarm/bin/x; do touch $p 2>/dev/null && echo "wrote $p"; done',
      // the box's own / is a small tmpfs: this lands in memory and goes with the box
      'touch /x && echo root=tmpfs',
      'mount -o remount,rw /usr 2>/dev/null && echo remounted',
      '(echo 1 > /proc/sys/kernel/hostname) 2>/dev/null && echo sysctl-written',
      'mknod /tmp/disk b 8 0 2>/dev/null && echo mknod',
      'ls /proc | grep -c "^[0-9]"'
    ].join('\n')
    const cmd = sandboxCommand(spec('box-host', ['/bin/sh', '-c', probe]))
    const result = spawnSync(cmd.file, cmd.args, { env: cmd.env, encoding: 'utf8' })
    expect(result.stderr).toBe('')
    const out = result.stdout.trim().split('\n')
    expect(out).toEqual([
      'pid=1',
      'host=box-host',
      'CapEff:\t0000000000000000',
      'cmdline=BOOT_IMAGE=fake',
      'token=very-secret-value',
      'disk=empty-file',
      'nameserver 127.0.0.1',
      'scratch=ok',
      'root=tmpfs',
      // only the shell itself and ls: nothing of the machine is visible
      expect.stringMatching(/^[1-3]$/)
    ])
    const base = join(root, 'box-host')
    expect(readdirSync(join(base, 'markers'))).toEqual(['m'])
    for (const d of ['tmp', 'var', 'opt', 'home']) expect(readdirSync(join(base, d))).toHaveLength(1)
    expect(readdirSync(join(base, 'mnt'))).toEqual([])
    expect(existsSync('/x')).toBe(false)
  })

  it('ends with everything in it when its PID 1 ends', () => {
    const cmd = sandboxCommand(spec('box-end', ['/bin/sh', '-c', 'sleep 300 & echo $!; exit 3']))
    const result = spawnSync(cmd.file, cmd.args, { env: cmd.env, encoding: 'utf8', timeout: 20_000 })
    expect(result.status).toBe(3)
    // the background sleep died with the PID namespace (spawnSync would wait for its open stdout otherwise)
    expect(result.signal).toBeNull()
  })
})
