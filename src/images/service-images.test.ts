import { describe, expect, it } from '@jest/globals'
import {
  agentServiceConfigOverride,
  serviceImageSettings,
  SERVICE_CONFIGMAP_ANNOTATION
} from './service-images.js'

const IMAGES = {
  agent: '127.0.0.1:5000/swarm/assisted-installer-agent@sha256:' + 'a'.repeat(64),
  installer: '127.0.0.1:5000/swarm/assisted-installer@sha256:' + 'b'.repeat(64),
  controller: '127.0.0.1:5000/swarm/assisted-installer-controller@sha256:' + 'c'.repeat(64)
}

describe('pointing the service at the built images', () => {
  it('maps components to assisted-service settings', () => {
    expect(serviceImageSettings(IMAGES)).toEqual({
      AGENT_DOCKER_IMAGE: IMAGES.agent,
      INSTALLER_IMAGE: IMAGES.installer,
      CONTROLLER_IMAGE: IMAGES.controller
    })
    expect(serviceImageSettings({ agent: IMAGES.agent })).toEqual({ AGENT_DOCKER_IMAGE: IMAGES.agent })
  })

  it('makes the override ConfigMap and the AgentServiceConfig annotation for kube-api mode', () => {
    const { configMap, agentServiceConfigPatch } = agentServiceConfigOverride(IMAGES, {
      namespace: 'multicluster-engine'
    })
    expect(configMap.metadata).toMatchObject({
      name: 'assisted-swarm-images',
      namespace: 'multicluster-engine'
    })
    expect(configMap.data!.INSTALLER_IMAGE).toBe(IMAGES.installer)
    expect(agentServiceConfigPatch.metadata.name).toBe('agent')
    expect(agentServiceConfigPatch.metadata.annotations).toEqual({
      [SERVICE_CONFIGMAP_ANNOTATION]: 'assisted-swarm-images'
    })
  })
})
