import { checkCount } from './args.js'
import { succeeded, type StepHandler } from './step.js'

/** `stop-installation`: `podman stop -i -t 5 assisted-installer`; prints the container's name when it was running. */
export const stopInstallationStep: StepHandler = {
  type: 'stop-installation',
  deterministic: false,
  run(host, args) {
    const count = checkCount('stop installation', args, 0)
    if (count) return count
    return succeeded(host.stopInstaller() ? 'assisted-installer\n' : '')
  }
}
