import { modelValidator } from '../../../src/api/swagger.js'
import { expectStatus, type Api, type ApiResponse } from './api.js'

/**
 * A hand-written host for the simulator tests (deliberately not the project's native agent): it registers,
 * polls instructions with the `timestamp` query, and answers every step with outputs that are checked against
 * the swagger models before they are sent. Overrides let a test make one reply wrong on purpose.
 */
export const AGENT_IMAGE = 'quay.io/edge-infrastructure/assisted-installer-agent:latest'

export interface FakeHostSpec {
  id: string
  hostname: string
  /** IPv4 address without prefix. */
  ip: string
  prefix?: number
  mac: string
  cpus?: number
  memoryGiB?: number
  diskGb?: number
  agentVersion?: string
  /** Host clock offset from the test clock, in seconds. */
  clockSkewSeconds?: number
}

export interface Reply {
  exit_code?: number
  output: string
  error?: string
}

export type ReplyOverride = (args: string[], host: FakeHost) => Reply | null | undefined

export interface Step {
  step_type: string
  step_id: string
  args?: string[]
}

const OUTPUT_MODEL: Record<string, string> = {
  inventory: 'inventory',
  'connectivity-check': 'connectivity-report',
  'free-network-addresses': 'free_networks_addresses',
  'ntp-synchronizer': 'ntp_synchronization_response',
  'domain-resolution': 'domain_resolution_response',
  'verify-vips': 'verify_vips_response',
  'installation-disk-speed-check': 'disk_speed_check_response',
  'container-image-availability': 'container_image_availability_response',
  'upgrade-agent': 'upgrade_agent_response'
}

const ARGS_MODEL: Record<string, string> = {
  'connectivity-check': 'connectivity-check-params',
  'free-network-addresses': 'free_addresses_request',
  'ntp-synchronizer': 'ntp_synchronization_request',
  'domain-resolution': 'domain_resolution_request',
  'verify-vips': 'verify_vips_request',
  'installation-disk-speed-check': 'disk_speed_check_request',
  'container-image-availability': 'container_image_availability_request',
  install: 'install_cmd_request',
  'logs-gather': 'logs_gather_cmd_request',
  'upgrade-agent': 'upgrade_agent_request',
  'api-vip-connectivity-check': 'api_vip_connectivity_request',
  'tang-connectivity-check': 'tang_connectivity_request',
  'dhcp-lease-allocate': 'dhcp_allocation_request'
}

/** Like the real agent: a step's first argument must be valid JSON of its request model (else the agent answers -1). */
export function checkArgs(step: Step): void {
  const model = ARGS_MODEL[step.step_type]
  if (!model) return
  const problems = modelValidator().validate(model, JSON.parse(step.args?.[0] ?? 'null'))
  if (problems.length)
    throw new Error(`${step.step_type} arguments do not match swagger ${model}: ${problems.join('; ')}`)
}

/** Throws when an output does not match its swagger model exactly (unknown fields rejected). */
export function checkOutput(type: string, output: string): void {
  const model = OUTPUT_MODEL[type]
  if (!model || output === '') return
  const problems = modelValidator({ rejectUnknownFields: true }).validate(model, JSON.parse(output))
  if (problems.length)
    throw new Error(`hand-written ${type} reply does not match swagger ${model}: ${problems.join('; ')}`)
}

export class FakeHost {
  readonly spec: Required<FakeHostSpec>
  agentVersion: string
  /** Replies by step type that replace the default ones (null: do not reply). */
  overrides: Record<string, ReplyOverride> = {}
  /** The last steps received, by type. */
  lastSteps = new Map<string, Step>()
  installRequest: Record<string, unknown> | undefined
  lastPoll:
    { next_instruction_seconds: number; post_step_action: string; instructions: Step[] | null } | undefined
  /**
   * Like the real agent, log and go on when a reply is refused with a 5xx (a reply racing a status change:
   * an inventory reply that arrives after the monitor moved the host to preparing gets 500).
   */
  tolerateReplyErrors = false
  readonly replyErrors: ApiResponse[] = []
  /** Seconds since the epoch the host reports; defaults to the real clock plus skew. */
  clock: () => number = () => Date.now()

  constructor(
    private readonly api: Api,
    readonly infraEnvId: string,
    spec: FakeHostSpec
  ) {
    this.spec = {
      prefix: 24,
      cpus: 16,
      memoryGiB: 32,
      diskGb: 120,
      agentVersion: AGENT_IMAGE,
      clockSkewSeconds: 0,
      ...spec
    }
    this.agentVersion = this.spec.agentVersion
  }

  get id(): string {
    return this.spec.id
  }

  private headers(): Record<string, string> {
    return { discovery_agent_version: this.agentVersion }
  }

