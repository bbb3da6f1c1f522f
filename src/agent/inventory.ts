import type { Disk, Interface, Inventory, Route } from '../api/generated/models.js'
import { formatIpv4, parseCidr } from '../plan/ipv4.js'
import type { PlanCluster, PlanDisk, PlanHost } from '../plan/types.js'

/**
 * The host's hardware as the real agent's `inventory` tool reports it (agent-protocol §2.2), built from the plan.
 * Nothing is kept per host: the text is rebuilt on demand (the reply cache makes that rare) and the constant
 * parts (CPU flags, command line) are shared.
 *
 * Plan failures change what is reported: `small-disk` (every disk 20 GB), `low-memory` (4 GiB), `few-cores`
 * (1 core) and `no-default-route` (no 0.0.0.0/0 route), so the service's validations fail as on real hardware.
 */

const GB = 1000 ** 3
export const GIB = 1024 ** 3
export const SMALL_DISK_BYTES = 20 * GB
export const LOW_MEMORY_BYTES = 4 * GIB
export const FEW_CORES = 1
/** Standard frames on every plan NIC. */
export const NIC_MTU: number = 1500
/** The live ISO: a virtual CD drive, reported and marked as installation media, like on a real host. */
const ISO_SIZE_BYTES = 1_218_445_312

const X86_FLAGS = Object.freeze(
  (
    'fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ss syscall nx ' +
    'pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology cpuid tsc_known_freq pni pclmulqdq vmx ssse3 fma cx16 pcid ' +
    'sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave avx f16c rdrand hypervisor lahf_lm abm ' +
    '3dnowprefetch invpcid_single ssbd ibrs ibpb stibp ibrs_enhanced tpr_shadow vnmi flexpriority ept vpid ept_ad ' +
    'fsgsbase tsc_adjust bmi1 avx2 smep bmi2 erms invpcid avx512f avx512dq rdseed adx smap clflushopt clwb avx512cd ' +
    'avx512bw avx512vl xsaveopt xsavec xgetbv1 xsaves arat umip pku ospke avx512_vnni md_clear arch_capabilities'
  ).split(' ')
)
const ARM_FLAGS = Object.freeze(
  'fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp ssbs'.split(
    ' '
  )
)
const NIC_FLAGS_UP = Object.freeze(['up', 'broadcast', 'multicast', 'running'])
const NIC_FLAGS_DOWN = Object.freeze(['broadcast', 'multicast'])
const COMMAND_LINE =
  'BOOT_IMAGE=/images/pxeboot/vmlinuz coreos.liveiso=rhcos-9.6 ignition.firstboot ignition.platform.id=metal ' +
  'random.trust_cpu=on console=tty1 console=ttyS1,115200n8'

export interface InventoryContext {
  /** The plan's CPU architecture (`x86_64`, `arm64`/`aarch64`, ...). */
  cpuArchitecture: string
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0')
}

function isArm(architecture: string): boolean {
  return architecture === 'arm64' || architecture === 'aarch64'
}

/** The service's drive types: NVMe disks are reported as SSD. */
function driveType(disk: PlanDisk): Disk['drive_type'] {
  return disk.driveType === 'NVMe' ? 'SSD' : (disk.driveType as Disk['drive_type'])
}

function byPath(disk: PlanDisk, i: number): string {
  return disk.name.startsWith('nvme')
    ? `/dev/disk/by-path/pci-0000:0${4 + i}:00.0-nvme-1`
    : `/dev/disk/by-path/pci-0000:00:05.0-scsi-0:0:${i}:0`
}

