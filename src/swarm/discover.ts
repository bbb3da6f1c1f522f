import type { InfraEnv } from '../api/generated/models.js'
import type { UserApi } from '../api/user-client.js'
import type { Plan, PlanCluster } from '../plan/types.js'
import { ConfigurationError } from '../util/errors.js'
import type { Logger } from '../util/logging.js'
import type { RunStateStore } from './run-state.js'

/**
 * `--discover-infraenvs`: launch hosts for infra-envs that already exist (made by anyone: the UI, another
 * tool, deploy-crs), as the original swarm's launch_all did. Infra-envs matching the selector are sorted by
 * name and paired with the plan's clusters in order; each gets its plan cluster's hosts. Nothing is created,
 * and the swarm only observes (no role changes, no install call): the owner of the clusters drives them.
 */
export async function discoverInfraEnvs(
  plan: Plan,
  api: UserApi,
  selector: string,
  store: RunStateStore,
  logger: Logger
): Promise<PlanCluster[]> {
  const all = await api.listInfraEnvs()
  const matching = all
    .filter(ie => matches(ie, selector))
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''))
  if (!matching.length) {
    throw new ConfigurationError(
      `--discover-infraenvs ${JSON.stringify(selector)}: no infra-env matches (the service has ${all.length}); use "all" or a name pattern such as "swarm-*"`
    )
  }
  const planned = plan.clusters.slice().sort((a, b) => a.index - b.index)
  if (matching.length > planned.length) {
    logger.warning(
      `${matching.length} infra-envs match but the plan has ${planned.length} clusters; the extra infra-envs get no hosts`
    )
  } else if (matching.length < planned.length) {
    logger.warning(
      `the plan has ${planned.length} clusters but only ${matching.length} infra-envs match; the rest of the plan is skipped`
    )
  }
  const clusters: PlanCluster[] = []
  for (let i = 0; i < Math.min(matching.length, planned.length); i++) {
    const infraEnv = matching[i]!
    const cluster = planned[i]!
    const refs = store.cluster(cluster.name)
    refs.infraEnvId = infraEnv.id
    if (infraEnv.cluster_id) refs.clusterId = infraEnv.cluster_id
    clusters.push({
      ...cluster,
      justInfraEnv: !infraEnv.cluster_id,
      lateBinding: false,
      infraEnvName: infraEnv.name ?? cluster.infraEnvName
    })
    logger.info(
      `${cluster.name}: ${cluster.hosts.length} host(s) into infra-env ${infraEnv.name} (${infraEnv.id})`
    )
  }
  store.save()
  return clusters
}

/** "all", or a name glob (`*` matches anything). */
function matches(infraEnv: InfraEnv, selector: string): boolean {
  if (selector === 'all') return true
  const pattern = new RegExp(`^${selector.split('*').map(escape).join('.*')}$`)
  return pattern.test(infraEnv.name ?? '')
}

function escape(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
}
