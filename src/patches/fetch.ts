import { mkdirSync } from 'node:fs'
import { ConfigurationError, TargetUnreachableError } from '../util/errors.js'
import type { Logger } from '../util/logging.js'
import type { UpstreamSpec } from './components.js'
import { removeTree } from './exec.js'
import { FULL_COMMIT, git, gitOut } from './git.js'

export interface FetchedUpstream {
  /** Commit checked out (a snapshot's commit may differ from the upstream commit with the same tree). */
  commit: string
  tree: string
}

/** Ref under which the fetched upstream commit is kept in a patched tree. */
export const UPSTREAM_REF = 'refs/swarm/upstream'

/**
 * Fetches the pinned ref into a fresh repository at `dir` (shallow: depth 1) and checks it out. When the ref
 * cannot be fetched but the tree is pinned, the source's default branch is accepted if its tree is the pinned
 * one: a snapshot of the pinned commit (such as a git bundle of it) is the same source.
 */
export async function fetchUpstream(
  upstream: UpstreamSpec,
  dir: string,
  options: { logger: Logger; logFile?: string; component: string }
): Promise<FetchedUpstream> {
  await removeTree(dir)
  mkdirSync(dir, { recursive: true })
  await gitOut(dir, ['init', '--quiet'])
  const fetch = (ref: string): Promise<{ code: number; stderr: string }> =>
    git(dir, ['fetch', '--quiet', '--depth', '1', '--no-tags', upstream.url, ref], {
      logFile: options.logFile
    })
  let fetched = await fetch(upstream.ref)
  if (fetched.code !== 0 && upstream.tree) {
    options.logger.debug(
      `${options.component}: ${upstream.ref} not found in ${upstream.url}; trying its HEAD`
    )
    const head = await fetch('HEAD')
    if (head.code === 0) fetched = head
  }
  if (fetched.code !== 0) {
    const reason = fetched.stderr.trim().split('\n').slice(-3).join(' ')
    const message = `${options.component}: cannot fetch ${upstream.ref} from ${upstream.url}: ${reason}`
    if (/could not read|unable to access|Could not resolve|Connection|timed out/i.test(reason)) {
      throw new TargetUnreachableError(message)
    }
    throw new ConfigurationError(message)
  }
  await gitOut(dir, ['checkout', '--quiet', '--detach', 'FETCH_HEAD'])
  const commit = await gitOut(dir, ['rev-parse', 'HEAD'])
  const tree = await gitOut(dir, ['rev-parse', 'HEAD^{tree}'])
  if (upstream.tree && tree !== upstream.tree) {
    throw new ConfigurationError(
      `${options.component}: ${upstream.url} at ${upstream.ref} has tree ${tree}, but components.yaml pins tree ${upstream.tree}`
    )
  }
  if (FULL_COMMIT.test(upstream.ref) && commit !== upstream.ref && !upstream.tree) {
    throw new ConfigurationError(
      `${options.component}: fetched commit ${commit} is not the pinned ${upstream.ref} (pin the tree to accept a snapshot)`
    )
  }
  await gitOut(dir, ['update-ref', UPSTREAM_REF, commit])
  return { commit, tree }
}

/**
 * The id that keys the cache of a component's patched tree, known without fetching: the pinned tree, else the
 * pinned commit, else what the ref points to now (`git ls-remote`).
 */
export async function upstreamId(upstream: UpstreamSpec, component: string): Promise<string> {
  if (upstream.tree) return upstream.tree
  if (FULL_COMMIT.test(upstream.ref)) return upstream.ref
  const listed = await git(process.cwd(), ['ls-remote', upstream.url, upstream.ref])
  const id = listed.stdout.split('\n')[0]?.split('\t')[0]?.trim()
  if (listed.code !== 0 || !id || !FULL_COMMIT.test(id)) {
    throw new ConfigurationError(`${component}: cannot resolve ${upstream.ref} in ${upstream.url}`)
  }
  return id
}
