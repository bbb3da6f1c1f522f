import { apiVipConnectivityCheckStep } from './api-vip-connectivity-check.js'
import { connectivityCheckStep } from './connectivity-check.js'
import { containerImageAvailabilityStep } from './container-image-availability.js'
import { dhcpLeaseAllocateStep } from './dhcp-lease-allocate.js'
import { domainResolutionStep } from './domain-resolution.js'
import { downloadBootArtifactsStep } from './download-boot-artifacts.js'
import { freeNetworkAddressesStep } from './free-network-addresses.js'
import { installStep } from './install.js'
import { installationDiskSpeedCheckStep } from './installation-disk-speed-check.js'
import { inventoryStep } from './inventory.js'
import { logsGatherStep } from './logs-gather.js'
import { ntpSynchronizerStep } from './ntp-synchronizer.js'
import { rebootForReclaimStep } from './reboot-for-reclaim.js'
import type { StepHandler } from './step.js'
import { stopInstallationStep } from './stop-installation.js'
import { tangConnectivityCheckStep } from './tang-connectivity-check.js'
import { unknownStep } from './unknown.js'
import { upgradeAgentStep } from './upgrade-agent.js'
import { verifyVipsStep } from './verify-vips.js'

export type { FleetFacts, StepHandler, StepHost, StepOutcome } from './step.js'

/** The agent's action map: every step type it can run. `execute` and `next-step-runner` have no action. */
export const STEP_HANDLERS: ReadonlyMap<string, StepHandler> = new Map(
  [
    inventoryStep,
    connectivityCheckStep,
    freeNetworkAddressesStep,
    ntpSynchronizerStep,
    installationDiskSpeedCheckStep,
    containerImageAvailabilityStep,
    domainResolutionStep,
    verifyVipsStep,
    apiVipConnectivityCheckStep,
    tangConnectivityCheckStep,
    dhcpLeaseAllocateStep,
    logsGatherStep,
    stopInstallationStep,
    upgradeAgentStep,
    downloadBootArtifactsStep,
    rebootForReclaimStep,
    installStep
  ].map(h => [h.type, h])
)

const unknownHandlers = new Map<string, StepHandler>()

/** The handler for a step type; unknown types get the agent's "failed to find action" reply. */
export function stepHandler(type: string): { handler: StepHandler; known: boolean } {
  const handler = STEP_HANDLERS.get(type)
  if (handler) return { handler, known: true }
  let unknown = unknownHandlers.get(type)
  if (!unknown) {
    unknown = unknownStep(type)
    if (unknownHandlers.size < 64) unknownHandlers.set(type, unknown)
  }
  return { handler: unknown, known: false }
}
