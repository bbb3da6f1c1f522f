import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer, connect, isIP, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { ConfigurationError, errorMessage } from '../../util/errors.js'
import type { Logger } from '../../util/logging.js'

/**
 * Where the real hosts' packets can go. Every host runs in a network namespace holding only loopback and the
 * service:
 *
 * - `relay`: the driver makes one network namespace for the run (only `lo`, up) and, inside it, a relay that
 *   listens where the service appears to be (its loopback address and port, or a loopback address that the
 *   hosts' `/etc/hosts` gives its name) and passes each connection through a Unix socket to the driver, which
 *   connects to that one service address and nothing else. TLS stays end to end. This works for the embedded
 *   simulator on 127.0.0.1 and for a remote assisted-service alike, with no veth, route or firewall rule.
 * - `inherit`: the driver itself already runs in a network namespace that holds nothing but `lo` (the tests
 *   run the simulator, the swarm and the hosts in one `unshare --net`); the hosts share it. Refused when the
 *   namespace has any other interface.
 * - `auto` (default): `inherit` when the driver's namespace holds only `lo`, `relay` otherwise.
 */
export type NetworkMode = 'auto' | 'relay' | 'inherit'

export interface ServiceEndpoint {
  /** Lines for the hosts' /etc/hosts (a service known by name). */
  hostsLines: string[]
}

export interface HostNetwork {
  readonly mode: 'relay' | 'inherit'
  /** `/proc/<pid>/ns/net` of the run's namespace (relay mode). */
  readonly netns?: string
  /** Makes `serviceUrl` reachable from inside (relay mode: a listener for its host and port). Idempotent. */
  expose(serviceUrl: string): Promise<ServiceEndpoint>
  /** Stops the relay (by its PID) and the Unix sockets. */
  close(): Promise<void>
}

/** Interfaces of the network namespace this process is in (from /proc/net/dev). */
export function currentInterfaces(): string[] {
  return readFileSync('/proc/net/dev', 'utf8')
    .split('\n')
    .slice(2)
    .map(line => line.split(':')[0]!.trim())
    .filter(Boolean)
}

/** Why the current namespace is not fit to hold real hosts, or undefined when it holds only loopback. */
export function inheritProblem(interfaces: readonly string[] = currentInterfaces()): string | undefined {
  const others = interfaces.filter(i => i !== 'lo')
  return others.length
    ? `this network namespace has interfaces besides lo (${others.join(', ')}), so real hosts would reach beyond the service`
    : undefined
}

export function resolveNetworkMode(
  mode: NetworkMode,
  interfaces: readonly string[] = currentInterfaces()
): 'relay' | 'inherit' {
  if (mode === 'auto') return inheritProblem(interfaces) ? 'relay' : 'inherit'
  if (mode === 'inherit') {
    const problem = inheritProblem(interfaces)
    if (problem) throw new ConfigurationError(`process driver network "inherit": ${problem}; use "relay"`)
  }
  return mode
}

/**
 * The relay's inside half, run by `node -e` in the run's namespace. It reads one JSON request per line on stdin
 * (`{"id", "host", "port", "socket"}`, or `{"id", "ping"}`), listens on host:port and passes every connection to the Unix socket; it
 * answers `{"id", "ok"}` or `{"id", "error"}` and ends when stdin closes (the driver is gone).
 */
const RELAY_INSIDE = `
const net = require('node:net');
const say = m => process.stdout.write(JSON.stringify(m) + '\\n');
require('node:readline').createInterface({ input: process.stdin }).on('line', line => {
  let r;
  try { r = JSON.parse(line); } catch { return; }
  if (r.ping) return say({ id: r.id, ok: true });
  const server = net.createServer(c => {
    const u = net.connect(r.socket);
    c.pipe(u); u.pipe(c);
    c.on('error', () => u.destroy()); u.on('error', () => c.destroy());
    c.on('close', () => u.destroy()); u.on('close', () => c.destroy());
  });
  server.on('error', e => say({ id: r.id, error: String(e && e.message || e) }));
  server.listen({ host: r.host, port: r.port }, () => say({ id: r.id, ok: true }));
});
process.stdin.on('end', () => process.exit(0));
`

export interface RelayOptions {
  /** Directory for the Unix sockets (short path: a socket path has at most 107 bytes). */
  socketDir: string
  logger: Logger
  /** Called once if the relay process ends while the network is open. */
  onFailure?: (message: string) => void
}

interface Listener {
  server: Server
  sockets: Set<Socket>
  endpoint: ServiceEndpoint
}

/** Creates the run's network: checks or builds the namespace. */
export async function createHostNetwork(mode: NetworkMode, options: RelayOptions): Promise<HostNetwork> {
  const resolved = resolveNetworkMode(mode)
  if (resolved === 'inherit') {
    options.logger.info('process driver: hosts share this network namespace (it holds only lo)')
    return {
      mode: 'inherit',
      expose: serviceUrl => {
        const problem = inheritProblem()
        if (problem) return Promise.reject(new Error(problem))
        checkServiceUrl(serviceUrl)
        return Promise.resolve({ hostsLines: [] })
      },
      close: () => Promise.resolve()
    }
  }
  return RelayNetwork.start(options)
}

