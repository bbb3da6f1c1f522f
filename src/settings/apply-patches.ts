import { DEBUG, QUIET } from './common.js'
import type { OptionSpec, StageTable } from './options.js'

/** Run directory of the build stages: apply-patches writes the trees under it, build-push-images finds them there. */
export const BUILD_RUN_DIR: OptionSpec = {
  name: 'run-dir',
  description:
    'Directory for the patched trees (<run-dir>/src/<component>), reports and build logs. Default: runs/build.',
  kind: 'path',
  default: 'runs/build',
  cli: { flag: 'out', short: '-o' }
}

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
      name: 'upstream',
      description:
        'Replace upstream sources, component=url[#ref] (comma separated), e.g. agent=../shared/upstream/sources/assisted-installer-agent.bundle. A copy whose tree is the pinned tree is accepted.',
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
      description:
        'Where the patched trees are written, one directory per component. Default: <run-dir>/src.',
      kind: 'path'
    },
    {
      name: 'cache-dir',
      description:
        'Local cache of patched trees. Default: ~/.cache/assisted-swarm/patched-trees on the CLI; in Actions, @actions/cache unless this is given.',
      kind: 'path',
      env: 'ASSISTED_SWARM_CACHE'
    },
    {
      name: 'cache',
      description: 'Restore and store patched trees in the cache (check mode never does).',
      kind: 'boolean',
      default: 'true'
    },
    BUILD_RUN_DIR,
    QUIET,
    DEBUG
  ],
  outputs: [
    { name: 'trees', description: 'JSON map component → patched tree directory.' },
    { name: 'report', description: 'Path of the per-patch report (JSON); report.md beside it.' },
    { name: 'cache-hit', description: '"true" when every tree came from the cache.' },
    { name: 'failed-patches', description: 'Number of patches that did not apply.' }
  ]
}
