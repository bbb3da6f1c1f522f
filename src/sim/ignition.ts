import { gunzipSync } from 'node:zlib'

/**
 * The discovery ignition: how a discovery ISO starts the agent. The real service (internal/ignition) renders an
 * Ignition 3.1.0 config whose `agent.service` systemd unit carries the agent's configuration:
 *   - `Environment=PULL_SECRET_TOKEN=<token>` (only when the auth mode has an agent token),
 *   - `ExecStart=/usr/local/bin/agent --url <SERVICE_BASE_URL> --infra-env-id <id> --agent-version <image>
 *      --insecure=<bool> [--cacert /etc/assisted-service/service-ca-cert.crt]`,
 * plus, when the service has a CA, a storage file at that path whose `contents.source` is a data URL of the PEM.
 * The simulator renders the same shape; `parseDiscoveryIgnition` reads both.
 */
export interface DiscoveryIgnitionInput {
  serviceBaseUrl: string
  infraEnvId: string
  agentImage: string
  pullSecretToken?: string
  pullSecret?: string
  sshAuthorizedKey?: string
  skipCertVerification?: boolean
  caCertPem?: string
  proxy?: { http_proxy?: string; https_proxy?: string; no_proxy?: string }
  agentTimeoutStartSec?: number
}

export const HOST_CA_CERT_PATH = '/etc/assisted-service/service-ca-cert.crt'

function dataUrl(text: string): string {
  return `data:text/plain;charset=utf-8;base64,${Buffer.from(text, 'utf8').toString('base64')}`
}

function agentUnit(input: DiscoveryIgnitionInput): string {
  const proxy = input.proxy ?? {}
  const http = (proxy.http_proxy ?? '').replace(/%/g, '%%')
  const https = (proxy.https_proxy ?? '').replace(/%/g, '%%')
  const noProxy = proxy.no_proxy ?? ''
  const image = input.agentImage
  const exec = [
    '/usr/local/bin/agent',
    '--url',
    input.serviceBaseUrl,
    '--infra-env-id',
    input.infraEnvId,
    '--agent-version',
    image,
    `--insecure=${input.skipCertVerification ? 'true' : 'false'}`,
    ...(input.caCertPem ? ['--cacert', HOST_CA_CERT_PATH] : [])
  ].join(' ')
  const lines = [
    '[Unit]',
    'Wants=network-online.target',
    'After=network-online.target',
    '',
    '[Service]',
    'Type=simple',
    'Restart=always',
    'RestartSec=3',
    'StartLimitInterval=0',
    `Environment=HTTP_PROXY=${http}`,
    `Environment=http_proxy=${http}`,
    `Environment=HTTPS_PROXY=${https}`,
    `Environment=https_proxy=${https}`,
    `Environment=NO_PROXY=${noProxy}`,
    `Environment=no_proxy=${noProxy}`,
    ...(input.pullSecretToken ? [`Environment=PULL_SECRET_TOKEN=${input.pullSecretToken}`] : []),
    `TimeoutStartSec=${input.agentTimeoutStartSec ?? 600}`,
    `ExecStartPre=/usr/local/bin/agent-fix-bz1964591 ${image}`,
    `ExecStartPre=/usr/local/bin/agent-pull-image ${image}`,
    `ExecStartPre=podman run --pull=never --privileged --rm -v /usr/local/bin:/hostbin ${image} cp /usr/bin/agent /hostbin`,
    `ExecStart=${exec}`,
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    ''
  ]
  return lines.join('\n')
}

const PULL_IMAGE_SCRIPT = `#!/usr/bin/sh
# Pull the agent image, retrying with a growing delay (simulator rendition).
podman image exists "$1" && exit 0
delay=5
until podman pull "$1"; do sleep $delay; [ $delay -lt 300 ] && delay=$((delay * 2)); done
`

const FIX_SCRIPT = `#!/usr/bin/sh
# Drop a corrupted copy of the agent image so it is pulled again (simulator rendition).
podman images | grep "$(echo "$1" | sed 's/[@:].*//')" || podman rmi --force "$1" || true
`

/** Renders the discovery ignition (JSON text) for an infra-env. */
export function renderDiscoveryIgnition(input: DiscoveryIgnitionInput): string {
  const file = (path: string, mode: number, source: string): Record<string, unknown> => ({
    overwrite: true,
    path,
    mode,
    user: { name: 'root' },
    contents: { source }
  })
  const files = [
    file('/usr/local/bin/agent-fix-bz1964591', 493, `data:,${encodeURIComponent(FIX_SCRIPT)}`),
    file('/usr/local/bin/agent-pull-image', 493, `data:,${encodeURIComponent(PULL_IMAGE_SCRIPT)}`),
    file(
      '/etc/motd',
      420,
      `data:,${encodeURIComponent('This host is being installed by the OpenShift Assisted Installer (simulated). Watch agent.service.\n')}`
    ),
    file(
      '/etc/NetworkManager/conf.d/01-ipv6.conf',
      420,
      `data:,${encodeURIComponent('[connection]\nipv6.dhcp-duid=ll\nipv6.dhcp-iaid=mac\n')}`
    ),
    file('/root/.docker/config.json', 420, `data:,${encodeURIComponent(input.pullSecret ?? '')}`),
    ...(input.caCertPem ? [file(HOST_CA_CERT_PATH, 420, dataUrl(input.caCertPem))] : [])
  ]
  const ignition = {
    ignition: { version: '3.1.0' },
    passwd: {
      users: [
        {
          name: 'core',
          groups: ['sudo'],
          ...(input.sshAuthorizedKey ? { sshAuthorizedKeys: [input.sshAuthorizedKey] } : {})
        }
      ]
    },
    systemd: {
      units: [
        { name: 'agent.service', enabled: true, contents: agentUnit(input) },
        {
          name: 'selinux.service',
          enabled: true,
          contents: '[Service]\nType=oneshot\nExecStart=/bin/true\n\n[Install]\nWantedBy=multi-user.target\n'
        },
        { name: 'multipathd.service', enabled: true }
      ]
    },
    storage: { files }
  }
  return JSON.stringify(ignition)
}