function checkServiceUrl(serviceUrl: string): URL {
  let url: URL
  try {
    url = new URL(serviceUrl)
  } catch {
    throw new ConfigurationError(`service URL ${serviceUrl} is not a URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigurationError(`service URL ${serviceUrl}: only http and https are supported`)
  return url
}

class RelayNetwork implements HostNetwork {
  readonly mode = 'relay' as const
  readonly netns: string
  private readonly listeners = new Map<string, Promise<Listener>>()
  private readonly pending = new Map<number, (answer: { ok?: boolean; error?: string }) => void>()
  private nextId = 1
  private nextLoopback = 2
  private closing = false

  private constructor(
    private readonly child: ChildProcess,
    private readonly options: RelayOptions
  ) {
    this.netns = `/proc/${child.pid}/ns/net`
    createInterface({ input: child.stdout! }).on('line', line => {
      let answer: { id?: number; ok?: boolean; error?: string }
      try {
        answer = JSON.parse(line) as typeof answer
      } catch {
        return
      }
      const done = answer.id !== undefined ? this.pending.get(answer.id) : undefined
      if (done) {
        this.pending.delete(answer.id!)
        done(answer)
      }
    })
    let stderr = ''
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)))
    child.once('exit', (code, signal) => {
      for (const done of this.pending.values()) done({ error: 'the relay ended' })
      this.pending.clear()
      if (!this.closing) {
        const message = `the network relay of the process driver ended (${signal ?? `exit ${code}`}): ${stderr.trim()}`
        options.logger.error(message)
        options.onFailure?.(message)
      }
    })
  }

  /** Starts the relay in a new network namespace whose loopback is up. */
  static async start(options: RelayOptions): Promise<RelayNetwork> {
    // setpriv --pdeathsig: the relay (and with it the namespace) goes when this process goes, even on kill -9
    const child = spawn(
      'setpriv',
      [
        '--pdeathsig',
        'SIGKILL',
        '--',
        'unshare',
        '--net',
        '--',
        '/bin/sh',
        '-c',
        'ip link set lo up && exec "$0" -e "$SWARM_RELAY"',
        process.execPath
      ],
      {
        env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', SWARM_RELAY: RELAY_INSIDE },
        stdio: ['pipe', 'pipe', 'pipe']
      }
    )
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', () => resolve())
      child.once('error', reject)
    })
    const network = new RelayNetwork(child, options)
    // The namespace is ready once the relay answers (lo is up by then).
    await network.request({ ping: true })
    options.logger.info(
      `process driver: hosts run in network namespace ${network.netns} (lo + relay to the service)`
    )
    return network
  }

  private request(body: { host: string; port: number; socket: string } | { ping: true }): Promise<void> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, answer =>
        answer.ok ? resolve() : reject(new Error(answer.error ?? 'relay failed'))
      )
      this.child.stdin!.write(JSON.stringify({ id, ...body }) + '\n')
    })
  }

  expose(serviceUrl: string): Promise<ServiceEndpoint> {
    const url = checkServiceUrl(serviceUrl)
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
    const host = url.hostname.replace(/^\[|\]$/g, '')
    // localhost is 127.0.0.1 inside as well: one listener for both spellings
    const key = `${host === 'localhost' ? '127.0.0.1' : host}\u0000${port}`
    let listener = this.listeners.get(key)
    if (!listener) {
      listener = this.listen(host, port)
      this.listeners.set(key, listener)
    }
    return listener.then(l => l.endpoint)
  }

  private async listen(host: string, port: number): Promise<Listener> {
    const family = isIP(host)
    let inside: string
    const hostsLines: string[] = []
    if (family === 4 && host.startsWith('127.')) inside = host
    else if (family === 6 && host === '::1') inside = host
    else if (family) {
      // An address outside loopback: give it to the namespace's lo so the hosts reach the relay there.
      await addLoopbackAddress(this.netns, host, family)
      inside = host
    } else if (host === 'localhost') inside = '127.0.0.1'
    else {
      inside = `127.0.0.${this.nextLoopback++}`
      hostsLines.push(`${inside} ${host}`)
    }
    const socket = join(this.options.socketDir, `service-${this.listeners.size}.sock`)
    const sockets = new Set<Socket>()
    const server = createServer(client => {
      sockets.add(client)
      const upstream = connect({ host, port })
      sockets.add(upstream)
      client.pipe(upstream)
      upstream.pipe(client)
      const end = (): void => {
        client.destroy()
        upstream.destroy()
        sockets.delete(client)
        sockets.delete(upstream)
      }
      client.on('error', end)
      upstream.on('error', end)
      client.on('close', end)
      upstream.on('close', end)
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(socket, () => resolve())
    })
    await this.request({ host: inside, port, socket })
    this.options.logger.debug(
      `process driver: ${host}:${port} appears in the hosts' namespace at ${inside}:${port}`
    )
    return { server, sockets, endpoint: { hostsLines } }
  }

  async close(): Promise<void> {
    if (this.closing) return
    this.closing = true
    if (this.child.exitCode === null && this.child.signalCode === null && this.child.pid) {
      const exited = new Promise<void>(resolve => this.child.once('exit', () => resolve()))
      this.child.stdin!.end()
      try {
        process.kill(this.child.pid, 'SIGKILL')
      } catch {
        // already gone
      }
      await exited
    }
    for (const listener of this.listeners.values()) {
      const l = await listener.catch(() => undefined)
      if (!l) continue
      for (const s of l.sockets) s.destroy()
      await new Promise<void>(resolve => l.server.close(() => resolve()))
    }
  }
}

async function addLoopbackAddress(netns: string, address: string, family: number): Promise<void> {
  const args = [
    `--net=${netns}`,
    '--',
    'ip',
    'addr',
    'add',
    `${address}/${family === 4 ? 32 : 128}`,
    'dev',
    'lo'
  ]
  const child = spawn('nsenter', args, { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const code = await new Promise<number | null>(resolve => child.once('exit', resolve))
  if (code !== 0 && !/exists/i.test(stderr))
    throw new Error(`cannot add ${address} to the hosts' loopback: ${errorMessage(stderr.trim())}`)
}
