import {
  DEBUG,
  JSON_OUTPUT,
  KUBECONFIG,
  PLAN,
  PULL_SECRET,
  PULL_SECRET_FILE,
  QUIET,
  RUN_DIR,
  RUN_ID,
  SERVICE_CONFIG,
  SERVICE_TOKEN,
  SERVICE_URL,
  SHARD
} from './common.js'
import type { StageTable } from './options.js'

export const launchSwarmTable: StageTable = {
  stage: 'launch-swarm',
  description:
    'Drive a swarm of fake hosts from discovery to installed against assisted-service (REST or kube-api) or the embedded simulator, recording a timeline.',
  options: [
    PLAN,
    RUN_ID,
    RUN_DIR,
    SHARD,
    SERVICE_CONFIG,
    SERVICE_URL,
    KUBECONFIG,
    PULL_SECRET,
    PULL_SECRET_FILE,
    SERVICE_TOKEN,
    {
      name: 'agent-token',
      description:
        'X-Secret-Key the hosts send (the pull-secret token in the discovery ignition); default: read from each infra-env.',
      kind: 'secret',
      cli: { hidden: true },
      env: 'ASSISTED_SWARM_AGENT_TOKEN'
    },
    {
      name: 'driver',
      description:
        'What a host is: native (in-process TypeScript hosts), process (real agent binaries in dry-run), container (real agent images through podman).',
      kind: 'enum',
      choices: ['native', 'process', 'container'],
      default: 'native'
    },
    {
      name: 'binaries-dir',
      description: 'Directory with the patched agent, installer and controller binaries (process driver).',
      kind: 'path'
    },
    {
      name: 'discover-infraenvs',
      description:
        'Launch hosts for existing infra-envs instead of creating clusters: "all" or a name pattern ("swarm-*") over the REST list, or a label selector for kube-api InfraEnv CRs. They are paired with the plan\'s clusters in name order and only observed (no role changes, no install call).',
      kind: 'string'
    },
    {
      name: 'deadline',
      description:
        "Overrides the plan's deadline (e.g. 30m); clusters not installed by then count as failed.",
      kind: 'duration'
    },
    {
      name: 'cleanup',
      description: 'Delete the clusters and infra-envs this run created when it ends or is interrupted.',
      kind: 'boolean',
      default: 'false'
    },
    {
      name: 'progress-interval',
      description: 'Seconds between one-line progress summaries in CI logs.',
      kind: 'duration',
      default: '15s'
    },
    QUIET,
    JSON_OUTPUT,
    DEBUG
  ],
  outputs: [
    { name: 'run-id', description: 'The run id (pass it to the next stages).' },
    { name: 'run-dir', description: 'The run directory holding the timeline.' },
    { name: 'timeline', description: 'Path of the timeline (JSON lines).' },
    { name: 'clusters-installed', description: 'Clusters that reached installed.' },
    { name: 'clusters-failed', description: 'Clusters that failed or did not finish by the deadline.' },
    { name: 'hosts-installed', description: 'Hosts that reached installed.' }
  ]
}
