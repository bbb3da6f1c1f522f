import { afterAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigurationError } from '../../util/errors.js'
import { RecordingLogger } from '../../util/logging.js'
import { processDriverProblem } from './index.js'
import { createHostNetwork, inheritProblem, resolveNetworkMode } from './network.js'

describe('the hosts network mode', () => {
  it('shares a namespace that holds only loopback, and refuses one with other interfaces', () => {
    expect(inheritProblem(['lo'])).toBeUndefined()
    expect(inheritProblem(['lo', 'eth0'])).toMatch(/besides lo \(eth0\)/)
    expect(resolveNetworkMode('auto', ['lo'])).toBe('inherit')
    expect(resolveNetworkMode('auto', ['lo', 'eth0'])).toBe('relay')
    expect(resolveNetworkMode('relay', ['lo'])).toBe('relay')
    expect(() => resolveNetworkMode('inherit', ['lo', 'eth0'])).toThrow(ConfigurationError)
  })
})

/**
 * Runs node inside the namespace (only its network: the file system is this one) and returns what it printed.
 * Asynchronous: the relay's outer half runs in this process.
 */
async function fromInside(netns: string, script: string): Promise<string> {
  const child = spawn('nsenter', [`--net=${netns}`, '--', process.execPath, '-e', script], {
    timeout: 20_000
  })
  let out = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr.on('data', (d: Buffer) => (out += d.toString()))
  await new Promise(resolve => child.once('close', resolve))
  return out.trim()
}

const FETCH = (url: string): string =>
  `require('node:http').get(${JSON.stringify(url)}, r => { let b = ''; r.on('data', d => b += d); r.on('end', () => console.log(r.statusCode + ' ' + b)) }).on('error', e => console.log(e.code))`

const problem = processDriverProblem()
if (problem) console.warn(`skipping the relay tests: ${problem}`)
;(problem ? describe.skip : describe)('the relay network', () => {
  const dir = mkdtempSync(join(tmpdir(), 'swarm-relay-'))
  const servers: Server[] = []
  afterAll(async () => {
    for (const s of servers) await new Promise(resolve => s.close(resolve))
    rmSync(dir, { recursive: true, force: true })
  })

  const listen = async (answer: string): Promise<number> => {
    const server = createServer((_req, res) => res.end(answer))
    servers.push(server)
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()))
    return (server.address() as AddressInfo).port
  }

  it('reaches the service and nothing else, and goes away when closed', async () => {
    const service = await listen('service')
    const other = await listen('other')
    const network = await createHostNetwork('relay', { socketDir: dir, logger: new RecordingLogger() })
    try {
      expect(network.mode).toBe('relay')
      expect(await network.expose(`http://127.0.0.1:${service}`)).toEqual({ hostsLines: [] })
      // idempotent
      expect(await network.expose(`http://127.0.0.1:${service}/api`)).toEqual({ hostsLines: [] })
      const netns = network.netns!
      // only loopback in there
      expect(
        await fromInside(
          netns,
          "console.log(require('node:fs').readFileSync('/proc/net/dev','utf8').split('\\n').slice(2).map(l => l.split(':')[0].trim()).filter(Boolean).join(','))"
        )
      ).toBe('lo')
      expect(await fromInside(netns, FETCH(`http://127.0.0.1:${service}/x`))).toBe('200 service')
      expect(await fromInside(netns, FETCH(`http://127.0.0.1:${other}/x`))).toBe('ECONNREFUSED')
      expect(await fromInside(netns, FETCH('http://192.0.2.1:80/x'))).toBe('ENETUNREACH')
      // localhost is the same listener as 127.0.0.1 (no second bind, no hosts line)
      expect(await network.expose(`http://localhost:${service}`)).toEqual({ hostsLines: [] })
    } finally {
      await network.close()
    }
    expect(existsSync(network.netns!)).toBe(false)
  }, 60_000)
})
