import { basename, extname } from 'node:path'
import { ConfigurationError } from '../util/errors.js'
import type { TestPlan } from './types.js'

/**
 * The original swarm's test plan: `clusters` groups with `single_node`, `num_workers`, `amount`, optional
 * `with_nmstate`, `just_infraenv` and `infranev_labels` (spelled that way), plus `shuffle`. Its service
 * settings lived in a separate file (`service_endpoint`, `ssh_pub_key`, `pull_secret_file`, `release_image`).
 */
export interface LegacyServiceConfig {
  service_endpoint?: string
  ssh_pub_key?: string
  pull_secret_file?: string
  release_image?: string
}

const LEGACY_GROUP_KEYS = new Set([
  'single_node',
  'num_workers',
  'amount',
  'with_nmstate',
  'just_infraenv',
  'infranev_labels'
])
const LEGACY_TOP_KEYS = new Set(['clusters', 'shuffle'])

/** True for a document in the original format: no `name`, only `clusters`/`shuffle`, legacy group keys. */
export function isLegacyPlan(document: unknown): document is { clusters: unknown[]; shuffle?: boolean } {
  if (!document || typeof document !== 'object' || Array.isArray(document)) return false
  const keys = Object.keys(document)
  if (keys.includes('name') || !keys.every(k => LEGACY_TOP_KEYS.has(k))) return false
  const clusters = (document as { clusters?: unknown }).clusters
  return (
    Array.isArray(clusters) &&
    clusters.every(
      g =>
        g &&
        typeof g === 'object' &&
        Object.keys(g).every(k => LEGACY_GROUP_KEYS.has(k)) &&
        'num_workers' in g
    )
  )
}

/** Converts a legacy plan (and its optional service config) into a TestPlan; the note says so. */
export function convertLegacyPlan(
  document: { clusters: unknown[]; shuffle?: boolean },
  sourcePath: string,
  service?: LegacyServiceConfig
): { plan: TestPlan; note: string } {
  const name =
    basename(sourcePath, extname(sourcePath))
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^[^a-z]+|-+$/g, '')
      .slice(0, 24) || 'swarm'
  const clusters = document.clusters.map((raw, i) => {
    const group = raw as Record<string, unknown>
    const converted: Record<string, unknown> = { amount: group.amount }
    if (group.single_node === true) converted.single_node = true
    else {
      converted.masters = 3
      converted.workers = group.num_workers
    }
    if (group.single_node === true && typeof group.num_workers === 'number' && group.num_workers > 0) {
      throw new ConfigurationError(
        `clusters[${i}].num_workers: a single_node cluster has no workers, got ${group.num_workers}`
      )
    }
    if (group.with_nmstate !== undefined) converted.with_nmstate = group.with_nmstate
    if (group.just_infraenv !== undefined) converted.just_infraenv = group.just_infraenv
    if (group.infranev_labels !== undefined) converted.infraenv_labels = group.infranev_labels
    return converted
  })
  const plan: Record<string, unknown> = { name, clusters }
  if (document.shuffle !== undefined) plan.shuffle = document.shuffle
  if (service?.service_endpoint) plan.target = { kind: 'rest', url: service.service_endpoint }
  if (service?.ssh_pub_key) plan.ssh_public_key = service.ssh_pub_key
  if (service?.pull_secret_file) plan.pull_secret_file = service.pull_secret_file
  if (service?.release_image) plan.release_image = service.release_image
  const note =
    `${sourcePath}: converted from the original swarm's test plan format (num_workers → workers with 3 masters, ` +
    `infranev_labels → infraenv_labels${service ? ', service config merged' : ''}); run name "${name}"`
  return { plan: plan as unknown as TestPlan, note }
}
