import type { OptionSpec } from './options.js'

/** Options several stages share, so their names and descriptions are identical everywhere. */
export const PLAN: OptionSpec = {
  name: 'plan',
  description: 'Test plan file (YAML or JSON); see schemas/test-plan.schema.json.',
  kind: 'path',
  required: true,
  cli: { positional: true }
}

export const RUN_ID: OptionSpec = {
  name: 'run-id',
  description:
    'Run id: every cluster and host id derives from it, so shards and re-runs agree. Default: <plan name>-<GITHUB_RUN_ID> in Actions, <plan name>-<UTC time> in a shell.',
  kind: 'string'
}

export const RUN_DIR: OptionSpec = {
  name: 'run-dir',
  description: 'Run directory for the timeline, logs and reports. Default: runs/<run id>.',
  kind: 'path',
  cli: { flag: 'out', short: '-o' }
}

export const SHARD: OptionSpec = {
  name: 'shard',
  description: 'Part of the plan to run, i/N with 0 <= i < N: keeps clusters whose index is i mod N.',
  kind: 'string',
  default: '0/1'
}

export const SERVICE_CONFIG: OptionSpec = {
  name: 'service-config',
  description:
    "The original swarm's service config (service_endpoint, ssh_pub_key, pull_secret_file, release_image), for plans in its format.",
  kind: 'path'
}

export const SERVICE_URL: OptionSpec = {
  name: 'service',
  description:
    'assisted-service base URL (e.g. http://127.0.0.1:8090). Overrides the plan target; without one the embedded simulator is used.',
  kind: 'url',
  env: 'ASSISTED_SERVICE_URL'
}

export const KUBECONFIG: OptionSpec = {
  name: 'kubeconfig',
  description: 'Path of the hub kubeconfig (kube-api target). Never logged.',
  kind: 'path',
  env: 'KUBECONFIG'
}

export const PULL_SECRET: OptionSpec = {
  name: 'pull-secret',
  description:
    'Pull secret JSON (use a secret). Masked as soon as it is read; never logged or stored in artifacts.',
  kind: 'secret',
  cli: { hidden: true },
  env: 'ASSISTED_SWARM_PULL_SECRET'
}

export const PULL_SECRET_FILE: OptionSpec = {
  name: 'pull-secret-file',
  description: 'File holding the pull secret (instead of pull-secret).',
  kind: 'path'
}

export const SERVICE_TOKEN: OptionSpec = {
  name: 'service-token',
  description: 'Bearer token for the user API of the service, when it requires one (use a secret).',
  kind: 'secret',
  cli: { hidden: true },
  env: 'ASSISTED_SERVICE_TOKEN'
}

export const QUIET: OptionSpec = {
  name: 'quiet',
  description: 'Print only warnings, errors and the final summary.',
  kind: 'boolean',
  default: 'false',
  cli: { short: '-q' }
}

export const JSON_OUTPUT: OptionSpec = {
  name: 'json',
  description: 'Print machine-readable JSON lines instead of the live view (for scripts).',
  kind: 'boolean',
  default: 'false',
  action: false
}

export const DEBUG: OptionSpec = {
  name: 'debug',
  description: 'Verbose logging.',
  kind: 'boolean',
  default: 'false',
  action: false
}
