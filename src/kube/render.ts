/**
 * `deploy-crs --render DIR`: the objects written as YAML manifests instead of applied, one file for the
 * run's shared objects and one per cluster, numbered so `kubectl apply -f DIR` creates Namespaces first.
 * The files hold the pull secret: they are written with mode 0600.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { stringify } from 'yaml'
import type { RunObjects } from './builders.js'
import type { KubeObject } from './objects.js'

export function toYamlDocuments(objects: readonly KubeObject[]): string {
  return objects.map(object => `---\n${stringify(object, { lineWidth: 0 })}`).join('')
}

export interface RenderedFile {
  path: string
  objects: number
}

export function renderManifests(run: RunObjects, dir: string): RenderedFile[] {
  mkdirSync(dir, { recursive: true })
  const width = Math.max(4, String(run.clusters.length).length)
  const files: RenderedFile[] = []
  const write = (name: string, objects: readonly KubeObject[]): void => {
    const path = join(dir, name)
    writeFileSync(path, toYamlDocuments(objects), { mode: 0o600 })
    files.push({ path, objects: objects.length })
  }
  // Namespaces sort first: cluster files carry their own Namespace as their first document.
  write(`${'0'.repeat(width)}-run.yaml`, run.shared)
  run.clusters.forEach((cluster, i) =>
    write(`${String(i + 1).padStart(width, '0')}-${cluster.cluster.name}.yaml`, cluster.objects)
  )
  return files
}