  async register(expected = 201): Promise<ApiResponse> {
    const response = await this.api.call('POST', `/v2/infra-envs/${this.infraEnvId}/hosts`, {
      body: { host_id: this.id, discovery_agent_version: this.agentVersion },
      headers: this.headers()
    })
    expectStatus(response, expected, `register ${this.spec.hostname}`)
    if (response.status === 201) {
      // Like the real agent: later calls report the version the service configured.
      const args = JSON.parse(response.body.next_step_runner_command.args[0]) as { agent_version: string }
      this.agentVersion = args.agent_version
    }
    return response
  }

  /** GET instructions, then answer every step; returns the steps. */
  async poll(): Promise<Step[]> {
    const timestamp = Math.floor(this.clock() / 1000) + this.spec.clockSkewSeconds
    const response = expectStatus(
      await this.api.call(
        'GET',
        `/v2/infra-envs/${this.infraEnvId}/hosts/${this.id}/instructions?timestamp=${timestamp}`,
        { headers: this.headers() }
      ),
      200,
      `instructions for ${this.spec.hostname}`
    )
    this.lastPoll = response.body
    const steps: Step[] = response.body.instructions ?? []
    for (const step of steps) {
      checkArgs(step)
      this.lastSteps.set(step.step_type, step)
      const reply = this.reply(step)
      if (!reply) continue
      checkOutput(step.step_type, reply.output)
      const posted = await this.api.call(
        'POST',
        `/v2/infra-envs/${this.infraEnvId}/hosts/${this.id}/instructions`,
        {
          body: {
            step_type: step.step_type,
            step_id: step.step_id,
            exit_code: reply.exit_code ?? 0,
            output: reply.output,
            error: reply.error ?? ''
          },
          headers: this.headers()
        }
      )
      if (this.tolerateReplyErrors && posted.status >= 500) {
        this.replyErrors.push(posted)
        continue
      }
      expectStatus(posted, 204, `${step.step_type} reply of ${this.spec.hostname}`)
    }
    return steps
  }

  async progress(stage: string, info = '', expected = 200): Promise<ApiResponse> {
    return expectStatus(
      await this.api.call('PUT', `/v2/infra-envs/${this.infraEnvId}/hosts/${this.id}/progress`, {
        body: { current_stage: stage, progress_info: info }
      }),
      expected,
      `progress ${stage} of ${this.spec.hostname}`
    )
  }

  async get(): Promise<Record<string, unknown> & { status: string; validations_info: string }> {
    return expectStatus(
      await this.api.call('GET', `/v2/infra-envs/${this.infraEnvId}/hosts/${this.id}`),
      200,
      'get host'
    ).body
  }

  reply(step: Step): Reply | null {
    const args = step.args ?? []
    const override = this.overrides[step.step_type]
    if (override) {
      const r = override(args, this)
      if (r !== undefined) return r
    }
    switch (step.step_type) {
      case 'inventory':
        return { output: JSON.stringify(this.inventory()) }
      case 'connectivity-check':
        return { output: JSON.stringify(this.connectivity(args)) }
      case 'free-network-addresses': {
        const nets = JSON.parse(args[0]!) as string[]
        return {
          output: JSON.stringify(nets.map(network => ({ network, free_addresses: freeAddresses(network) })))
        }
      }
      case 'ntp-synchronizer':
        return {
          output: JSON.stringify({
            ntp_sources: [{ source_name: 'clock.example.com', source_state: 'synced' }]
          })
        }
      case 'domain-resolution':
        return { output: JSON.stringify(this.resolve(args)) }
      case 'verify-vips': {
        const vips = JSON.parse(args[0]!) as { vip: string; vip_type: string }[]
        return {
          output: JSON.stringify(
            vips.map(v => ({ vip: v.vip, vip_type: v.vip_type, verification: 'succeeded' }))
          )
        }
      }
      case 'installation-disk-speed-check': {
        const { path } = JSON.parse(args[0]!) as { path: string }
        return { output: JSON.stringify({ path, io_sync_duration: 1 }) }
      }
      case 'container-image-availability': {
        const { images } = JSON.parse(args[0]!) as { images: string[] }
        return {
          output: JSON.stringify({
            images: images.map(name => ({
              name,
              result: 'success',
              size_bytes: 400_000_000,
              time: 10,
              download_rate: 100
            }))
          })
        }
      }
      case 'install':
        this.installRequest = JSON.parse(args[0]!) as Record<string, unknown>
        return null
      case 'upgrade-agent': {
        const { agent_image } = JSON.parse(args[0]!) as { agent_image: string }
        this.agentVersion = agent_image
        return { output: JSON.stringify({ agent_image, result: 'success' }) }
      }
      default:
        return { output: '' }
    }
  }

