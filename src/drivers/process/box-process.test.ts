import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BoxProcess, boxExit, describeExit } from './box-process.js'
import { HostLog } from './host-log.js'

const canFork =
  process.platform === 'linux' &&
  ['unshare', 'setpriv'].every(tool => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0) &&
  spawnSync('unshare', ['--fork', '--', 'true']).status === 0
if (!canFork)
  console.warn('skipping the BoxProcess tests that start processes: no util-linux unshare/setpriv')
const itForks = canFork ? it : it.skip

describe('boxExit', () => {
  it('reads unshare failing to relay a SIGKILL as the SIGKILL of the box', () => {
    expect(boxExit(1, null, 'unshare: sigprocmask unblock failed: Invalid argument\n')).toEqual({
      code: null,
      signal: 'SIGKILL'
    })
    expect(boxExit(1, null, 'agent: cannot reach the service\n')).toEqual({ code: 1, signal: null })
    expect(boxExit(0, null, '')).toEqual({ code: 0, signal: null })
    expect(boxExit(null, 'SIGTERM', '')).toEqual({ code: null, signal: 'SIGTERM' })
  })
})

describe('BoxProcess', () => {
  const dir = mkdtempSync(join(tmpdir(), 'swarm-box-process-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const end = async (name: string, script: string): Promise<{ info: string; log: string }> => {
    const log = new HostLog(join(dir, `${name}.log`), [])
    const box = new BoxProcess(
      { file: 'unshare', args: ['--fork', '--', '/bin/sh', '-c', script], env: { PATH: '/usr/bin:/bin' } },
      log
    )
    const info = describeExit(await box.exited)
    await log.close()
    return { info, log: readFileSync(join(dir, `${name}.log`), 'utf8') }
  }

  itForks('reports the signal that killed the program under unshare, SIGKILL included', async () => {
    const killed = await end('kill', 'echo started; kill -KILL $$')
    expect(killed.info).toBe('killed by SIGKILL')
    expect(killed.log).toContain('started')
    expect((await end('term', 'kill -TERM $$')).info).toBe('killed by SIGTERM')
    expect((await end('exit', 'echo failing >&2; exit 1')).info).toBe('exit code 1')
  })
})
