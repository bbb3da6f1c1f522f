import { compareVersions } from '../config/releases.js'
import type { DiskSummary, InventorySummary, NicSummary } from '../model/types.js'
import { sharedText } from '../core/stored-text.js'

/** NIC types the service keeps unless ENABLE_VIRTUAL_INTERFACES is set. */
const KEPT_NIC_TYPES = new Set(['physical', 'vlan', 'bond'])

interface RawDisk {
  id?: string
  name?: string
  path?: string
  by_id?: string
  by_path?: string
  drive_type?: string
  size_bytes?: number
  bootable?: boolean
  removable?: boolean
  is_installation_media?: boolean
  has_uuid?: boolean
  hctl?: string
  iscsi?: { host_ip_address?: string }
  installation_eligibility?: { eligible?: boolean; not_eligible_reasons?: string[] }
}

interface RawInventory {
  hostname?: string
  cpu?: { count?: number; architecture?: string }
  memory?: { physical_bytes?: number; physical_bytes_method?: string }
  disks?: RawDisk[]
  interfaces?: {
    name?: string
    mac_address?: string
    type?: string
    ipv4_addresses?: string[]
    ipv6_addresses?: string[]
  }[]
  routes?: { destination?: string; gateway?: string }[]
  system_vendor?: { product_name?: string; manufacturer?: string }
  tpm_version?: string
  truncation?: { type?: string }
  boot?: { device_type?: string }
}

/** The disk identifier the service uses: the agent's id, else `/dev/<name>`. */
export function diskIdOf(disk: { id?: string; name?: string; by_id?: string }): string {
  return disk.id || (disk.name ? `/dev/${disk.name}` : '')
}

/**
 * Service-side reasons a disk cannot be the installation disk (service-behavior §2.3): size below the role's
 * total, or a drive type the version and architecture do not allow.
 */
export function serviceDiskReasons(
  disk: DiskSummary,
  minDiskGb: number,
  openshiftVersion: string,
  architecture: string
): string[] {
  const reasons: string[] = []
  const minBytes = minDiskGb * 1_000_000_000
  if (disk.sizeBytes < minBytes) {
    reasons.push(
      `Disk is too small (disk only has ${formatGb(disk.sizeBytes)}, but the role requires at least ${formatGb(minBytes)})`
    )
  }
  const type = disk.driveType
  const atLeast = (v: string): boolean => !openshiftVersion || compareVersions(openshiftVersion, v) >= 0
  const allowed =
    type === 'HDD' ||
    type === 'SSD' ||
    type === 'Multipath' ||
    (type === 'RAID' && atLeast('4.14')) ||
    (type === 'iSCSI' && atLeast('4.15')) ||
    (type === 'FC' && (architecture === 'x86_64' || architecture === 's390x')) ||
    ((type === 'ECKD' || type === 'ECKD (ESE)' || type === 'FBA') && architecture === 's390x')
  if (!allowed) reasons.push(`Drive type is ${type || 'Unknown'}, it must be one of HDD, SSD, Multipath.`)
  return reasons
}

function formatGb(bytes: number): string {
  return `${Math.round((bytes / 1e9) * 100) / 100} GB`
}

export function diskEligible(
  disk: DiskSummary,
  minDiskGb: number,
  openshiftVersion: string,
  architecture: string
): boolean {
  if (disk.agentVerdict && (!disk.agentEligible || disk.agentReasons.length)) return false
  return serviceDiskReasons(disk, minDiskGb, openshiftVersion, architecture).length === 0
}

const NO_STRINGS: string[] = []

