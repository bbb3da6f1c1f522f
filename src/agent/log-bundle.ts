import { gzipSync } from 'node:zlib'

/**
 * Small but real `.tar.gz` archives for the log uploads (the service stores them; a user may open them), written
 * by hand: ustar headers, 512-byte blocks, gzip.
 */
export interface BundleFile {
  name: string
  content: string | Buffer
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0'
}

function header(name: string, size: number, mtime: number): Buffer {
  const block = Buffer.alloc(512)
  block.write(name.slice(0, 100), 0, 'utf8')
  block.write(octal(0o644, 8), 100)
  block.write(octal(0, 8), 108)
  block.write(octal(0, 8), 116)
  block.write(octal(size, 12), 124)
  block.write(octal(mtime, 12), 136)
  block.fill(' ', 148, 156)
  block.write('0', 156)
  block.write('ustar\0', 257)
  block.write('00', 263)
  block.write('root', 265)
  block.write('root', 297)
  let sum = 0
  for (const byte of block) sum += byte
  block.write(octal(sum, 7) + ' ', 148)
  return block
}

export function tarGz(files: BundleFile[], mtime = Math.floor(Date.now() / 1000)): Buffer {
  const parts: Buffer[] = []
  for (const file of files) {
    const content = typeof file.content === 'string' ? Buffer.from(file.content) : file.content
    parts.push(header(file.name, content.length, mtime), content)
    const pad = (512 - (content.length % 512)) % 512
    if (pad) parts.push(Buffer.alloc(pad))
  }
  parts.push(Buffer.alloc(1024))
  return gzipSync(Buffer.concat(parts))
}

function journal(hostname: string, lines: string[]): string {
  const start = Date.now() - lines.length * 1000
  return lines
    .map((line, i) => `${new Date(start + i * 1000).toISOString()} ${hostname} ${line}`)
    .join('\n')
    .concat('\n')
}

/** logs_sender's `logs.tar.gz` for a host: journal excerpts for the agent and installer units, and mounts. */
export function hostLogBundle(hostname: string, hostId: string, installerStages: readonly string[]): Buffer {
  return tarGz([
    {
      name: `${hostname}_${hostId}/journal.logs`,
      content: journal(hostname, [
        'systemd[1]: Started agent.service - Assisted installer agent.',
        `agent[2101]: Registering host ${hostId}`,
        'next_step_runner[2240]: Query for next steps',
        ...installerStages.map(stage => `installer[3120]: Updating node installation stage: ${stage}`)
      ])
    },
    {
      name: `${hostname}_${hostId}/mount.logs`,
      content: '/dev/loop0 on /sysroot type squashfs (ro,relatime)\n'
    },
    {
      name: `${hostname}_${hostId}/dmesg.logs`,
      content: '[    0.000000] Linux version 5.14.0 (assisted-swarm native host)\n'
    }
  ])
}

/** The controller's `controller_logs.tar.gz`. */
export function controllerLogBundle(clusterName: string, lines: readonly string[]): Buffer {
  return tarGz([
    {
      name: 'assisted-installer-controller.logs',
      content: journal(`${clusterName}-controller`, lines.length ? [...lines] : ['controller started'])
    }
  ])
}
