import { readFileSync } from 'node:fs'
import { ConfigurationError, errorMessage } from '../util/errors.js'
import { DEBUG, QUIET } from './common.js'
import type { OptionValues, StageTable } from './options.js'
import type { SimulatorOptions } from '../sim/options.js'
import type { FaultSettings } from '../sim/http/faults.js'
import { REAL_TIMINGS, type SimTimings } from '../sim/config/timings.js'
import { parseDuration } from '../util/duration.js'

/** `assisted-swarm sim`: the embedded assisted-service simulator as a standalone server. */
export const simTable: StageTable = {
  stage: 'sim',
  description:
    'Run the embedded assisted-service simulator as a standalone server (agent and user REST API, monitors, validations); prints its URL once ready. Ctrl-C saves the state file and stops.',
  options: [
    {
      name: 'host',
      description: 'Listen address (loopback only makes sense).',
      kind: 'string',
      default: '127.0.0.1',
      action: false
    },
    {
      name: 'port',
      description: 'Listen port (0 picks a free one).',
      kind: 'integer',
      default: '8090',
      action: false
    },
    {
      name: 'fast',
      description:
        'Test timings: monitors and agent polls every second (default: the real 8 s / 10 s / 60 s).',
      kind: 'boolean',
      default: 'false',
      action: false
    },
    {
      name: 'timings',
      description: `Timing overrides as name=duration pairs, e.g. hostMaxDisconnectionMs=30s,hostMonitorIntervalMs=500ms (names: ${Object.keys(
        REAL_TIMINGS
      )
        .filter(k => typeof (REAL_TIMINGS as unknown as Record<string, unknown>)[k] === 'number')
        .join(', ')}).`,
      kind: 'list',
      action: false
    },
    {
      name: 'state-file',
      description: 'State file: restored on start when it exists, saved periodically and on exit.',
      kind: 'path',
      action: false
    },
    {
      name: 'persist-interval',
      description: 'How often the state file is saved while running (0: only on exit).',
      kind: 'duration',
      default: '30s',
      action: false
    },
    {
      name: 'service-base-url',
      description:
        'SERVICE_BASE_URL given to agents (ignition, next-step runner). Default: the URL the simulator listens on.',
      kind: 'url',
      action: false
    },
    {
      name: 'image-service-base-url',
      description: 'IMAGE_SERVICE_BASE_URL for infra-env download URLs. Default: the simulator itself.',
      kind: 'url',
      action: false
    },
    {
      name: 'agent-image',
      description: 'AGENT_DOCKER_IMAGE: the agent version hosts must report.',
      kind: 'string',
      default: 'quay.io/edge-infrastructure/assisted-installer-agent:latest',
      action: false
    },
    {
      name: 'upgrade-agent',
      description: 'ENABLE_UPGRADE_AGENT: hosts reporting another agent version get only upgrade-agent.',
      kind: 'boolean',
      default: 'true',
      action: false
    },
    {
      name: 'release-images',
      description: 'RELEASE_IMAGES JSON file (default: 4.14 ... 4.22 for x86_64 and arm64).',
      kind: 'path',
      action: false
    },
    {
      name: 'os-images',
      description: 'OS_IMAGES JSON file (default: one per release version and architecture).',
      kind: 'path',
      action: false
    },
    {
      name: 'hw-requirements',
      description:
        'HW_VALIDATOR_REQUIREMENTS: a JSON file, or the JSON text itself (default: the shipped defaults).',
      kind: 'string',
      action: false
    },
    {
      name: 'single-node-dnsmasq',
      description: 'ENABLE_SINGLE_NODE_DNSMASQ: SNO hosts skip the api/apps DNS checks.',
      kind: 'boolean',
      default: 'true',
      action: false
    },
    {
      name: 'check-cluster-version',
      description: 'CHECK_CLUSTER_VERSION: adds the cvo monitored operator.',
      kind: 'boolean',
      default: 'false',
      action: false
    },
    {
      name: 'disabled-host-validations',
      description: 'DISABLED_HOST_VALIDATIONS (comma-separated ids).',
      kind: 'list',
      action: false
    },
    {
      name: 'disabled-cluster-validations',
      description: 'DISABLED_CLUSTER_VALIDATIONS (comma-separated ids).',
      kind: 'list',
      action: false
    },
    {
      name: 'disabled-steps',
      description: 'DISABLED_STEPS (comma-separated step types).',
      kind: 'list',
      action: false
    },
    {
      name: 'agent-key',
      description:
        'Require X-Secret-Key on agent routes; it is the PULL_SECRET_TOKEN in the discovery ignition (use a secret).',
      kind: 'secret',
      env: 'ASSISTED_SIM_AGENT_KEY',
      action: false
    },
    {
      name: 'user-token',
      description: 'Require Authorization: Bearer <token> on user routes (use a secret).',
      kind: 'secret',
      env: 'ASSISTED_SIM_USER_TOKEN',
      action: false
    },
    {
      name: 'kubeconfig',
      description:
        'kube-api mode: act on the CRs (ClusterDeployment, AgentClusterInstall, InfraEnv, NMStateConfig, Agent) of the API server of this kubeconfig like assisted-service does; agents then need the token of the discovery ignition and user routes are closed.',
      kind: 'path',
      action: false
    },
    {
      name: 'kube-context',
      description: 'kube-api mode: the kubeconfig context to use (default: the current one).',
      kind: 'string',
      action: false
    },
    {
      name: 'fault-latency',
      description: 'Added latency on every API request, e.g. 50ms.',
      kind: 'duration',
      action: false
    },
    {
      name: 'fault-latency-jitter',
      description: 'Extra random latency 0..this on every API request.',
      kind: 'duration',
      action: false
    },
    {
      name: 'fault-error-rate',
      description:
        'Injected errors: operationId=probability pairs, * for all, e.g. v2GetNextSteps=0.1,*=0.01.',
      kind: 'list',
      action: false
    },
    {
      name: 'fault-error-status',
      description: 'HTTP status of injected errors.',
      kind: 'integer',
      default: '503',
      action: false
    },
    {
      name: 'fault-drop-rate',
      description: 'Dropped connections (no reply): operationId=probability pairs, * for all.',
      kind: 'list',
      action: false
    },
    {
      name: 'body-limit',
      description: 'Largest accepted request body in bytes (413 beyond).',
      kind: 'integer',
      default: '33554432',
      action: false
    },
    {
      name: 'seed',
      description: 'Seed of the simulator random choices (fault injection).',
      kind: 'integer',
      default: '1',
      action: false
    },
    QUIET,
    DEBUG
  ],
  outputs: []
}

