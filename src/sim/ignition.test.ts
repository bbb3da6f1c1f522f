import { describe, expect, it } from '@jest/globals'
import { gzipSync } from 'node:zlib'
import { parseDiscoveryIgnition, renderDiscoveryIgnition } from './ignition.js'

const CA = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUsimulated\n-----END CERTIFICATE-----\n'
const IE = '3f1c0d2a-8b7e-4c61-9a55-0d6f2e1b7c42'
const TOKEN = 'eyJhbGciOiJFUzI1NiJ9.eyJpbmZyYV9lbnZfaWQiOiIzZjFjMGQyYSJ9.c2lnbmF0dXJl'

/**
 * A discovery ignition laid out like the real service's template (internal/ignition/templates/discovery.ign and
 * agent.service at 063b2579): the unit keys, their order and the storage entry for the CA follow that template;
 * values are made up. Written by hand for this test.
 */
function realShapedIgnition(opts: { token?: string; ca?: boolean; gzipCa?: boolean } = {}): string {
  const unit = [
    '[Service]',
    'Type=simple',
    'Restart=always',
    'RestartSec=3',
    'StartLimitInterval=0',
    'Environment=HTTP_PROXY=',
    'Environment=http_proxy=',
    'Environment=HTTPS_PROXY=',
    'Environment=https_proxy=',
    'Environment=NO_PROXY=',
    'Environment=no_proxy=',
    ...(opts.token ? [`Environment=PULL_SECRET_TOKEN=${opts.token}`] : []),
    'TimeoutStartSec=600',
    'ExecStartPre=/usr/local/bin/agent-fix-bz1964591 registry.example.com/edge/agent:v2.40',
    'ExecStartPre=/usr/local/bin/agent-pull-image registry.example.com/edge/agent:v2.40',
    'ExecStartPre=podman run --pull=never --privileged --rm -v /usr/local/bin:/hostbin registry.example.com/edge/agent:v2.40 cp /usr/bin/agent /hostbin',
    `ExecStart=/usr/local/bin/agent --url https://assisted.example.com:8090 --infra-env-id ${IE} --agent-version registry.example.com/edge/agent:v2.40 --insecure=false ${opts.ca ? '--cacert /etc/assisted-service/service-ca-cert.crt' : ''}`,
    '',
    '[Unit]',
    'Wants=network-online.target',
    'After=network-online.target',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    ''
  ].join('\n')
  const caSource = opts.gzipCa
    ? `data:;base64,${gzipSync(Buffer.from(CA)).toString('base64')}`
    : `data:text/plain;charset=utf-8;base64,${Buffer.from(CA).toString('base64')}`
  return JSON.stringify({
    ignition: { version: '3.1.0' },
    passwd: { users: [{ groups: ['sudo'], name: 'core', sshAuthorizedKeys: ['ssh-ed25519 AAAA test'] }] },
    systemd: {
      units: [
        { name: 'agent.service', enabled: true, contents: unit },
        { name: 'selinux.service', enabled: true, contents: '[Service]\nType=oneshot\n' },
        { name: 'multipathd.service', enabled: true }
      ]
    },
    storage: {
      files: [
        {
          overwrite: true,
          path: '/usr/local/bin/agent-pull-image',
          mode: 493,
          user: { name: 'root' },
          contents: { source: 'data:,%23!%2Fusr%2Fbin%2Fsh' }
        },
        {
          overwrite: true,
          path: '/root/.docker/config.json',
          mode: 420,
          user: { name: 'root' },
          contents: { source: 'data:,%7B%22auths%22%3A%7B%7D%7D' }
        },
        ...(opts.ca
          ? [
              {
                path: '/etc/assisted-service/service-ca-cert.crt',
                mode: 420,
                overwrite: true,
                user: { name: 'root' },
                contents: { source: caSource, ...(opts.gzipCa ? { compression: 'gzip' } : {}) }
              }
            ]
          : [])
      ]
    }
  })
}

describe('parseDiscoveryIgnition', () => {
  it('reads a real-shaped ignition with token and CA', () => {
    expect(parseDiscoveryIgnition(realShapedIgnition({ token: TOKEN, ca: true }))).toEqual({
      serviceUrl: 'https://assisted.example.com:8090',
      infraEnvId: IE,
      pullSecretToken: TOKEN,
      caCertPem: CA,
      agentVersion: 'registry.example.com/edge/agent:v2.40',
      insecure: false
    })
  })

  it('reads an AUTH_TYPE=none ignition (no token, no CA)', () => {
    const config = parseDiscoveryIgnition(realShapedIgnition())
    expect(config.pullSecretToken).toBeUndefined()
    expect(config.caCertPem).toBeUndefined()
    expect(config.infraEnvId).toBe(IE)
  })

  it('decodes a gzip-compressed CA and accepts an already parsed object', () => {
    const config = parseDiscoveryIgnition(
      JSON.parse(realShapedIgnition({ ca: true, gzipCa: true })) as object
    )
    expect(config.caCertPem).toBe(CA)
  })

  it('handles quoted Environment lines and --flag=value forms', () => {
    const ign = JSON.parse(realShapedIgnition()) as { systemd: { units: { contents?: string }[] } }
    ign.systemd.units[0]!.contents =
      '[Service]\nEnvironment="PULL_SECRET_TOKEN=abc def" "OTHER=1"\nExecStart=/usr/local/bin/agent --url=http://10.0.0.1:8090/ --infra-env-id=' +
      IE +
      ' --insecure\n'
    const config = parseDiscoveryIgnition(ign)
    expect(config).toMatchObject({
      serviceUrl: 'http://10.0.0.1:8090',
      infraEnvId: IE,
      pullSecretToken: 'abc def',
      insecure: true
    })
  })

  it('round-trips what the simulator renders', () => {
    const text = renderDiscoveryIgnition({
      serviceBaseUrl: 'http://127.0.0.1:8090',
      infraEnvId: IE,
      agentImage: 'quay.io/edge-infrastructure/assisted-installer-agent:latest',
      pullSecretToken: 'secret-key',
      pullSecret: '{"auths":{}}',
      caCertPem: CA,
      skipCertVerification: true
    })
    expect(parseDiscoveryIgnition(text)).toEqual({
      serviceUrl: 'http://127.0.0.1:8090',
      infraEnvId: IE,
      pullSecretToken: 'secret-key',
      caCertPem: CA,
      agentVersion: 'quay.io/edge-infrastructure/assisted-installer-agent:latest',
      insecure: true
    })
  })

  it('names what is missing', () => {
    expect(() => parseDiscoveryIgnition('{')).toThrow(/not JSON/)
    expect(() => parseDiscoveryIgnition({ systemd: { units: [] } })).toThrow(/no agent.service/)
    expect(() =>
      parseDiscoveryIgnition({
        systemd: {
          units: [{ name: 'agent.service', contents: 'ExecStart=/usr/local/bin/agent --infra-env-id x' }]
        }
      })
    ).toThrow(/--url/)
  })
})
