import { DEBUG, QUIET, RUN_DIR } from './common.js'
import type { StageTable } from './options.js'

export const applyPatchesTable: StageTable = {
  stage: 'apply-patches',
  description:
    "Fetch the upstream agent, installer and controller at their pinned refs and apply this project's patch series, with a per-patch report and a cache of the patched trees.",
  options: [
    {
      name: 'components',
      description: 'Components file listing upstream repos, pinned refs and patch series.',
      kind: 'path',
      default: 'components.yaml'
    },
    {
      name: 'only',
      description: 'Components to process (comma separated); default: all.',
      kind: 'list'
    },
    {
      name: 'check',
      description:
        'Try every patch and report all results instead of stopping at the first failure (pull-request mode).',
      kind: 'boolean',
      default: 'false'
    },
    {
      name: 'work-dir',
      description: 'Where the patched trees are written. Default: <run-dir>/src.',
      kind: 'path'
    },
    {
      name: 'cache-dir',
      description: 'Local cache of patched trees (CLI). In Actions, @actions/cache is used as well.',
      kind: 'path',
      env: 'ASSISTED_SWARM_CACHE'
    },
    RUN_DIR,
    QUIET,
    DEBUG
  ],
  outputs: [
    { name: 'trees', description: 'JSON map component → patched tree directory.' },
    { name: 'report', description: 'Path of the per-patch report (JSON).' },
    { name: 'cache-hit', description: '"true" when every tree came from the cache.' },
    { name: 'failed-patches', description: 'Number of patches that did not apply.' }
  ]
}