/** Parses an inventory (already decoded and pruned to the swagger model) into the summary validations use. */
export function summarizeInventory(raw: RawInventory, keepVirtualNics: boolean): InventorySummary {
  const disks: DiskSummary[] = (raw.disks ?? []).map(d => {
    const eligibility = d.installation_eligibility
    const reasons = eligibility?.not_eligible_reasons?.length ? eligibility.not_eligible_reasons : NO_STRINGS
    const id = diskIdOf(d)
    return {
      id,
      name: sharedText(d.name ?? ''),
      path: sharedText(d.path ?? (d.name ? `/dev/${d.name}` : '')),
      // One string when the agent sent the same value twice (id and by_id usually are).
      byId: d.by_id === id ? id : (d.by_id ?? ''),
      byPath: sharedText(d.by_path ?? ''),
      sizeBytes: d.size_bytes ?? 0,
      driveType: sharedText(d.drive_type ?? ''),
      bootable: Boolean(d.bootable),
      removable: Boolean(d.removable),
      installationMedia: Boolean(d.is_installation_media),
      hasUuid: Boolean(d.has_uuid),
      agentReasons: reasons,
      agentVerdict: eligibility !== undefined && (eligibility.eligible !== undefined || reasons.length > 0),
      agentEligible: eligibility?.eligible ?? true,
      hctl: sharedText(d.hctl ?? ''),
      iscsiHostIp: d.iscsi?.host_ip_address ?? ''
    }
  })
  const nics: NicSummary[] = (raw.interfaces ?? [])
    .filter(n => keepVirtualNics || KEPT_NIC_TYPES.has(n.type ?? ''))
    .map(n => ({
      name: sharedText(n.name ?? ''),
      mac: n.mac_address ?? '',
      type: sharedText(n.type ?? ''),
      ipv4: n.ipv4_addresses?.length ? n.ipv4_addresses : NO_STRINGS,
      ipv6: n.ipv6_addresses?.length ? n.ipv6_addresses : NO_STRINGS
    }))
  const hasDefaultRoute = (raw.routes ?? []).some(
    r =>
      (r.destination === '0.0.0.0' ||
        r.destination === '::' ||
        r.destination === '0.0.0.0/0' ||
        r.destination === '::/0') &&
      Boolean(r.gateway)
  )
  const truncation =
    raw.truncation?.type === 'full' || raw.truncation?.type === 'partial' ? raw.truncation.type : ''
  return {
    hostname: raw.hostname ?? '',
    cpuCount: raw.cpu?.count ?? 0,
    architecture: sharedText(raw.cpu?.architecture ?? ''),
    physicalBytes: raw.memory?.physical_bytes ?? 0,
    memoryMethod: sharedText(raw.memory?.physical_bytes_method ?? ''),
    disks,
    nics,
    hasDefaultRoute,
    productName: sharedText(raw.system_vendor?.product_name ?? ''),
    manufacturer: sharedText(raw.system_vendor?.manufacturer ?? ''),
    tpmVersion: sharedText(raw.tpm_version ?? ''),
    truncation,
    bootDeviceType: sharedText(raw.boot?.device_type ?? '')
  }
}

/**
 * Rewrites the stored inventory as the service does: disk ids filled in, eligibility recomputed for the role's
 * disk size, NICs the service ignores removed.
 */
export function storedInventory(
  raw: RawInventory & Record<string, unknown>,
  summary: InventorySummary,
  minDiskGb: number,
  openshiftVersion: string,
  keepVirtualNics: boolean
): string {
  const disks = (raw.disks ?? []).map((d, i) => {
    const s = summary.disks[i]!
    const reasons = [
      ...s.agentReasons,
      ...serviceDiskReasons(s, minDiskGb, openshiftVersion, summary.architecture || 'x86_64')
    ]
    if (s.agentVerdict && !s.agentEligible && reasons.length === 0)
      reasons.push('Disk is not eligible according to the agent')
    return {
      ...d,
      id: s.id,
      installation_eligibility: {
        eligible: reasons.length === 0,
        ...(reasons.length ? { not_eligible_reasons: reasons } : {})
      }
    }
  })
  const interfaces = keepVirtualNics
    ? raw.interfaces
    : (raw.interfaces ?? []).filter(n => KEPT_NIC_TYPES.has(n.type ?? ''))
  return JSON.stringify({
    ...raw,
    ...(raw.disks ? { disks } : {}),
    ...(raw.interfaces ? { interfaces } : {})
  })
}

/**
 * The installation disk: the user's pick while still eligible, else the first eligible disk ordered bootable
 * first, non-NVMe before NVMe, then by drive type, then smallest, then by HCTL.
 */
export function chooseInstallationDisk(eligible: DiskSummary[], userDiskId: string): DiskSummary | undefined {
  if (userDiskId) {
    const picked = eligible.find(d => d.id === userDiskId || d.path === userDiskId || d.byId === userDiskId)
    if (picked) return picked
  }
  const nvme = (d: DiskSummary): number => (d.name.startsWith('nvme') ? 1 : 0)
  return eligible
    .slice()
    .sort(
      (a, b) =>
        Number(b.bootable) - Number(a.bootable) ||
        nvme(a) - nvme(b) ||
        a.driveType.localeCompare(b.driveType) ||
        a.sizeBytes - b.sizeBytes ||
        a.hctl.localeCompare(b.hctl)
    )[0]
}

/** The device the installer writes to: the by-id path when known, else `/dev/<name>`. */
export function bootDeviceOf(disk: DiskSummary): string {
  return disk.byId || disk.path || `/dev/${disk.name}`
}
