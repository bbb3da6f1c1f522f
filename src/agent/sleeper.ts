/**
 * One cancellable wait at a time, for a host, an installer or a controller: `wake()` ends the current wait early
 * (a fake reboot, an upgrade), `stop()` ends it and every later one at once (the driver stopping).
 */
export class Sleeper {
  private timer: NodeJS.Timeout | undefined
  private resolve: (() => void) | undefined
  private stoppedFlag = false

  get stopped(): boolean {
    return this.stoppedFlag
  }

  sleep(ms: number): Promise<void> {
    if (this.stoppedFlag) return Promise.resolve()
    this.wake()
    return new Promise<void>(resolve => {
      this.resolve = resolve
      this.timer = setTimeout(this.fire, Math.max(0, ms))
    })
  }

  private readonly fire = (): void => {
    this.timer = undefined
    const resolve = this.resolve
    this.resolve = undefined
    resolve?.()
  }

  wake(): void {
    if (this.timer) clearTimeout(this.timer)
    this.fire()
  }

  stop(): void {
    this.stoppedFlag = true
    this.wake()
  }
}
