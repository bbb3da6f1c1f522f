/* eslint-disable @typescript-eslint/no-explicit-any -- specs are deep untyped JSON; the tests read into them */
import { describe, expect, it } from '@jest/globals'
import { ConfigurationError } from '../util/errors.js'
import {
  PLACEHOLDER_PULL_SECRET,
  allObjects,
  buildRunObjects,
  checkPullSecret,
  clusterNamespace,
  releaseImageOf
} from './builders.js'
import { CLUSTER_LABEL, NMSTATE_LABEL, RUN_ID_LABEL, type KubeObject } from './objects.js'
import { clusterFixture, planFixture } from './testing/plan-fixture.js'

const options = { pullSecret: PLACEHOLDER_PULL_SECRET }
const spec = (o: KubeObject | undefined): Record<string, any> => (o?.spec ?? {}) as Record<string, any>
const find = (objects: KubeObject[], kind: string, namespace?: string) =>
  objects.filter(o => o.kind === kind && (namespace === undefined || o.metadata.namespace === namespace))

describe('buildRunObjects', () => {
  it('builds the six objects of an SNO cluster in its own namespace, all labelled with the run id', () => {
    const plan = planFixture([clusterFixture(0, 'sno')])
    const objects = allObjects(buildRunObjects(plan, options))
    expect(objects.map(o => o.kind)).toEqual([
      'ClusterImageSet',
      'Namespace',
      'Secret',
      'ClusterDeployment',
      'AgentClusterInstall',
      'InfraEnv'
    ])
    for (const o of objects) expect(o.metadata.labels?.[RUN_ID_LABEL]).toBe('fixture-run')
    const ns = clusterNamespace(plan, plan.clusters[0]!)
    expect(ns).toBe('fixture-run-fx-sno-0')
    const aci = find(objects, 'AgentClusterInstall')[0]
    expect(spec(aci).provisionRequirements).toEqual({ controlPlaneAgents: 1, workerAgents: 0 })
    expect(spec(aci).networking.userManagedNetworking).toBe(true)
    expect(spec(aci).platformType).toBe('None')
    expect(spec(aci).apiVIPs).toBeUndefined()
    expect(spec(aci).imageSetRef.name).toBe('fixture-run-ocp-4.18')
    const infraEnv = find(objects, 'InfraEnv')[0]!
    expect(spec(infraEnv).clusterRef).toEqual({ name: 'fx-sno-0', namespace: ns })
    expect(spec(infraEnv).agentLabels[RUN_ID_LABEL]).toBe('fixture-run')
    expect(infraEnv.metadata.labels?.['example.com/group']).toBe('sno')
    const cd = find(objects, 'ClusterDeployment')[0]
    expect(spec(cd).clusterInstallRef).toMatchObject({ kind: 'AgentClusterInstall', name: 'fx-sno-0' })
  })

  it('gives HA clusters with cluster-managed networking their VIPs and machine network', () => {
    const plan = planFixture([clusterFixture(1, 'ha')])
    const aci = find(allObjects(buildRunObjects(plan, options)), 'AgentClusterInstall')[0]
    expect(spec(aci)).toMatchObject({
      provisionRequirements: { controlPlaneAgents: 3, workerAgents: 2 },
      platformType: 'BareMetal',
      apiVIPs: ['10.0.1.2'],
      ingressVIPs: ['10.0.1.3'],
      networking: { machineNetwork: [{ cidr: '10.0.1.0/24' }], userManagedNetworking: false }
    })
  })

  it('leaves the cluster reference out for late binding and builds only an InfraEnv for just_infraenv', () => {
    const plan = planFixture([clusterFixture(2, 'late'), clusterFixture(3, 'ie')])
    const run = buildRunObjects(plan, options)
    const [late, ie] = run.clusters
    expect(spec(find(late!.objects, 'InfraEnv')[0]).clusterRef).toBeUndefined()
    expect(find(late!.objects, 'AgentClusterInstall')).toHaveLength(1)
    expect(ie!.objects.map(o => o.kind)).toEqual(['Namespace', 'Secret', 'InfraEnv'])
  })

  it('adds one NMStateConfig per host selected by the InfraEnv, and BareMetalHosts on request', () => {
    const plan = planFixture([clusterFixture(1, 'ha', { withNmstate: true })])
    const objects = allObjects(buildRunObjects(plan, { ...options, bareMetalHosts: true, autoApprove: true }))
    const configs = find(objects, 'NMStateConfig')
    expect(configs).toHaveLength(5)
    const infraEnv = find(objects, 'InfraEnv')[0]
    expect(spec(infraEnv).nmStateConfigLabelSelector.matchLabels[NMSTATE_LABEL]).toBe('fx-ha-1-infraenv')
    expect(spec(infraEnv).agentApproval).toEqual({ autoApprove: true })
    expect(configs[0]!.metadata.labels?.[NMSTATE_LABEL]).toBe('fx-ha-1-infraenv')
    expect(spec(configs[0]).interfaces).toEqual([{ name: 'eth0', macAddress: '02:00:00:00:01:00' }])
    expect(spec(configs[0]).config.interfaces[0].ipv4.address).toEqual([
      { ip: '10.0.1.10', 'prefix-length': 24 }
    ])
    const hosts = find(objects, 'BareMetalHost')
    expect(hosts).toHaveLength(5)
    expect(hosts[0]!.metadata.labels?.['infraenvs.agent-install.openshift.io']).toBe('fx-ha-1-infraenv')
    expect(spec(hosts[0]).bootMACAddress).toBe('02:00:00:00:01:00')
  })

  it('puts everything in target.namespace when the plan names one', () => {
    const plan = planFixture([clusterFixture(0, 'sno'), clusterFixture(1, 'sno')], {
      target: { namespace: 'swarm' }
    })
    const objects = allObjects(buildRunObjects(plan, options))
    expect(find(objects, 'Namespace')).toHaveLength(1)
    expect(find(objects, 'Secret')).toHaveLength(1)
    expect(new Set(objects.filter(o => o.metadata.namespace).map(o => o.metadata.namespace))).toEqual(
      new Set(['swarm'])
    )
    expect(find(objects, 'InfraEnv')[1]!.metadata.labels?.[CLUSTER_LABEL]).toBe('fx-sno-1')
  })

  it('keeps the pull secret only in the Secret data, base64', () => {
    const secret = JSON.stringify({ auths: { 'quay.io': { auth: 'c2VjcmV0' } } })
    const objects = allObjects(
      buildRunObjects(planFixture([clusterFixture(0, 'sno')]), { pullSecret: secret })
    )
    const s = find(objects, 'Secret')[0]!
    expect(Buffer.from((s.data as Record<string, string>)['.dockerconfigjson']!, 'base64').toString()).toBe(
      secret
    )
    const elsewhere = JSON.stringify(objects.filter(o => o.kind !== 'Secret'))
    expect(elsewhere).not.toContain('c2VjcmV0')
  })

  it('rejects names the API server would refuse, naming the plan field', () => {
    const plan = planFixture([clusterFixture(0, 'sno', { infraEnvLabels: { 'bad key!': 'x' } })], {
      runId: 'Run_ID!'
    })
    expect(() => buildRunObjects(plan, options)).toThrow(ConfigurationError)
    try {
      buildRunObjects(plan, options)
    } catch (error) {
      const text = (error as Error).message
      expect(text).toContain('run id "Run_ID!"')
      expect(text).toContain('infraenv_labels key "bad key!"')
    }
  })
})

describe('checkPullSecret', () => {
  it('accepts a docker config and rejects other text without echoing it', () => {
    expect(() => checkPullSecret(PLACEHOLDER_PULL_SECRET, 'pull_secret')).not.toThrow()
    expect(() => checkPullSecret('hunter2', 'pull_secret')).toThrow(
      /pull_secret: the pull secret is not valid JSON/
    )
    try {
      checkPullSecret('{"token":"hunter2"}', 'pull_secret')
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2')
    }
  })
})

describe('releaseImageOf', () => {
  it('uses the plan release image or derives the public one', () => {
    expect(releaseImageOf({ openshiftVersion: '4.18', cpuArchitecture: 'x86_64' })).toBe(
      'quay.io/openshift-release-dev/ocp-release:4.18.0-x86_64'
    )
    expect(releaseImageOf({ openshiftVersion: '4.17.3', cpuArchitecture: 'arm64' })).toBe(
      'quay.io/openshift-release-dev/ocp-release:4.17.3-aarch64'
    )
    expect(
      releaseImageOf({ openshiftVersion: '4.18', cpuArchitecture: 'x86_64', releaseImage: 'r/x:y' })
    ).toBe('r/x:y')
  })
})