function buildDisks(host: PlanHost): Disk[] {
  const small = host.failures.includes('small-disk')
  const disks: Disk[] = host.hardware.disks.map((disk, i) => {
    const nvme = disk.name.startsWith('nvme')
    const wwn = disk.byId.replace(/^.*wwn-/, '')
    return {
      id: disk.byId,
      by_id: disk.byId,
      by_path: byPath(disk, i),
      name: disk.name,
      path: `/dev/${disk.name}`,
      drive_type: driveType(disk),
      size_bytes: small ? SMALL_DISK_BYTES : disk.sizeBytes,
      bootable: false,
      removable: false,
      is_installation_media: false,
      installation_eligibility: { eligible: true, not_eligible_reasons: [] },
      model: nvme ? 'QEMU NVMe Ctrl' : 'QEMU HARDDISK',
      vendor: nvme ? '' : 'QEMU',
      serial: `swarm-${hex(host.index, 8)}-${i}`,
      wwn,
      ...(nvme ? {} : { hctl: `0:0:${i}:0` }),
      holders: '',
      smart: ''
    }
  })
  disks.push({
    id: '/dev/sr0',
    by_path: '/dev/disk/by-path/pci-0000:00:1f.2-ata-1',
    name: 'sr0',
    path: '/dev/sr0',
    drive_type: 'ODD',
    size_bytes: ISO_SIZE_BYTES,
    bootable: true,
    removable: true,
    is_installation_media: true,
    installation_eligibility: {
      eligible: false,
      not_eligible_reasons: [
        'Disk appears to be an ISO installation media (has partition with mountpoint suffix iso)'
      ]
    },
    model: 'QEMU DVD-ROM',
    vendor: 'QEMU',
    serial: 'QM00001',
    hctl: '1:0:0:0',
    holders: '',
    smart: ''
  })
  return disks
}

function buildInterfaces(host: PlanHost): Interface[] {
  return host.nics.map((nic, i) => ({
    name: nic.name,
    mac_address: nic.mac,
    ipv4_addresses: nic.ipv4 ? [nic.ipv4] : [],
    ipv6_addresses: [],
    type: 'physical',
    mtu: NIC_MTU,
    has_carrier: Boolean(nic.ipv4),
    speed_mbps: nic.ipv4 ? 10000 : -1,
    flags: (nic.ipv4 ? NIC_FLAGS_UP : NIC_FLAGS_DOWN) as string[],
    vendor: '0x1af4',
    product: '0x0001',
    biosdevname: `em${i + 1}`,
    client_id: ''
  }))
}

function buildRoutes(host: PlanHost, cluster: PlanCluster): Route[] {
  const nic = host.nics.find(n => n.ipv4)
  if (!nic) return []
  const network = parseCidr(cluster.machineCidr)!
  const routes: Route[] = []
  if (!host.failures.includes('no-default-route')) {
    routes.push({
      interface: nic.name,
      gateway: cluster.gateway,
      destination: '0.0.0.0',
      family: 2,
      metric: 100
    })
  }
  routes.push({
    interface: nic.name,
    gateway: '0.0.0.0',
    destination: formatIpv4(network.base),
    family: 2,
    metric: 100
  })
  routes.push({ interface: nic.name, gateway: '::', destination: 'fe80::', family: 10, metric: 1024 })
  return routes
}

export function buildInventory(host: PlanHost, cluster: PlanCluster, context: InventoryContext): Inventory {
  const arm = isArm(context.cpuArchitecture)
  const memory = host.failures.includes('low-memory') ? LOW_MEMORY_BYTES : host.hardware.memoryBytes
  const virtual = /kvm|virtual|vmware|qemu/i.test(host.hardware.productName)
  return {
    hostname: host.hostname,
    bmc_address: '0.0.0.0',
    bmc_v6address: '::/0',
    interfaces: buildInterfaces(host),
    disks: buildDisks(host),
    boot: {
      current_boot_mode: 'uefi',
      pxe_interface: '',
      command_line: COMMAND_LINE,
      secure_boot_state: 'Disabled',
      device_type: 'ephemeral'
    },
    system_vendor: {
      manufacturer: host.hardware.manufacturer,
      product_name: host.hardware.productName,
      serial_number: `SWARM${hex(host.index, 10).toUpperCase()}`,
      virtual
    },
    memory: {
      physical_bytes: memory,
      usable_bytes: memory - Math.round(memory * 0.0175),
      physical_bytes_method: 'dmidecode'
    },
    cpu: {
      count: host.failures.includes('few-cores') ? FEW_CORES : host.hardware.cores,
      frequency: arm ? 3000 : 2494.14,
      flags: (arm ? ARM_FLAGS : X86_FLAGS) as string[],
      model_name: arm ? 'Neoverse-N1' : 'Intel Xeon Processor (Cascadelake)',
      architecture: arm ? 'aarch64' : context.cpuArchitecture
    },
    gpus: [],
    routes: buildRoutes(host, cluster),
    tpm_version: 'none'
  }
}

/** Whether `path` names one of the host's disks (by path, by-id or by-path), as the install step checks. */
export function hostHasDisk(host: PlanHost, path: string): boolean {
  return host.hardware.disks.some(
    (d, i) => path === `/dev/${d.name}` || path === d.byId || path === byPath(d, i)
  )
}
