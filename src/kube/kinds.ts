/**
 * The Kubernetes kinds assisted-swarm reads and writes: group/version, REST plural, scope, and the CRD
 * (in src/kube/generated/crds.ts) whose schema validates them offline.
 */

export interface KindInfo {
  apiVersion: string
  kind: string
  /** REST resource name. */
  plural: string
  namespaced: boolean
  /** CRD name (plural.group) for custom resources; undefined for built-in kinds. */
  crd?: string
}

function custom(group: string, version: string, kind: string, plural: string, namespaced = true): KindInfo {
  return { apiVersion: `${group}/${version}`, kind, plural, namespaced, crd: `${plural}.${group}` }
}

export const KINDS = {
  Namespace: { apiVersion: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false },
  Secret: { apiVersion: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true },
  ClusterImageSet: custom('hive.openshift.io', 'v1', 'ClusterImageSet', 'clusterimagesets', false),
  ClusterDeployment: custom('hive.openshift.io', 'v1', 'ClusterDeployment', 'clusterdeployments'),
  AgentClusterInstall: custom(
    'extensions.hive.openshift.io',
    'v1beta1',
    'AgentClusterInstall',
    'agentclusterinstalls'
  ),
  InfraEnv: custom('agent-install.openshift.io', 'v1beta1', 'InfraEnv', 'infraenvs'),
  NMStateConfig: custom('agent-install.openshift.io', 'v1beta1', 'NMStateConfig', 'nmstateconfigs'),
  Agent: custom('agent-install.openshift.io', 'v1beta1', 'Agent', 'agents'),
  BareMetalHost: custom('metal3.io', 'v1alpha1', 'BareMetalHost', 'baremetalhosts')
} as const satisfies Record<string, KindInfo>

export type KindName = keyof typeof KINDS

/** The kinds deploy-crs creates, in the order they are applied (a phase finishes before the next starts). */
export const APPLY_PHASES: readonly (readonly KindName[])[] = [
  // Cluster-scoped first: every namespaced object needs its Namespace.
  ['Namespace', 'ClusterImageSet'],
  // What the InfraEnv and the cluster pair reference, so a running service resolves them on first sight.
  ['Secret', 'NMStateConfig'],
  ['ClusterDeployment', 'AgentClusterInstall'],
  ['InfraEnv', 'BareMetalHost']
]

/** Teardown deletes in the reverse order; Namespaces last (their deletion needs kube-controller-manager). */
export const DELETE_ORDER: readonly KindName[] = [...APPLY_PHASES.flat()].reverse()

export function kindInfo(apiVersion: string, kind: string): KindInfo | undefined {
  return Object.values(KINDS).find(k => k.kind === kind && k.apiVersion === apiVersion)
}

/** `/api/v1/namespaces/ns/secrets` style collection path (namespace omitted for all namespaces). */
export function collectionPath(info: KindInfo, namespace?: string): string {
  const base = info.apiVersion.includes('/') ? `/apis/${info.apiVersion}` : `/api/${info.apiVersion}`
  const ns = info.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ''
  return `${base}${ns}/${info.plural}`
}

export function objectPath(info: KindInfo, name: string, namespace?: string): string {
  return `${collectionPath(info, namespace)}/${encodeURIComponent(name)}`
}
