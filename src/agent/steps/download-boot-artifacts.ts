import { parseModelArg } from './args.js'
import { succeeded, type StepHandler } from './step.js'

/**
 * `download-boot-artifacts` (reclaim): writes the discovery kernel, initrd and a boot entry. The URLs are not
 * fetched (only loopback is ever contacted); the step reports what the real one prints on success.
 */
export const downloadBootArtifactsStep: StepHandler = {
  type: 'download-boot-artifacts',
  deterministic: false,
  run(_host, args) {
    const parsed = parseModelArg('download boot artifacts', args, 1, 'download_boot_artifacts_request')
    if (parsed.outcome) return parsed.outcome
    return succeeded('Successfully downloaded boot artifacts')
  }
}
