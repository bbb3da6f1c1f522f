import logUpdate from 'log-update'
import {
  formatProgressLine,
  formatProgressScreen,
  type ProgressSink,
  type ProgressSnapshot
} from './snapshot.js'

/** Redraws one screen in place (interactive terminals). */
export class TerminalProgress implements ProgressSink {
  private readonly render = logUpdate
  update(snapshot: ProgressSnapshot): void {
    this.render(formatProgressScreen(snapshot))
  }
  finish(snapshot: ProgressSnapshot): void {
    this.render(formatProgressScreen(snapshot))
    this.render.done()
  }
}

/**
 * A one-line summary every `intervalMs` (CI logs). On GitHub Actions each line heads a collapsible group
 * holding the status breakdown, so the log stays short but nothing is hidden.
 */
export class LineProgress implements ProgressSink {
  private last = 0

  constructor(
    private readonly write: (text: string) => void,
    private readonly intervalMs: number,
    private readonly githubActions = Boolean(process.env.GITHUB_ACTIONS)
  ) {}

  update(snapshot: ProgressSnapshot): void {
    if (snapshot.elapsedMs - this.last < this.intervalMs) return
    this.last = snapshot.elapsedMs
    this.emit(snapshot)
  }

  finish(snapshot: ProgressSnapshot): void {
    this.emit(snapshot)
  }

  private emit(snapshot: ProgressSnapshot): void {
    const line = formatProgressLine(snapshot)
    if (!this.githubActions) {
      this.write(line + '\n')
      return
    }
    this.write(`::group::${line}\n${formatProgressScreen(snapshot)}\n::endgroup::\n`)
  }
}

/** JSON lines on stdout for scripts (`--json`). */
export class JsonProgress implements ProgressSink {
  private last = -Infinity
  constructor(
    private readonly write: (text: string) => void,
    private readonly intervalMs: number
  ) {}
  update(snapshot: ProgressSnapshot): void {
    if (snapshot.elapsedMs - this.last < this.intervalMs) return
    this.last = snapshot.elapsedMs
    this.write(JSON.stringify({ type: 'progress', ...snapshot }) + '\n')
  }
  finish(snapshot: ProgressSnapshot): void {
    this.write(JSON.stringify({ type: 'progress', final: true, ...snapshot }) + '\n')
  }
}

export const noProgress: ProgressSink = { update: () => {}, finish: () => {} }
