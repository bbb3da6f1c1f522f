import type { TangConnectivityRequest, TangConnectivityResponse } from '../../api/generated/models.js'
import { hash53 } from '../hash.js'
import { parseModelArg } from './args.js'
import { failed, succeeded, type StepHandler } from './step.js'

const b64url = (text: string): string => Buffer.from(text).toString('base64url')

/**
 * `tang-connectivity-check`: `GET <url>/adv/<thumbprint>` per tang server. The servers are not contacted; each
 * answers with a well-formed JWS advertisement (a signing and an exchange key) derived from its URL.
 */
export const tangConnectivityCheckStep: StepHandler = {
  type: 'tang-connectivity-check',
  deterministic: true,
  run(_host, args) {
    const parsed = parseModelArg<TangConnectivityRequest>(
      'tang connectivity check',
      args,
      1,
      'tang_connectivity_request'
    )
    if (parsed.outcome) return parsed.outcome
    let servers: { url?: string; thumbprint?: string }[]
    try {
      servers = JSON.parse(parsed.value.tang_servers) as { url?: string; thumbprint?: string }[]
      if (!Array.isArray(servers)) throw new Error('tang_servers is not a list')
    } catch (error) {
      return failed(
        -1,
        `failed to parse tang servers: ${(error as Error).message}`,
        JSON.stringify({ is_success: false })
      )
    }
    const response: TangConnectivityResponse = {
      is_success: true,
      tang_server_response: servers.map(server => {
        const seed = hash53(server.url ?? '').toString(36)
        const keys = {
          keys: [
            {
              alg: 'ES512',
              crv: 'P-521',
              key_ops: ['verify'],
              kty: 'EC',
              x: b64url(`x-sig-${seed}`),
              y: b64url(`y-sig-${seed}`)
            },
            {
              alg: 'ECMR',
              crv: 'P-521',
              key_ops: ['deriveKey'],
              kty: 'EC',
              x: b64url(`x-exc-${seed}`),
              y: b64url(`y-exc-${seed}`)
            }
          ]
        }
        return {
          tang_url: server.url ?? '',
          payload: b64url(JSON.stringify(keys)),
          signatures: [
            {
              protected: b64url('{"alg":"ES512","cty":"jwk-set+json"}'),
              signature: b64url(`sig-${seed}-${server.thumbprint ?? ''}`)
            }
          ]
        }
      })
    }
    return succeeded(JSON.stringify(response))
  }
}
