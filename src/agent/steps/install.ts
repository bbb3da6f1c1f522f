import type { InstallCmdRequest } from '../../api/generated/models.js'
import { hostHasDisk } from '../inventory.js'
import { parseModelArg } from './args.js'
import { failed, type StepHandler } from './step.js'

/**
 * `install`: checks the boot device and the disks to format exist on the host, then runs the installer in the
 * foreground: the reply is posted when the emulated installer exits (0 after Rebooting, 1 after Failed). A second
 * install step while the installer runs fails as `podman run --name=assisted-installer` does (125, ignored by the
 * service).
 */
export const installStep: StepHandler = {
  type: 'install',
  deterministic: false,
  run(host, args) {
    const parsed = parseModelArg<InstallCmdRequest>('install', args, 1, 'install_cmd_request')
    if (parsed.outcome) return parsed.outcome
    for (const disk of [parsed.value.boot_device, ...(parsed.value.disks_to_format ?? [])]) {
      if (!disk.startsWith('/dev/')) return failed(-1, `disk ${disk} should start of with /dev/`)
      if (!hostHasDisk(host.plan, disk)) return failed(-1, `disk ${disk} was not found on the host`)
    }
    return host.install(parsed.value)
  }
}
