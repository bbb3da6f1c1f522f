import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { ArtifactInfo, ArtifactStore } from './artifact-store.js'

/**
 * Artifacts as directories under `root` (`<root>/<name>/...`): the stand-in for GitHub's artifact service outside
 * Actions and in tests, with the same naming and merge behaviour.
 */
export function createDirectoryArtifactStore(root: string): ArtifactStore {
  const ids = new Map<string, number>()
  const idOf = (name: string): number => {
    if (!ids.has(name)) ids.set(name, ids.size + 1)
    return ids.get(name)!
  }
  return {
    async upload(name, rootDirectory, files) {
      const target = join(root, name)
      let size = 0
      for (const file of files) {
        const path = relative(rootDirectory, file)
        if (path.startsWith('..')) throw new Error(`artifact ${name}: ${file} is outside ${rootDirectory}`)
        mkdirSync(join(target, path, '..'), { recursive: true })
        cpSync(file, join(target, path))
        size += statSync(file).size
      }
      return { id: idOf(name), size }
    },
    async list(): Promise<ArtifactInfo[]> {
      if (!existsSync(root)) return []
      return readdirSync(root, { withFileTypes: true })
        .filter(e => e.isDirectory())
        .map(e => ({ name: e.name, id: idOf(e.name) }))
    },
    async download(artifact, destination) {
      mkdirSync(destination, { recursive: true })
      cpSync(join(root, artifact.name), destination, { recursive: true })
      return destination
    }
  }
}
