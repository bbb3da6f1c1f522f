import { Command } from 'commander'
import { join } from 'node:path'
import { regenerateSeries } from '../../patches/regenerate.js'
import { createConsoleLogger } from '../../util/logging.js'

/**
 * `assisted-swarm regenerate-patches <component>`: rewrites a component's patch series from the commits of a
 * branch (`git format-patch`). The usual loop: apply-patches, then commit (or rebase -i) in the patched tree
 * runs/build/src/<component>, then regenerate-patches <component>.
 */
export function regeneratePatchesCommand(): Command {
  return new Command('regenerate-patches')
    .description(
      "Rewrite a component's patch series (patches/<component>/) from the commits of a branch, with git format-patch."
    )
    .argument('<component>', 'Component whose series is rewritten (agent, installer, controller).')
    .option('--components <path>', 'Components file.', 'components.yaml')
    .option(
      '--repo <path>',
      'Repository holding the commits. Default: the tree apply-patches made, <run-dir>/src/<component>.'
    )
    .option('-o, --out <path>', 'Run directory of apply-patches (for the default --repo).', 'runs/build')
    .option('--branch <ref>', 'Branch or commit whose commits become the series.', 'HEAD')
    .option(
      '--base <ref>',
      'Commit the series starts after. Default: the series base apply-patches recorded in the tree (refs/swarm/series-base).'
    )
    .option('--debug', 'Verbose logging.', false)
    .action(async (component: string, options: Record<string, string | boolean | undefined>) => {
      const logger = createConsoleLogger({ debug: Boolean(options.debug) })
      const result = await regenerateSeries(
        {
          componentsFile: String(options.components),
          component,
          repo: typeof options.repo === 'string' ? options.repo : join(String(options.out), 'src', component),
          branch: String(options.branch),
          ...(typeof options.base === 'string' ? { base: options.base } : {})
        },
        logger
      )
      process.stdout.write(result.patches.map(p => `${p}\n`).join(''))
    })
}
