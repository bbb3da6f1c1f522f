import { DEBUG, JSON_OUTPUT, QUIET, RUN_DIR, RUN_ID } from './common.js'
import type { StageTable } from './options.js'

export const collectResultsTable: StageTable = {
  stage: 'collect-results',
  description:
    'Compute the report of a run from its timelines (merging shards): report.json, summary.md, report.html, JUnit, logs archive; thresholds decide the exit status.',
  options: [
    {
      ...RUN_DIR,
      description:
        'Run directory holding the timelines; the results are written there. Default: runs/<run id>.',
      required: false
    },
    RUN_ID,
    {
      name: 'timelines',
      description: 'Extra timeline files or directories to merge (shards), comma or newline separated.',
      kind: 'list'
    },
    {
      name: 'thresholds',
      description:
        'Extra threshold expressions (k6 style, e.g. "p95(host.discovery_to_known) < 60s"), comma or newline separated; added to the thresholds of the run\'s plan.',
      kind: 'list'
    },
    {
      name: 'baseline',
      description:
        'An earlier report.json (or run directory) to compare with; deltas go in the summary and HTML.',
      kind: 'path'
    },
    {
      name: 'regression-tolerance',
      description:
        'Fail when a headline figure is worse than the baseline by more than this fraction (e.g. 0.2: 20 % slower, or a success rate 20 % lower); empty: show deltas, never fail on the baseline.',
      kind: 'number'
    },
    {
      name: 'fail-on-thresholds',
      description:
        'Exit non-zero (fail the step) when a threshold fails or a baseline regression exceeds the tolerance.',
      kind: 'boolean',
      default: 'true'
    },
    {
      name: 'upload-artifact',
      description: 'Upload the run directory as a workflow artifact (Actions only).',
      kind: 'boolean',
      default: 'false',
      cli: false
    },
    {
      name: 'artifact-name',
      description:
        'Artifact name; default assisted-swarm-<run id>. The run directory of one shard is uploaded as <name>-shard-<i>, a whole or merged run as <name>.',
      kind: 'string'
    },
    {
      name: 'download-shards',
      description:
        "Download every shard's artifact of this workflow run (<artifact-name>-shard-*) and merge their timelines (Actions only).",
      kind: 'boolean',
      default: 'false',
      cli: false
    },
    QUIET,
    JSON_OUTPUT,
    DEBUG
  ],
  outputs: [
    { name: 'report', description: 'Path of report.json.' },
    { name: 'summary', description: 'Path of summary.md.' },
    { name: 'html', description: 'Path of report.html.' },
    { name: 'junit', description: 'Path of junit.xml (one test case per threshold).' },
    { name: 'logs', description: 'Path of logs.tar.gz (timelines and logs, secrets scrubbed).' },
    {
      name: 'passed',
      description: '"true" when every threshold passed (and no regression beyond tolerance).'
    },
    {
      name: 'headline',
      description: 'JSON with the headline figures (clusters installed, p95 times, error rate).'
    },
    { name: 'artifact-name', description: 'Name of the uploaded artifact, if any.' }
  ]
}
