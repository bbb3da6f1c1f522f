/**
 * Milestones the real programs' own log lines show (logrus text format: `time=… level=info msg="…"`, or plain).
 * The patterns are upstream's messages at the pinned commits:
 *
 * - agent `src/agent/agent.go`: "Running next step runner" follows every successful registration (201);
 * - agent `src/commands/register_node.go`: "Host will stop trying to register" is the agent freezing (401, 403,
 *   404, 409 on registration);
 * - installer `src/installer/installer.go`: "Updating node installation stage: <stage> - <info>" precedes every
 *   progress report of its own host, "Failed to update node installation stage" follows a rejected one;
 * - installer `src/common/common.go`, `src/installer/installer.go` and the controller: "Host <name> "<id>" found in
 *   mcs logs, moving it to <stage> state", "Found a new ready <role> node <name>" (the bootstrap's Joined), "Found
 *   new joined|ready node <name> with inventory id <id>, …, updating its status to <stage>" (the controller);
 * - controller `src/main/assisted-installer-controller/assisted_installer_main.go`: "Finished all" once its
 *   goroutines (and the final log upload) are done;
 * - agent `src/commands/actions/dry_processes.go` (series 0004): "Executing <installer> [<args>]" when the
 *   install step starts the installer (the container driver's only sign of it).
 */
export type LogEvent =
  | { kind: 'registered' }
  | { kind: 'frozen'; info: string }
  | { kind: 'stage'; stage: string; info?: string; hostId?: string }
  | { kind: 'stage-failed'; message: string }
  | { kind: 'installer-start'; args: string[] }
  /** A stage reported for another host (by the bootstrap's installer, or the controller), by host id or node name. */
  | { kind: 'peer-stage'; stage: string; hostId?: string; node?: string }
  /** The controller's main function ends its goroutines (after the final log upload). */
  | { kind: 'controller-finished' }

/** The message of a logrus text line (`msg="..."`, unescaped), or the line itself. */
export function logMessage(line: string): string {
  const match = /\bmsg="((?:[^"\\]|\\.)*)"/.exec(line)
  if (match) {
    try {
      return JSON.parse(`"${match[1]}"`) as string
    } catch {
      return match[1]!
    }
  }
  const plain = /\bmsg=(\S+)/.exec(line)
  return plain ? plain[1]! : line
}

export function parseLogLine(line: string): LogEvent | undefined {
  // cheap filter first: most lines are none of these
  if (
    !/next step runner|stop trying to register|installation stage|Executing \S*installer|found in mcs logs|Found (a )?new (ready|joined)|Finished all/.test(
      line
    )
  )
    return undefined
  const message = logMessage(line)
  if (message.startsWith('Running next step runner')) return { kind: 'registered' }
  if (message.startsWith('Host will stop trying to register')) return { kind: 'frozen', info: message }
  const stage = /^Updating node installation stage: (.+?) - (.*)$/s.exec(message)
  if (stage) {
    const info = stage[2]!.trim()
    return { kind: 'stage', stage: stage[1]!, ...(info ? { info } : {}) }
  }
  if (message.startsWith('Failed to update node installation stage')) return { kind: 'stage-failed', message }
  // agent 0004 (container-free dry run): "Executing <installer> [<args>]" when the install step starts it
  const installer = /^Executing (\S*\/installer(?:-dry-run)?) \[(.*)\]$/s.exec(message)
  if (installer) return { kind: 'installer-start', args: installer[2]!.split(' ').filter(Boolean) }
  const mcs = /^Host \S+ "([0-9a-f-]{36})" found in mcs logs, moving it to (.+) state$/.exec(message)
  if (mcs) return { kind: 'peer-stage', hostId: mcs[1]!, stage: mcs[2]! }
  const controller =
    /^Found new (?:joined|ready) node \S+ with inventory id ([0-9a-f-]{36}), .*updating its status to (.+)$/.exec(
      message
    )
  if (controller) return { kind: 'peer-stage', hostId: controller[1]!, stage: controller[2]! }
  if (message === 'Finished all') return { kind: 'controller-finished' }
  const bootstrap = /^Found a new ready \w+ node (\S+) with id/.exec(message)
  if (bootstrap) return { kind: 'peer-stage', node: bootstrap[1]!, stage: 'Joined' }
  return undefined
}
