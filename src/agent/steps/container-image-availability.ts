import type {
  ContainerImageAvailability,
  ContainerImageAvailabilityRequest,
  ContainerImageAvailabilityResponse
} from '../../api/generated/models.js'
import { parseModelArg } from './args.js'
import { failed, succeeded, type StepHandler } from './step.js'

/**
 * `container-image-availability`: a pull record per image. With the plan failure `image-unavailable` every pull
 * fails and the exit code is 2, with the complete output (which the service still parses).
 */
export const containerImageAvailabilityStep: StepHandler = {
  type: 'container-image-availability',
  deterministic: true,
  run(host, args) {
    const parsed = parseModelArg<ContainerImageAvailabilityRequest>(
      'image availability',
      args,
      1,
      'container_image_availability_request'
    )
    if (parsed.outcome) return parsed.outcome
    const unavailable = host.plan.failures.includes('image-unavailable')
    const images: ContainerImageAvailability[] = parsed.value.images.map(name =>
      unavailable
        ? { name, result: 'failure' }
        : { name, result: 'success', size_bytes: 400_000_000, time: 10, download_rate: 100 }
    )
    const response: ContainerImageAvailabilityResponse = { images }
    const output = JSON.stringify(response)
    if (unavailable) {
      return failed(2, `failed to pull images: ${parsed.value.images.join(', ')}: manifest unknown`, output)
    }
    return succeeded(output)
  }
}
