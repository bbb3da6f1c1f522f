/**
 * Every error the simulator answers with, in one catalogue (the fastify `lib/errors.js` pattern): a stable
 * `SIM_ERR_*` code, the HTTP status the real assisted-service uses in that situation, and a message template
 * whose `%s` placeholders are filled in order. docs/simulator.md lists the same table; a test keeps them in step.
 *
 * The body is the swagger `error` model (`{kind: "Error", id, href, code, reason}`), except 401/403 which use
 * `infra_error` (`{code, message}`), as the real service's security middleware does.
 */
export interface SimErrorSpec {
  code: string
  status: number
  message: string
}

function spec(code: string, status: number, message: string): SimErrorSpec {
  return { code, status, message }
}

export const SIM_ERRORS = {
  // Request shape (HTTP layer)
  BAD_REQUEST: spec('SIM_ERR_BAD_REQUEST', 400, 'invalid request: %s'),
  INVALID_JSON: spec('SIM_ERR_INVALID_JSON', 400, 'the request body is not valid JSON: %s'),
  BODY_TOO_LARGE: spec('SIM_ERR_BODY_TOO_LARGE', 413, 'the request body is larger than %s bytes'),
  UNSUPPORTED_MEDIA_TYPE: spec('SIM_ERR_UNSUPPORTED_MEDIA_TYPE', 415, 'unsupported content type %s'),
  NOT_ACCEPTABLE_DOWNLOAD: spec(
    'SIM_ERR_DOWNLOAD_ACCEPT',
    400,
    'downloads need the header Accept: application/octet-stream'
  ),
  ROUTE_NOT_FOUND: spec('SIM_ERR_ROUTE_NOT_FOUND', 404, 'path %s %s not found'),
  METHOD_NOT_ALLOWED: spec('SIM_ERR_METHOD_NOT_ALLOWED', 405, 'method %s not allowed on %s'),
  NOT_IMPLEMENTED: spec(
    'SIM_ERR_NOT_IMPLEMENTED',
    501,
    '%s %s is part of the contract but not implemented by the simulator'
  ),
  UNAUTHORIZED: spec('SIM_ERR_UNAUTHORIZED', 401, 'unauthenticated for invalid credentials'),
  // Missing resources
  CLUSTER_NOT_FOUND: spec('SIM_ERR_CLUSTER_NOT_FOUND', 404, 'cluster %s not found'),
  INFRA_ENV_NOT_FOUND: spec('SIM_ERR_INFRA_ENV_NOT_FOUND', 404, 'infra-env %s not found'),
  HOST_NOT_FOUND: spec('SIM_ERR_HOST_NOT_FOUND', 404, 'host %s not found in infra-env %s'),
  OPERATOR_NOT_FOUND: spec(
    'SIM_ERR_OPERATOR_NOT_FOUND',
    404,
    'monitored operator %s not found in cluster %s'
  ),
  // Bad input that passed the schema
  INVALID_PULL_SECRET: spec('SIM_ERR_INVALID_PULL_SECRET', 400, 'invalid pull secret: %s'),
  UNSUPPORTED_VERSION: spec(
    'SIM_ERR_UNSUPPORTED_VERSION',
    400,
    'OpenShift version %s for CPU architecture %s is not supported'
  ),
  NO_OS_IMAGE: spec(
    'SIM_ERR_NO_OS_IMAGE',
    400,
    'no OS image for OpenShift version %s and CPU architecture %s'
  ),
  INVALID_CLUSTER_PARAMS: spec('SIM_ERR_INVALID_CLUSTER_PARAMS', 400, '%s'),
  INVALID_HOST_PARAMS: spec('SIM_ERR_INVALID_HOST_PARAMS', 400, '%s'),
  INVALID_STEP_OUTPUT: spec('SIM_ERR_INVALID_STEP_OUTPUT', 400, 'cannot decode the %s output: %s'),
  INVALID_INGRESS_CERT: spec(
    'SIM_ERR_INVALID_INGRESS_CERT',
    400,
    'the ingress CA is not a valid PEM certificate: %s'
  ),
  INGRESS_CERT_WRONG_STATE: spec(
    'SIM_ERR_INGRESS_CERT_WRONG_STATE',
    400,
    'cluster %s is in %s; the ingress CA is accepted only in finalizing or installed'
  ),
  BOOT_ORDER: spec('SIM_ERR_BOOT_ORDER', 400, 'Host is required to be booted from disk %s'),
  INFRA_ENV_BOUND: spec(
    'SIM_ERR_INFRA_ENV_BOUND',
    400,
    'infra-env %s is bound to cluster %s; %s works only for late-binding infra-envs'
  ),
  // Wrong state
  CLUSTER_CANNOT_ACCEPT_HOSTS: spec(
    'SIM_ERR_CLUSTER_CANNOT_ACCEPT_HOSTS',
    409,
    'Cannot add hosts to cluster %s in status %s'
  ),
  CLUSTER_ALREADY_INSTALLED: spec(
    'SIM_ERR_CLUSTER_ALREADY_INSTALLED',
    409,
    'Cannot register host %s: the cluster has already been installed; the host may be booting from the discovery ISO instead of its disk, fix the boot order'
  ),
  HOST_ALREADY_INSTALLED: spec(
    'SIM_ERR_HOST_ALREADY_INSTALLED',
    409,
    'Host %s is registering after the cluster has already been installed; it may be booting from the discovery ISO, fix the boot order'
  ),
  CLUSTER_NOT_READY: spec(
    'SIM_ERR_CLUSTER_NOT_READY',
    409,
    'cluster %s is not ready to install (status %s: %s)'
  ),
  CLUSTER_WRONG_STATE: spec('SIM_ERR_CLUSTER_WRONG_STATE', 409, 'cannot %s cluster %s in status %s'),
  HOST_WRONG_STATE: spec('SIM_ERR_HOST_WRONG_STATE', 409, 'cannot %s host %s in status %s'),
  PROGRESS_WRONG_STATE: spec(
    'SIM_ERR_PROGRESS_WRONG_STATE',
    409,
    "can't update progress of host %s in status %s"
  ),
  PROGRESS_STAGE_INVALID: spec(
    'SIM_ERR_PROGRESS_STAGE',
    409,
    'stage %s is not valid for host %s (current stage %s, role stages: %s)'
  ),
  DOWNLOAD_NOT_READY: spec(
    'SIM_ERR_DOWNLOAD_NOT_READY',
    409,
    '%s is not available for cluster %s in status %s'
  ),
  NOT_DAY2: spec('SIM_ERR_NOT_DAY2', 409, 'Method only allowed when adding hosts to an existing cluster'),
  INFRA_ENV_HAS_HOSTS: spec('SIM_ERR_INFRA_ENV_HAS_HOSTS', 409, 'infra-env %s still has %s hosts'),
  // The real service answers these with 500 (an internal 409 re-wrapped)
  INVENTORY_WRONG_STATE: spec(
    'SIM_ERR_INVENTORY_WRONG_STATE',
    500,
    'host %s: inventory is not accepted in status %s'
  ),
  // Fault injection
  INJECTED_FAULT: spec('SIM_ERR_INJECTED_FAULT', 503, 'injected fault on %s'),
  INTERNAL: spec('SIM_ERR_INTERNAL', 500, 'internal error: %s')
} as const satisfies Record<string, SimErrorSpec>

export type SimErrorName = keyof typeof SIM_ERRORS

/** An error with a catalogue entry; the HTTP layer turns it into the real service's body and status. */
export class SimError extends Error {
  readonly code: string
  readonly status: number

  constructor(
    readonly spec: SimErrorSpec,
    ...args: (string | number | undefined)[]
  ) {
    super(formatMessage(spec.message, args))
    this.name = 'SimError'
    this.code = spec.code
    this.status = spec.status
  }
}

export function simError(name: SimErrorName, ...args: (string | number | undefined)[]): SimError {
  return new SimError(SIM_ERRORS[name], ...args)
}

function formatMessage(template: string, args: (string | number | undefined)[]): string {
  let i = 0
  return template.replace(/%s/g, () => String(args[i++] ?? ''))
}

/** The header carrying the `SIM_ERR_*` code, so the body keeps exactly the real service's shape. */
export const SIM_ERROR_HEADER = 'x-sim-error-code'

/** The swagger `error` body (or `infra_error` for 401/403), as the real service writes it. */
export function errorBody(status: number, reason: string): Record<string, unknown> {
  if (status === 401 || status === 403) return { code: status, message: reason }
  return { kind: 'Error', id: status, href: '', code: String(status), reason }
}
