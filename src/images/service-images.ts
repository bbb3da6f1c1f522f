/**
 * How the service under test is told to hand out the images build-push-images made: assisted-service puts its
 * AGENT_DOCKER_IMAGE into every host's next-step-runner command (and the agent then reports it as its version),
 * and INSTALLER_IMAGE / CONTROLLER_IMAGE into every install step. See docs/patches.md.
 */

/** component → image reference, as build-push-images outputs it. */
export type ComponentImages = Partial<Record<'agent' | 'installer' | 'controller', string>>

/** The assisted-service settings (environment variables) that make it hand out these images. */
export function serviceImageSettings(images: ComponentImages): Record<string, string> {
  const settings: Record<string, string> = {}
  if (images.agent) settings.AGENT_DOCKER_IMAGE = images.agent
  if (images.installer) settings.INSTALLER_IMAGE = images.installer
  if (images.controller) settings.CONTROLLER_IMAGE = images.controller
  return settings
}

/** Annotation of an AgentServiceConfig naming a ConfigMap whose keys override assisted-service settings. */
export const SERVICE_CONFIGMAP_ANNOTATION =
  'unsupported.agent-install.openshift.io/assisted-service-configmap'

export interface KubeManifest {
  apiVersion: string
  kind: string
  metadata: {
    name: string
    namespace?: string
    annotations?: Record<string, string>
    labels?: Record<string, string>
  }
  data?: Record<string, string>
}

/**
 * kube-api mode (the assisted-service operator): a ConfigMap with the image settings, in the operator's
 * namespace, and the merge patch that points the AgentServiceConfig at it. The operator then restarts
 * assisted-service with those settings. Keys already in an existing override ConfigMap should be merged by
 * the caller (server-side apply of the ConfigMap does that).
 */
export function agentServiceConfigOverride(
  images: ComponentImages,
  options: { namespace: string; configMapName?: string; agentServiceConfigName?: string }
): { configMap: KubeManifest; agentServiceConfigPatch: KubeManifest } {
  const name = options.configMapName ?? 'assisted-swarm-images'
  return {
    configMap: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name,
        namespace: options.namespace,
        labels: { 'app.kubernetes.io/managed-by': 'assisted-swarm' }
      },
      data: serviceImageSettings(images)
    },
    agentServiceConfigPatch: {
      apiVersion: 'agent-install.openshift.io/v1beta1',
      kind: 'AgentServiceConfig',
      metadata: {
        name: options.agentServiceConfigName ?? 'agent',
        annotations: { [SERVICE_CONFIGMAP_ANNOTATION]: name }
      }
    }
  }
}
