import { describe, expect, it } from '@jest/globals'
import { modelValidator, swaggerOperation, swaggerOperations } from './swagger.js'

describe('swagger contract access', () => {
  it('finds the agent-facing operations with their paths', () => {
    expect(swaggerOperation('v2RegisterHost')).toMatchObject({
      method: 'post',
      path: '/v2/infra-envs/{infra_env_id}/hosts'
    })
    expect(swaggerOperation('v2GetNextSteps')).toMatchObject({
      method: 'get',
      path: '/v2/infra-envs/{infra_env_id}/hosts/{host_id}/instructions'
    })
    expect(swaggerOperations().size).toBeGreaterThan(80)
  })

  it('validates models, rejecting unknown fields in strict mode only', () => {
    const strict = modelValidator({ rejectUnknownFields: true })
    const loose = modelValidator()
    expect(
      strict.validate('host-create-params', { host_id: '5b0f1d2e-7c1a-4f7e-9d43-2a6c1e8b7f10' })
    ).toEqual([])
    expect(strict.validate('host-create-params', { host_id: 'nope' })).toEqual([
      expect.stringMatching(/host_id must match format "uuid"/)
    ])
    expect(strict.validate('host-create-params', {})).toEqual([
      expect.stringMatching(/must have required property 'host_id'/)
    ])
    expect(
      strict.validate('host-create-params', { host_id: '5b0f1d2e-7c1a-4f7e-9d43-2a6c1e8b7f10', extra: 1 })
    ).toHaveLength(1)
    expect(
      loose.validate('host-create-params', { host_id: '5b0f1d2e-7c1a-4f7e-9d43-2a6c1e8b7f10', extra: 1 })
    ).toEqual([])
  })

  it('checks enums such as the step type and host stage', () => {
    const v = modelValidator()
    expect(
      v.validate('step-reply', { step_type: 'inventory', step_id: 'inventory-1a2b3c4d', output: '{}' })
    ).toEqual([])
    expect(v.validate('step-reply', { step_type: 'bogus', step_id: 'x' })).not.toEqual([])
    expect(
      v.validate('host-progress', { current_stage: 'Writing image to disk', progress_info: '50%' })
    ).toEqual([])
    expect(v.validate('host-progress', { current_stage: 'Writing the image' })).not.toEqual([])
  })

  it('accepts any JSON value where go-swagger generates interface{} (a bare object type)', () => {
    const v = modelValidator({ rejectUnknownFields: true })
    const report = {
      is_success: true,
      error_info: '',
      data: { CLUSTER_OPERATORS_REPORT: [{ name: 'console', status: 'available' }] }
    }
    expect(v.validate('completion-params', report)).toEqual([])
    expect(v.validate('completion-params', { data: {} })).toEqual([expect.stringMatching(/is_success/)])
  })
})
