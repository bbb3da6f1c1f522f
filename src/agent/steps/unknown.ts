import { failed, type StepHandler } from './step.js'

/** A step type with no action in the agent (`execute`, `next-step-runner`, anything new): -1 and an error. */
export function unknownStep(type: string): StepHandler {
  return {
    type,
    deterministic: false,
    run: () => failed(-1, `failed to find action for step type ${type}`)
  }
}
