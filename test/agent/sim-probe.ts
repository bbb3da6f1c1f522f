import type { Steps } from '../../src/api/generated/models.js'
import { buildInventory } from '../../src/agent/inventory.js'
import { AGENT_IMAGE, createCluster, e2ePlan, startE2E, waitFor } from './sim-harness.js'

/**
 * Whether the simulator's connectivity-check arguments carry plain addresses, as assisted-service sends them
 * (hostcommands: `strings.Split(ip, "/")[0]`) and as the agent's argument validation requires (the swagger
 * pattern of `connectivity-check-nic.ip_addresses` has no prefix). With CIDR forms the real agent, and the native
 * one, answer -1 and multi-node clusters never leave `insufficient`. Returns a reason when they do not.
 */
export async function connectivityArgsProblem(): Promise<string | undefined> {
  const plan = e2ePlan([{ amount: 1, masters: 3, workers: 0 }])
  const e2e = await startE2E(plan)
  try {
    const cluster = plan.clusters[0]!
    const created = await createCluster(e2e, cluster)
    const [a, b] = cluster.hosts as [(typeof cluster.hosts)[0], (typeof cluster.hosts)[0]]
    for (const host of [a, b]) {
      await e2e.api.request({
        endpoint: 'v2RegisterHost',
        params: { infra_env_id: created.infraEnvId },
        json: { host_id: host.id, discovery_agent_version: AGENT_IMAGE },
        agentVersion: AGENT_IMAGE
      })
      await e2e.api.request({
        endpoint: 'v2PostStepReply',
        params: { infra_env_id: created.infraEnvId, host_id: host.id },
        agentVersion: AGENT_IMAGE,
        json: {
          step_type: 'inventory',
          step_id: 'inventory-00000001',
          output: JSON.stringify(buildInventory(host, cluster, plan))
        }
      })
    }
    const args = await waitFor('a connectivity-check step', 20_000, async () => {
      const res = await e2e.api.request({
        endpoint: 'v2GetNextSteps',
        params: { infra_env_id: created.infraEnvId, host_id: a.id },
        query: { timestamp: Math.floor(Date.now() / 1000) },
        agentVersion: AGENT_IMAGE
      })
      return res.json<Steps>().instructions?.find(s => s.step_type === 'connectivity-check')?.args
    })
    return /\d\/\d+"/.test(args.join(' '))
      ? `the simulator sends CIDR addresses in connectivity-check arguments: ${args.join(' ').slice(0, 160)}`
      : undefined
  } finally {
    await e2e.close()
  }
}
