/* eslint-disable @typescript-eslint/no-explicit-any -- specs are deep untyped JSON; the tests poke into them */
import { describe, expect, it } from '@jest/globals'
import { ConfigurationError } from '../util/errors.js'
import { PLACEHOLDER_PULL_SECRET, allObjects, buildRunObjects } from './builders.js'
import { fieldPath, objectProblems, toJsonSchema, validateObjects } from './validate.js'
import type { KubeObject } from './objects.js'
import { bulkPlan, clusterFixture, planFixture } from './testing/plan-fixture.js'

const build = (): KubeObject[] =>
  allObjects(
    buildRunObjects(
      planFixture([
        clusterFixture(0, 'sno', { withNmstate: true }),
        clusterFixture(1, 'ha'),
        clusterFixture(2, 'ie')
      ]),
      { pullSecret: PLACEHOLDER_PULL_SECRET, bareMetalHosts: true }
    )
  )

describe('validateObjects', () => {
  it('accepts everything the builders make', () => {
    expect(() => validateObjects(build())).not.toThrow()
    expect(() =>
      validateObjects(allObjects(buildRunObjects(bulkPlan(40), { pullSecret: PLACEHOLDER_PULL_SECRET })))
    ).not.toThrow()
  })

  it('names the object and the field of a bad enum, a missing required field and an unknown field', () => {
    const objects = build()
    const infraEnv = objects.find(o => o.kind === 'InfraEnv')!
    const spec = infraEnv.spec as Record<string, unknown>
    spec.ipxeScriptType = 'Sometimes'
    delete spec.pullSecretRef
    spec.pullSecretRefs = {}
    const problems = objectProblems(infraEnv)
    expect(problems).toEqual(
      expect.arrayContaining([
        'spec.pullSecretRef: required field is missing',
        'spec.pullSecretRefs: unknown field (the API server would drop it)',
        'spec.ipxeScriptType: must be one of "", "DiscoveryImageAlways", "BootOrderControl" (got "Sometimes")'
      ])
    )
    expect(() => validateObjects(objects)).toThrow(ConfigurationError)
    try {
      validateObjects(objects)
    } catch (error) {
      expect((error as Error).message).toContain(
        'InfraEnv fixture-run-fx-sno-0/fx-sno-0-infraenv: spec.pullSecretRef: required field is missing'
      )
      expect((error as Error).message).toContain('nothing was sent')
    }
  })

  it('checks types, patterns and array items deep inside specs', () => {
    const objects = build()
    const aci = objects.find(o => o.kind === 'AgentClusterInstall')!
    ;(aci.spec as any).provisionRequirements.controlPlaneAgents = 'three'
    ;(aci.spec as any).networking.clusterNetwork[0].hostPrefix = '23'
    expect(objectProblems(aci)).toEqual([
      'spec.networking.clusterNetwork[0].hostPrefix: must be of type integer (got "23")',
      'spec.provisionRequirements.controlPlaneAgents: must be of type integer (got "three")'
    ])
    const bmh = objects.find(o => o.kind === 'BareMetalHost')!
    ;(bmh.spec as any).bootMACAddress = 'not-a-mac'
    expect(objectProblems(bmh)[0]).toMatch(/^spec\.bootMACAddress: must match .* \(got "not-a-mac"\)$/)
  })

  it('checks metadata: names, namespaces, labels', () => {
    const objects = build()
    const ns = objects.find(o => o.kind === 'Namespace')!
    ns.metadata.name = 'Upper_Case'
    expect(objectProblems(ns)[0]).toContain('metadata.name: must consist of lower case letters')
    const cis = objects.find(o => o.kind === 'ClusterImageSet')!
    cis.metadata.namespace = 'x'
    expect(objectProblems(cis)).toContain('metadata.namespace: must not be set on a cluster-scoped kind')
    const secret = objects.find(o => o.kind === 'Secret')!
    secret.metadata.labels = { ok: 'a b' }
    ;(secret.data as Record<string, string>)['.dockerconfigjson'] = 'not base64!'
    const problems = objectProblems(secret)
    expect(problems.some(p => p.startsWith('metadata.labels["ok"]: value'))).toBe(true)
    expect(problems).toContain('data[".dockerconfigjson"]: must be base64 (value not shown)')
  })
})

describe('toJsonSchema', () => {
  it('turns int-or-string into a union and closes objects unless they preserve unknown fields', () => {
    expect(toJsonSchema({ 'x-kubernetes-int-or-string': true })).toEqual({
      anyOf: [{ type: 'integer' }, { type: 'string' }]
    })
    expect(toJsonSchema({ type: 'object', properties: { a: { type: 'string' } } })).toMatchObject({
      additionalProperties: false
    })
    expect(
      toJsonSchema({
        type: 'object',
        properties: { a: { type: 'string' } },
        'x-kubernetes-preserve-unknown-fields': true
      })
    ).not.toHaveProperty('additionalProperties')
  })
})

describe('fieldPath', () => {
  it('formats JSON pointers as field paths', () => {
    expect(fieldPath('/spec/interfaces/0', 'macAddress')).toBe('spec.interfaces[0].macAddress')
    expect(fieldPath('/metadata/labels/a~1b')).toBe('metadata.labels["a/b"]')
  })
})
