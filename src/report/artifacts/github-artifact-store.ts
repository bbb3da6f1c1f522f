import type { ArtifactStore } from './artifact-store.js'

/**
 * The Actions artifact service (@actions/artifact). Imported lazily, so library users outside Actions never load
 * it; it only works inside a workflow run (it needs the runner's ACTIONS_RUNTIME_TOKEN and results URL), so its
 * tests are the workflow's own end-to-end job, not unit tests.
 */
export async function createGithubArtifactStore(): Promise<ArtifactStore> {
  const { DefaultArtifactClient } = await import('@actions/artifact')
  const client = new DefaultArtifactClient()
  return {
    async upload(name, rootDirectory, files) {
      const result = await client.uploadArtifact(name, files, rootDirectory, { compressionLevel: 6 })
      return { id: result.id, size: result.size }
    },
    async list() {
      const result = await client.listArtifacts({ latest: true })
      return result.artifacts.map(a => ({ name: a.name, id: a.id, size: a.size }))
    },
    async download(artifact, destination) {
      const result = await client.downloadArtifact(artifact.id, { path: destination })
      return result.downloadPath ?? destination
    }
  }
}
