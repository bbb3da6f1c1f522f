/**
 * The run directory's subdirectory for what stays on the runner: state that holds credentials (the embedded
 * simulator's database, with the pull secrets and the agent key). Artifact uploads and the logs archive skip it.
 */
export const PRIVATE_DIR = 'private'
