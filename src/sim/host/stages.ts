import type { ClusterRecord, HostRecord } from '../model/types.js'

/** Progress stages by role, in order (service-behavior §1.7). */
export const STAGES = {
  bootstrap: [
    'Starting installation',
    'Installing',
    'Writing image to disk',
    'Copying registry data to disk',
    'Waiting for control plane',
    'Waiting for bootkube',
    'Waiting for controller',
    'Rebooting',
    'Configuring',
    'Joined',
    'Done'
  ],
  master: [
    'Starting installation',
    'Installing',
    'Writing image to disk',
    'Copying registry data to disk',
    'Rebooting',
    'Configuring',
    'Joined',
    'Done'
  ],
  worker: [
    'Starting installation',
    'Installing',
    'Writing image to disk',
    'Waiting for control plane',
    'Rebooting',
    'Waiting for ignition',
    'Configuring',
    'Joined',
    'Done'
  ],
  sno: [
    'Starting installation',
    'Installing',
    'Waiting for bootkube',
    'Writing image to disk',
    'Copying registry data to disk',
    'Rebooting',
    'Joined',
    'Done'
  ]
} as const

/** The stage list a host's progress is checked against (day-2 hosts end at Rebooting). */
export function stagesFor(host: HostRecord, cluster: ClusterRecord | undefined): readonly string[] {
  let list: readonly string[]
  if (cluster?.isSingleNode()) list = STAGES.sno
  else if (host.bootstrap) list = STAGES.bootstrap
  else {
    const role = host.role === 'auto-assign' ? host.suggestedRole || 'worker' : host.role
    list = role === 'master' || role === 'arbiter' || role === 'bootstrap' ? STAGES.master : STAGES.worker
  }
  if (host.kind === 'AddToExistingClusterHost') {
    const reboot = list.indexOf('Rebooting')
    return list.slice(0, reboot + 1)
  }
  return list
}
