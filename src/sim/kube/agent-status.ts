/**
 * The `status` of an Agent CR as assisted-service writes it for a host (service-behavior §4.3): role,
 * bootstrap, a camelCase copy of the inventory, progress, debugInfo (state = the host status), conditions.
 * Only fields the Agent CRD's schema declares are produced, with the types it declares.
 */
import { stagesFor } from '../host/stages.js'
import type { ClusterRecord, HostRecord } from '../model/types.js'
import { iso } from '../views.js'
import { agentConditions, type Condition } from './conditions.js'

type Json = Record<string, unknown>

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)
const int = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : undefined
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined)
const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined

function defined(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined))
}

/** The inventory the agent sent (snake_case, as the service stores it) as the Agent CRD's camelCase shape. */
export function agentInventory(text: string): Json | undefined {
  if (!text) return undefined
  let inv: Json
  try {
    inv = JSON.parse(text) as Json
  } catch {
    return undefined
  }
  const cpu = (inv.cpu ?? {}) as Json
  const memory = (inv.memory ?? {}) as Json
  const vendor = (inv.system_vendor ?? {}) as Json
  const boot = (inv.boot ?? {}) as Json
  return defined({
    hostname: str(inv.hostname),
    bmcAddress: str(inv.bmc_address),
    bmcV6Address: str(inv.bmc_v6address),
    reportTime:
      str(inv.timestamp) ?? (typeof inv.timestamp === 'number' ? iso(inv.timestamp * 1000) : undefined),
    cpu: defined({
      architecture: str(cpu.architecture),
      clockMegahertz: int(cpu.frequency),
      count: int(cpu.count),
      flags: strings(cpu.flags),
      modelName: str(cpu.model_name)
    }),
    memory: defined({ physicalBytes: int(memory.physical_bytes), usableBytes: int(memory.usable_bytes) }),
    systemVendor: defined({
      manufacturer: str(vendor.manufacturer),
      productName: str(vendor.product_name),
      serialNumber: str(vendor.serial_number),
      virtual: bool(vendor.virtual)
    }),
    boot: defined({
      currentBootMode: str(boot.current_boot_mode),
      pxeInterface: str(boot.pxe_interface),
      deviceType: str(boot.device_type)
    }),
    interfaces: Array.isArray(inv.interfaces)
      ? (inv.interfaces as Json[]).map(nic =>
          defined({
            name: str(nic.name),
            macAddress: str(nic.mac_address),
            ipV4Addresses: strings(nic.ipv4_addresses) ?? [],
            ipV6Addresses: strings(nic.ipv6_addresses) ?? [],
            mtu: int(nic.mtu),
            speedMbps: int(nic.speed_mbps),
            hasCarrier: bool(nic.has_carrier),
            vendor: str(nic.vendor),
            product: str(nic.product),
            biosDevName: str(nic.biosdevname),
            clientID: str(nic.client_id),
            flags: strings(nic.flags) ?? []
          })
        )
      : undefined,
    disks: Array.isArray(inv.disks)
      ? (inv.disks as Json[]).map(disk => {
          const eligibility = (disk.installation_eligibility ?? {}) as Json
          return defined({
            id: str(disk.id),
            name: str(disk.name),
            path: str(disk.path),
            byID: str(disk.by_id),
            byPath: str(disk.by_path),
            sizeBytes: int(disk.size_bytes),
            driveType: str(disk.drive_type),
            bootable: bool(disk.bootable),
            hctl: str(disk.hctl),
            model: str(disk.model),
            serial: str(disk.serial),
            vendor: str(disk.vendor),
            wwn: str(disk.wwn),
            smart: str(disk.smart),
            installationEligibility: defined({
              eligible: bool(eligibility.eligible),
              notEligibleReasons: strings(eligibility.not_eligible_reasons) ?? []
            })
          })
        })
      : undefined
  })
}

export interface AgentStatusInput {
  host: HostRecord
  cluster: ClusterRecord | undefined
  approved: boolean
  eventsUrl: string
}

/** The Agent's status for a host; `conditions` carry no transition times yet (see withTransitionTimes). */
export function agentStatus({
  host,
  cluster,
  approved,
  eventsUrl
}: AgentStatusInput): Json & { conditions: Condition[] } {
  const progress = host.progress
  const role = host.role !== 'auto-assign' ? host.role : host.suggestedRole || 'auto-assign'
  const inventory = agentInventory(host.inventory)
  return {
    role,
    bootstrap: host.bootstrap,
    ...(inventory ? { inventory } : {}),
    ...(host.installationDiskId ? { installation_disk_id: host.installationDiskId } : {}),
    progress: progress
      ? {
          currentStage: progress.currentStage,
          progressInfo: progress.progressInfo,
          installationPercentage: progress.installationPercentage,
          progressStages: [...stagesFor(host, cluster)],
          stageStartTime: iso(progress.stageStartedAt),
          stageUpdateTime: iso(progress.stageUpdatedAt)
        }
      : {},
    debugInfo: { eventsURL: eventsUrl, state: host.status, stateInfo: host.statusInfo },
    conditions: agentConditions(host, approved)
  }
}
