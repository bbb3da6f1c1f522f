import {
  DEBUG,
  KUBECONFIG,
  PLAN,
  PULL_SECRET,
  PULL_SECRET_FILE,
  QUIET,
  RUN_DIR,
  RUN_ID,
  SERVICE_CONFIG,
  SHARD
} from './common.js'
import type { StageTable } from './options.js'

export const deployCrsTable: StageTable = {
  stage: 'deploy-crs',
  description:
    'Create the Kubernetes CRs of every cluster of a test plan on a hub (server-side apply, validated offline against the CRDs), or render them to files.',
  options: [
    PLAN,
    RUN_ID,
    RUN_DIR,
    SHARD,
    SERVICE_CONFIG,
    KUBECONFIG,
    {
      name: 'kube-context',
      description: 'Context of the kubeconfig to use (default: its current context).',
      kind: 'string'
    },
    PULL_SECRET,
    PULL_SECRET_FILE,
    {
      name: 'render',
      description:
        'Write the manifests into this directory instead of applying them (files are mode 0600: they hold the pull secret).',
      kind: 'path'
    },
    {
      name: 'teardown',
      description: 'Delete everything labelled with the run id instead of creating.',
      kind: 'boolean',
      default: 'false'
    },
    {
      name: 'wait',
      description:
        'Wait for every InfraEnv to get its discovery image: auto (only when a service writes InfraEnv status within 15 s), always, never. With teardown: wait until the objects are gone (auto and always) or not (never).',
      kind: 'enum',
      choices: ['auto', 'always', 'never'],
      default: 'auto'
    },
    {
      name: 'wait-timeout',
      description: 'Longest wait for the InfraEnv images (or, with teardown, for the objects to be gone).',
      kind: 'duration',
      default: '10m'
    },
    {
      name: 'concurrency',
      description: 'Requests in flight to the API server.',
      kind: 'integer',
      default: '16'
    },
    {
      name: 'bare-metal-hosts',
      description: 'Also create a BareMetalHost per host, labelled for its InfraEnv.',
      kind: 'boolean',
      default: 'false'
    },
    {
      name: 'auto-approve',
      description:
        'Set agentApproval.autoApprove on the InfraEnvs, so the service approves Agents instead of the swarm.',
      kind: 'boolean',
      default: 'false'
    },
    QUIET,
    DEBUG
  ],
  outputs: [
    { name: 'run-id', description: 'The run id.' },
    { name: 'objects', description: 'Number of objects applied (or rendered, or deleted).' },
    { name: 'infraenvs', description: 'JSON list of {namespace, name} of the InfraEnvs.' },
    {
      name: 'infraenvs-ready',
      description: 'How many InfraEnvs have their discovery image (0 when not waited for).'
    }
  ]
}
