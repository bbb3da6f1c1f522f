import { expectStatus, type Api } from './api.js'
import type { FakeHost } from './fake-host.js'

type Info = Record<string, { id: string; status: string; message: string }[]>

/** The status of one validation in a host's `validations_info` (undefined when not reported). */
export async function hostValidation(host: FakeHost, id: string): Promise<string | undefined> {
  const view = await host.get()
  const info = JSON.parse(view.validations_info || '{}') as Info
  return Object.values(info)
    .flat()
    .find(v => v.id === id)?.status
}

export async function clusterValidation(
  api: Api,
  clusterId: string,
  id: string
): Promise<string | undefined> {
  const view = expectStatus(
    await api.call('GET', `/v2/clusters/${clusterId}?exclude-hosts=true`),
    200,
    'get cluster'
  ).body
  const info = JSON.parse(view.validations_info || '{}') as Info
  return Object.values(info)
    .flat()
    .find(v => v.id === id)?.status
}

/** Polls every host and runs the monitors `rounds` times. */
export async function settle(hosts: FakeHost[], tick: () => Promise<unknown>, rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    for (const h of hosts) await h.poll()
    await tick()
  }
}

/** Replaces the host's inventory reply with a modified copy of its default inventory. */
export function patchInventory(host: FakeHost, mutate: (inventory: Record<string, unknown>) => void): void {
  host.overrides.inventory = () => {
    const inventory = structuredClone(host.inventory())
    mutate(inventory)
    return { output: JSON.stringify(inventory) }
  }
}