  inventory(): Record<string, unknown> {
    const s = this.spec
    const gateway = s.ip.split('.').slice(0, 3).join('.') + '.1'
    return {
      hostname: s.hostname,
      bmc_address: '0.0.0.0',
      bmc_v6address: '::/0',
      interfaces: [
        {
          name: 'eth0',
          mac_address: s.mac,
          ipv4_addresses: [`${s.ip}/${s.prefix}`],
          ipv6_addresses: [],
          type: 'physical',
          mtu: 1500,
          has_carrier: true,
          speed_mbps: 10000,
          flags: ['up', 'broadcast', 'multicast'],
          vendor: '0x1af4',
          product: '0x0001',
          biosdevname: '',
          client_id: ''
        }
      ],
      disks: [
        {
          id: `/dev/disk/by-id/wwn-0x${s.id.replace(/-/g, '').slice(0, 16)}`,
          by_id: `/dev/disk/by-id/wwn-0x${s.id.replace(/-/g, '').slice(0, 16)}`,
          by_path: '/dev/disk/by-path/pci-0000:00:06.0',
          name: 'sda',
          path: '/dev/sda',
          drive_type: 'SSD',
          size_bytes: s.diskGb * 1_000_000_000,
          bootable: true,
          removable: false,
          hctl: '0:0:0:0',
          model: 'Virtual Disk',
          serial: s.id.slice(0, 8),
          vendor: 'QEMU',
          wwn: `0x${s.id.replace(/-/g, '').slice(0, 16)}`,
          smart: '{}',
          is_installation_media: false,
          installation_eligibility: { eligible: true, not_eligible_reasons: [] }
        }
      ],
      cpu: {
        count: s.cpus,
        frequency: 2400,
        flags: ['vmx'],
        model_name: 'Intel Xeon',
        architecture: 'x86_64'
      },
      memory: {
        physical_bytes: s.memoryGiB * 1024 ** 3,
        usable_bytes: s.memoryGiB * 1024 ** 3 - 200 * 1024 ** 2,
        physical_bytes_method: 'dmidecode'
      },
      boot: {
        current_boot_mode: 'uefi',
        pxe_interface: '',
        command_line: 'BOOT_IMAGE=/images/pxeboot/vmlinuz',
        secure_boot_state: 'Disabled',
        device_type: 'ephemeral'
      },
      system_vendor: {
        manufacturer: 'Red Hat',
        product_name: 'KVM',
        serial_number: s.id.slice(0, 8),
        virtual: true
      },
      routes: [
        { interface: 'eth0', gateway, destination: '0.0.0.0', family: 2, metric: 100 },
        {
          interface: 'eth0',
          destination: `${s.ip.split('.').slice(0, 3).join('.')}.0`,
          family: 2,
          metric: 100
        }
      ],
      tpm_version: '2.0',
      gpus: []
    }
  }

  connectivity(args: string[]): Record<string, unknown> {
    const remotes = JSON.parse(args[0]!) as {
      host_id: string
      nics: { name: string; mac: string; ip_addresses: string[] }[]
    }[]
    return {
      remote_hosts: remotes
        .map(r => ({
          host_id: r.host_id,
          l2_connectivity: r.nics.flatMap(n =>
            n.ip_addresses
              .filter(a => !a.includes(':'))
              .map(a => ({
                outgoing_nic: 'eth0',
                remote_ip_address: a.split('/')[0]!,
                remote_mac: n.mac,
                successful: true
              }))
          ),
          l3_connectivity: r.nics.flatMap(n =>
            n.ip_addresses.map(a => ({
              outgoing_nic: 'eth0',
              remote_ip_address: a.split('/')[0]!,
              successful: true,
              average_rtt_ms: 0.4,
              packet_loss_percentage: 0
            }))
          )
        }))
        .sort((a, b) => a.host_id.localeCompare(b.host_id))
    }
  }

  resolve(args: string[]): Record<string, unknown> {
    const { domains } = JSON.parse(args[0]!) as { domains: { domain_name: string }[] }
    return {
      resolutions: domains.map(({ domain_name }) =>
        domain_name.startsWith('validateNoWildcardDNS.')
          ? { domain_name, ipv4_addresses: [], ipv6_addresses: [] }
          : { domain_name, ipv4_addresses: ['192.0.2.10'], ipv6_addresses: [] }
      )
    }
  }
}

/** A handful of free addresses in a /24 (the .200–.250 range), which includes the tests' VIPs. */
function freeAddresses(network: string): string[] {
  const base = network.split('/')[0]!.split('.').slice(0, 3).join('.')
  return Array.from({ length: 51 }, (_, i) => `${base}.${200 + i}`)
}
