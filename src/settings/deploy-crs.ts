import { DEBUG, KUBECONFIG, PLAN, PULL_SECRET, PULL_SECRET_FILE, QUIET, RUN_DIR, RUN_ID, SERVICE_CONFIG, SHARD } from './common.js'
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
    PULL_SECRET,
    PULL_SECRET_FILE,
    {
      name: 'render',
      description: 'Write the manifests into this directory instead of applying them.',
      kind: 'path'
    },
    {
      name: 'teardown',
      description: 'Delete everything labelled with the run id instead of creating.',
      kind: 'boolean',
      default: 'false'
    },
    {
      name: 'wait-timeout',
      description: 'Wait this long for every InfraEnv to get its image URL (0 = do not wait).',
      kind: 'duration',
      default: '0s'
    },
    {
      name: 'concurrency',
      description: 'Objects applied in parallel.',
      kind: 'integer',
      default: '16'
    },
    QUIET,
    DEBUG
  ],
  outputs: [
    { name: 'run-id', description: 'The run id.' },
    { name: 'objects', description: 'Number of objects applied (or rendered, or deleted).' },
    { name: 'infraenvs', description: 'JSON list of {namespace, name} of the InfraEnvs.' }
  ]
}
