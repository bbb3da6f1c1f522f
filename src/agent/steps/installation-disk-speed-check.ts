import type { DiskSpeedCheckRequest, DiskSpeedCheckResponse } from '../../api/generated/models.js'
import { parseModelArg } from './args.js'
import { failed, succeeded, type StepHandler } from './step.js'

/** `installation-disk-speed-check [{path}, "<timeout>"]`: fio's p99 fdatasync latency for the disk, echoing the path. */
export const installationDiskSpeedCheckStep: StepHandler = {
  type: 'installation-disk-speed-check',
  deterministic: true,
  run(host, args) {
    const parsed = parseModelArg<DiskSpeedCheckRequest>(
      'disk performance',
      args,
      2,
      'disk_speed_check_request'
    )
    if (parsed.outcome) return parsed.outcome
    if (Number.isNaN(Number.parseFloat(args[1]!)))
      return failed(-1, `strconv.ParseFloat: parsing "${args[1]}": invalid syntax`)
    const path = parsed.value.path
    const disk = host.plan.hardware.disks.find(d => d.byId === path || `/dev/${d.name}` === path)
    const response: DiskSpeedCheckResponse = { io_sync_duration: disk?.driveType === 'HDD' ? 8 : 2, path }
    return succeeded(JSON.stringify(response))
  }
}