function readJsonFile(path: string, option: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new ConfigurationError(`--${option}: cannot read JSON from ${path}: ${errorMessage(error)}`)
  }
}

function rates(values: OptionValues, name: string): Record<string, number> | undefined {
  const pairs = values.list(name)
  if (!pairs.length) return undefined
  const out: Record<string, number> = {}
  for (const pair of pairs) {
    const [key, value] = pair.split('=')
    const rate = Number(value)
    if (!key || value === undefined || !Number.isFinite(rate) || rate < 0 || rate > 1) {
      throw new ConfigurationError(
        `--${name}: expected operationId=probability (0..1), got ${JSON.stringify(pair)}`
      )
    }
    out[key.trim()] = rate
  }
  return out
}

function timings(values: OptionValues): Partial<SimTimings> {
  const out: Record<string, number> = {}
  const known = new Set(Object.keys(REAL_TIMINGS))
  for (const pair of values.list('timings')) {
    const [key, value] = pair.split('=')
    const ms = value === undefined ? undefined : parseDuration(value)
    if (!key || !known.has(key.trim()) || ms === undefined) {
      throw new ConfigurationError(
        `--timings: expected name=duration with a known name, got ${JSON.stringify(pair)}`
      )
    }
    out[key.trim()] = ms
  }
  return out as Partial<SimTimings>
}

/** Simulator options from the `sim` table values (flags, environment, files). */
export function simOptions(values: OptionValues): SimulatorOptions {
  const hw = values.string('hw-requirements')
  const faults: FaultSettings = {}
  const latency = values.duration('fault-latency')
  if (latency) faults.latencyMs = latency
  const jitter = values.duration('fault-latency-jitter')
  if (jitter) faults.latencyJitterMs = jitter
  const errorRate = rates(values, 'fault-error-rate')
  if (errorRate) faults.errorRate = errorRate
  const dropRate = rates(values, 'fault-drop-rate')
  if (dropRate) faults.dropRate = dropRate
  faults.errorStatus = values.integer('fault-error-status', 400) ?? 503
  const releaseImages = values.string('release-images')
  const osImages = values.string('os-images')
  const stateFile = values.string('state-file')
  const serviceBaseUrl = values.string('service-base-url')
  const imageServiceBaseUrl = values.string('image-service-base-url')
  const agentKey = values.string('agent-key')
  const userToken = values.string('user-token')
  const kubeconfig = values.string('kubeconfig')
  const kubeContext = values.string('kube-context')
  return {
    ...(kubeconfig ? { kubeconfig } : {}),
    ...(kubeContext ? { kubeContext } : {}),
    host: values.requiredString('host'),
    port: values.integer('port', 0) ?? 8090,
    profile: values.boolean('fast') ? 'fast' : 'real',
    timings: timings(values),
    ...(stateFile ? { stateFile } : {}),
    persistIntervalMs: values.duration('persist-interval') ?? 30_000,
    ...(serviceBaseUrl ? { serviceBaseUrl } : {}),
    ...(imageServiceBaseUrl ? { imageServiceBaseUrl } : {}),
    agentImage: values.requiredString('agent-image'),
    enableUpgradeAgent: values.boolean('upgrade-agent'),
    ...(releaseImages
      ? { releaseImages: readJsonFile(releaseImages, 'release-images') as SimulatorOptions['releaseImages'] }
      : {}),
    ...(osImages ? { osImages: readJsonFile(osImages, 'os-images') as SimulatorOptions['osImages'] } : {}),
    ...(hw
      ? {
          hwRequirements: hw.trim().startsWith('[') ? hw : JSON.stringify(readJsonFile(hw, 'hw-requirements'))
        }
      : {}),
    enableSingleNodeDnsmasq: values.boolean('single-node-dnsmasq'),
    checkClusterVersion: values.boolean('check-cluster-version'),
    disabledHostValidations: values.list('disabled-host-validations'),
    disabledClusterValidations: values.list('disabled-cluster-validations'),
    disabledSteps: values.list('disabled-steps'),
    auth: { ...(agentKey ? { agentKey } : {}), ...(userToken ? { userToken } : {}) },
    faults,
    bodyLimitBytes: values.integer('body-limit', 1024) ?? 33_554_432,
    seed: values.integer('seed') ?? 1
  }
}
