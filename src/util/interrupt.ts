/**
 * Turns SIGINT/SIGTERM (Ctrl-C, an Actions cancel) into an AbortSignal the run watches, so it stops launching,
 * flushes what it recorded and exits 130. A second signal while stopping ends the process at once.
 */
export interface InterruptHandle {
  signal: AbortSignal
  /** Which signal arrived, if any. */
  reason(): NodeJS.Signals | undefined
  dispose(): void
}

export function watchInterrupts(onFirst?: (signal: NodeJS.Signals) => void): InterruptHandle {
  const controller = new AbortController()
  let received: NodeJS.Signals | undefined
  const handler = (signal: NodeJS.Signals): void => {
    if (received) {
      process.stderr.write(`\n${signal} again: stopping now\n`)
      process.exit(130)
    }
    received = signal
    onFirst?.(signal)
    controller.abort(new Error(`interrupted by ${signal}`))
  }
  process.on('SIGINT', handler)
  process.on('SIGTERM', handler)
  return {
    signal: controller.signal,
    reason: () => received,
    dispose() {
      process.off('SIGINT', handler)
      process.off('SIGTERM', handler)
    }
  }
}
