/** Service statuses the report gives a meaning to (see ../shared/docs/service-behavior.md). */
export const HOST_INSTALLING_STATUSES = new Set([
  'installing',
  'installing-in-progress',
  'installing-pending-user-action'
])
export const HOST_INSTALLED_STATUSES = new Set(['installed', 'added-to-existing-cluster'])
export const HOST_FAILED_STATUSES = new Set(['error', 'cancelled'])
export const CLUSTER_INSTALL_STARTED_STATUSES = new Set([
  'preparing-for-installation',
  'installing',
  'installing-pending-user-action',
  'finalizing',
  'installed'
])
export const CLUSTER_FAILED_STATUSES = new Set(['error', 'cancelled'])

/** Installer stages after which nothing follows (no time-in-stage). */
export const TERMINAL_STAGES = new Set(['Done', 'Failed'])

/**
 * The order states are listed in charts and tables: the lifecycle as a host lives it, then anything else
 * alphabetically. `planned`, `launched`, `registered`, `frozen`, `died` and `gave-up` are the swarm's own states.
 */
const ORDER = [
  'planned',
  'launched',
  'registered',
  'created',
  'discovering',
  'pending-for-input',
  'insufficient',
  'known',
  'ready',
  'disconnected',
  'preparing-for-installation',
  'preparing-successful',
  'preparing-failed',
  'installing',
  'installing-in-progress',
  'installing-pending-user-action',
  'finalizing',
  'installed',
  'added-to-existing-cluster',
  'adding-hosts',
  'resetting',
  'resetting-pending-user-action',
  'cancelled',
  'error',
  'frozen',
  'died',
  'gave-up'
]

export function compareStates(a: string, b: string): number {
  const ia = ORDER.indexOf(a)
  const ib = ORDER.indexOf(b)
  if (ia >= 0 && ib >= 0) return ia - ib
  if (ia >= 0) return -1
  if (ib >= 0) return 1
  return a < b ? -1 : a > b ? 1 : 0
}
