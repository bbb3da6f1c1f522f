/** The plain-object shape of a Kubernetes object as assisted-swarm builds, sends and receives it. */

export interface ObjectMeta {
  name: string
  namespace?: string
  labels?: Record<string, string>
  annotations?: Record<string, string>
  resourceVersion?: string
  uid?: string
  generation?: number
  creationTimestamp?: string
  deletionTimestamp?: string
  [key: string]: unknown
}

export interface KubeObject {
  apiVersion: string
  kind: string
  metadata: ObjectMeta
  [key: string]: unknown
}

/** Every object of a run carries this label, with the run id as value: what teardown and watches select on. */
export const RUN_ID_LABEL = 'assisted-swarm.openshift.io/run-id'
/** The plan cluster an object belongs to (its name). */
export const CLUSTER_LABEL = 'assisted-swarm.openshift.io/cluster'
/** Selects the NMStateConfigs of one InfraEnv (value: the InfraEnv name). */
export const NMSTATE_LABEL = 'assisted-swarm.openshift.io/nmstate'
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by'
export const MANAGED_BY = 'assisted-swarm'
/** The single field manager of every server-side apply assisted-swarm makes. */
export const FIELD_MANAGER = 'assisted-swarm'
/** The label assisted-service puts on Agents and that the BareMetalHost agent controller matches. */
export const INFRAENV_LABEL = 'infraenvs.agent-install.openshift.io'

export function runSelector(runId: string): string {
  return `${RUN_ID_LABEL}=${runId}`
}

/** `InfraEnv swarm-0001/swarm-0001`, `ClusterImageSet run-4.17` — how objects are named in messages. */
export function describeObject(object: Pick<KubeObject, 'kind' | 'metadata'>): string {
  const { namespace, name } = object.metadata
  return `${object.kind} ${namespace ? `${namespace}/` : ''}${name}`
}

/** A stable key for maps: apiVersion, kind, namespace and name. */
export function objectKey(object: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): string {
  return `${object.apiVersion}|${object.kind}|${object.metadata.namespace ?? ''}|${object.metadata.name}`
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/

/** Problems with a DNS-1123 label (Namespace names): empty list when valid. */
export function dns1123LabelProblems(value: string): string[] {
  const problems: string[] = []
  if (value.length > 63) problems.push(`must be at most 63 characters (has ${value.length})`)
  if (!DNS1123_LABEL.test(value))
    problems.push(
      'must consist of lower case letters, digits and "-", and start and end with a letter or digit'
    )
  return problems
}

/** Problems with a DNS-1123 subdomain (most object names). */
export function dns1123SubdomainProblems(value: string): string[] {
  const problems: string[] = []
  if (value.length > 253) problems.push(`must be at most 253 characters (has ${value.length})`)
  if (!DNS1123_SUBDOMAIN.test(value)) {
    problems.push(
      'must consist of lower case letters, digits, "-" and ".", and start and end with a letter or digit'
    )
  }
  return problems
}

export function labelValueProblems(value: string): string[] {
  const problems: string[] = []
  if (value.length > 63) problems.push(`must be at most 63 characters (has ${value.length})`)
  if (!LABEL_VALUE.test(value))
    problems.push(
      'must be empty or consist of letters, digits, "-", "_" and ".", starting and ending with a letter or digit'
    )
  return problems
}

export function labelKeyProblems(key: string): string[] {
  const slash = key.lastIndexOf('/')
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined
  const name = slash >= 0 ? key.slice(slash + 1) : key
  const problems: string[] = []
  if (prefix !== undefined) problems.push(...dns1123SubdomainProblems(prefix).map(p => `prefix ${p}`))
  if (name.length > 63 || !LABEL_NAME.test(name)) {
    problems.push(
      'name part must be 1-63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit'
    )
  }
  return problems
}
