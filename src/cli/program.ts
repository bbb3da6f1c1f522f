import { Command } from 'commander'
import { applyPatchesStage } from '../stages/apply-patches.js'
import { buildPushImagesStage } from '../stages/build-push-images.js'
import { collectResultsStage } from '../stages/collect-results.js'
import { deployCrsStage } from '../stages/deploy-crs.js'
import { launchSwarmStage } from '../stages/launch-swarm.js'
import { planCommand } from './commands/plan.js'
import { stageCommand } from './stage-command.js'
import { extraCommands } from './commands/extra.js'

export const EXIT_CODES_HELP = `
Exit codes:
  0    ok: the run completed and every threshold passed
  1    thresholds failed (or a regression beyond the baseline tolerance)
  2    bad input: invalid plan, option, input or file
  3    target unreachable: service, Kubernetes API or registry
  4    internal error (a bug: please report it with the log)
  130  interrupted (SIGINT/SIGTERM); everything recorded so far is kept`

/** The `assisted-swarm` command tree. */
export function buildProgram(): Command {
  const program = new Command('assisted-swarm')
    .description('Load-test OpenShift assisted-service with a swarm of fake hosts.')
    .version(process.env.npm_package_version ?? '0.1.0')
    .showHelpAfterError()
    .addHelpText('after', EXIT_CODES_HELP)
  program.addCommand(planCommand())
  for (const command of extraCommands()) program.addCommand(command)
  for (const stage of [
    applyPatchesStage,
    buildPushImagesStage,
    deployCrsStage,
    launchSwarmStage,
    collectResultsStage
  ]) {
    program.addCommand(stageCommand(stage))
  }
  return program
}
