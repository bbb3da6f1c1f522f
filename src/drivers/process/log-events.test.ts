import { describe, expect, it } from '@jest/globals'
import { logMessage, parseLogLine } from './log-events.js'

// Lines as the patched agent and installer print them in dry run (logrus text format).
const RUNNER =
  'time="25-11-2026 18:17:40" level=info msg="Running next step runner. Command: /run/swarm/bin/agent, Args: [next_step_runner --url http://127.0.0.1:37803]" file="agent.go:57"'
const INSTALLER =
  'time="25-11-2026 18:17:46" level=info msg="Executing /run/swarm/share/installer-dry-run [--role bootstrap --cluster-id 99c17116-a3b6-4ff6-b789-89122ef8a4a6 --installer-args [\\"--append-karg\\",\\"ip=ens3:dhcp\\"] --notify-num-reboots]" file="dry_processes.go:70"'

describe('log lines of the real programs', () => {
  it('reads the message of a logrus line, unescaped', () => {
    expect(logMessage('time="x" level=info msg="a \\"quoted\\" word" file="f.go:1"')).toBe('a "quoted" word')
    expect(logMessage('plain text')).toBe('plain text')
  })

  it('sees a registration, a freeze, a stage, a rejected stage and the installer start', () => {
    expect(parseLogLine(RUNNER)).toEqual({ kind: 'registered' })
    expect(
      parseLogLine(
        'time="x" level=warning msg="Host will stop trying to register; cluster cannot accept new hosts in its current state: 409"'
      )
    ).toEqual({
      kind: 'frozen',
      info: 'Host will stop trying to register; cluster cannot accept new hosts in its current state: 409'
    })
    expect(
      parseLogLine('time="x" level=info msg="Updating node installation stage: Writing image to disk - 55%"')
    ).toEqual({
      kind: 'stage',
      stage: 'Writing image to disk',
      info: '55%'
    })
    expect(parseLogLine('time="x" level=info msg="Updating node installation stage: Rebooting - "')).toEqual({
      kind: 'stage',
      stage: 'Rebooting'
    })
    expect(parseLogLine('time="x" level=error msg="Failed to update node installation stage, 409"')).toEqual({
      kind: 'stage-failed',
      message: 'Failed to update node installation stage, 409'
    })
    expect(parseLogLine(INSTALLER)).toEqual({
      kind: 'installer-start',
      args: [
        '--role',
        'bootstrap',
        '--cluster-id',
        '99c17116-a3b6-4ff6-b789-89122ef8a4a6',
        '--installer-args',
        '["--append-karg","ip=ens3:dhcp"]',
        '--notify-num-reboots'
      ]
    })
  })

  it('ignores everything else, including the next-step-runner start', () => {
    expect(
      parseLogLine('time="x" level=info msg="Executing /run/swarm/bin/agent [next_step_runner --url u]"')
    ).toBeUndefined()
    expect(parseLogLine('time="x" level=info msg="Query for next steps"')).toBeUndefined()
  })
})
