/**
 * Entry points of the simulator's kube-api mode (`startSimulator({ kubeconfig })`, `assisted-swarm sim
 * --kubeconfig`). Authentication is as with `AUTH_TYPE=local` (service-behavior §4.7, §10 point 8): agents
 * present a token that the discovery ignition carries, and user REST routes are closed (the user's view is
 * CRs only).
 */
import { randomBytes } from 'node:crypto'
import { errorMessage, TargetUnreachableError } from '../../util/errors.js'
import type { Logger } from '../../util/logging.js'
import type { SimContext } from '../core/context.js'
import type { SimulatorOptions } from '../options.js'
import { KubeController, kubeModeClient } from './controller.js'

export { KubeController, SIM_FIELD_MANAGER } from './controller.js'

/** Options with the kube-api mode's authentication filled in: a random agent key and user token unless given. */
export function kubeModeOptions(options: SimulatorOptions): SimulatorOptions {
  if (!options.kubeconfig) return options
  return {
    ...options,
    auth: {
      agentKey: options.auth?.agentKey || randomBytes(24).toString('base64url'),
      userToken: options.auth?.userToken || randomBytes(24).toString('base64url')
    }
  }
}

export interface KubeMode {
  controller: KubeController
  stop(): Promise<void>
}

/** Connects to the API server (failing fast when it cannot be reached) and starts the controller. */
export async function startKubeMode(
  sim: SimContext,
  options: { kubeconfig: string; context?: string; logger: Logger; retryMs?: number }
): Promise<KubeMode> {
  const client = await kubeModeClient(options.kubeconfig, options.context)
  let version: string
  try {
    version = await client.probe()
  } catch (error) {
    client.close()
    throw error instanceof TargetUnreachableError
      ? error
      : new TargetUnreachableError(`kube-api mode: ${errorMessage(error)}`)
  }
  const controller = new KubeController({
    sim,
    client,
    logger: options.logger,
    ...(options.retryMs ? { retryMs: options.retryMs } : {})
  })
  try {
    await controller.start()
  } catch (error) {
    await controller.stop()
    client.close()
    throw error
  }
  options.logger.info(`simulator: kube-api mode on ${client.server} (Kubernetes ${version})`)
  return {
    controller,
    async stop() {
      await controller.stop()
      client.close()
    }
  }
}