export interface DiscoveryAgentConfig {
  /** `--url` of the agent: the service base URL (without /api/assisted-install). */
  serviceUrl: string
  infraEnvId: string
  /** PULL_SECRET_TOKEN: what the agent sends as X-Secret-Key (absent with AUTH_TYPE=none). */
  pullSecretToken?: string
  /** The PEM the agent trusts (`--cacert`), when the ignition carries it. */
  caCertPem?: string
  /** `--agent-version`: the agent image the service expects. */
  agentVersion?: string
  /** `--insecure`. */
  insecure?: boolean
}

/** Splits a systemd command line into words, honouring double and single quotes. */
function words(line: string): string[] {
  const out: string[] = []
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g
  for (let m = re.exec(line); m; m = re.exec(line))
    out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]!))
  return out
}

function flag(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a === `--${name}` || a === `-${name}`) return args[i + 1]
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3)
    if (a.startsWith(`-${name}=`)) return a.slice(name.length + 2)
  }
  return undefined
}

/** Decodes an Ignition `contents` object: a data URL (base64 or percent-encoded), optionally gzip-compressed. */
function decodeContents(contents: { source?: string; compression?: string } | undefined): string | undefined {
  const source = contents?.source
  if (!source || !source.startsWith('data:')) return undefined
  const comma = source.indexOf(',')
  if (comma < 0) return undefined
  const meta = source.slice(5, comma)
  const payload = source.slice(comma + 1)
  let bytes = meta.endsWith(';base64')
    ? Buffer.from(payload, 'base64')
    : Buffer.from(decodeURIComponent(payload), 'utf8')
  if (contents?.compression === 'gzip') bytes = gunzipSync(bytes)
  return bytes.toString('utf8')
}

interface IgnitionShape {
  systemd?: { units?: { name?: string; contents?: string }[] }
  storage?: { files?: { path?: string; contents?: { source?: string; compression?: string } }[] }
}

/**
 * Reads the agent configuration out of a discovery ignition, from the real service or the simulator: the
 * `agent.service` unit's ExecStart flags and PULL_SECRET_TOKEN, and the CA file the `--cacert` flag names.
 * Throws an Error naming what is missing when the ignition does not start an agent.
 */
export function parseDiscoveryIgnition(ignition: string | object): DiscoveryAgentConfig {
  let parsed: IgnitionShape
  try {
    parsed = (typeof ignition === 'string' ? JSON.parse(ignition) : ignition) as IgnitionShape
  } catch (error) {
    throw new Error(`discovery ignition is not JSON: ${(error as Error).message}`)
  }
  const units = parsed.systemd?.units ?? []
  const unit =
    units.find(u => u.name === 'agent.service' && u.contents) ??
    units.find(u => /ExecStart=\S*agent\s[^\n]*--infra-env-id/.test(u.contents ?? ''))
  if (!unit?.contents) throw new Error('discovery ignition has no agent.service unit with contents')
  const lines = unit.contents.split(/\r?\n/)
  const execLine = lines.map(l => l.trim()).find(l => /^ExecStart=/.test(l) && /--infra-env-id/.test(l))
  if (!execLine) throw new Error('agent.service has no ExecStart line with --infra-env-id')
  const args = words(execLine.replace(/^ExecStart=[-@+!:]*/, ''))
  const serviceUrl = flag(args, 'url')
  const infraEnvId = flag(args, 'infra-env-id')
  if (!serviceUrl) throw new Error('agent.service ExecStart has no --url')
  if (!infraEnvId) throw new Error('agent.service ExecStart has no --infra-env-id')
  let token: string | undefined
  for (const raw of lines) {
    const line = raw.trim()
    if (!line.startsWith('Environment=')) continue
    for (const assignment of words(line.slice('Environment='.length))) {
      const eq = assignment.indexOf('=')
      if (eq > 0 && assignment.slice(0, eq) === 'PULL_SECRET_TOKEN') token = assignment.slice(eq + 1)
    }
  }
  const config: DiscoveryAgentConfig = { serviceUrl: serviceUrl.replace(/\/+$/, ''), infraEnvId }
  if (token) config.pullSecretToken = token
  const version = flag(args, 'agent-version')
  if (version) config.agentVersion = version
  const insecure = flag(args, 'insecure')
  const insecureBare = args.includes('--insecure') || args.includes('-insecure')
  if (insecure !== undefined && insecure !== '' && !insecure.startsWith('-'))
    config.insecure = insecure === 'true'
  else if (insecureBare) config.insecure = true
  const caPath = flag(args, 'cacert')
  if (caPath) {
    const file = (parsed.storage?.files ?? []).find(f => f.path === caPath)
    const pem = decodeContents(file?.contents)
    if (pem) config.caCertPem = pem
  }
  return config
}
