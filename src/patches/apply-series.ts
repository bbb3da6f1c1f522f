import { readFileSync } from 'node:fs'
import { git } from './git.js'
import { parsePatchFiles, type SeriesPatch } from './series.js'

/**
 * How a patch went:
 * - `applied`: cleanly, every hunk where the patch says;
 * - `applied-with-offset`: cleanly, but some hunks were found a few lines away (`offsets` says which);
 * - `applied-3way`: the context had changed; a 3-way merge with the blobs the patch records succeeded;
 * - `failed`: it does not apply (`failure` names the file and hunk);
 * - `skipped`: not tried, because an earlier patch failed (outside check mode).
 */
export type PatchStatus = 'applied' | 'applied-with-offset' | 'applied-3way' | 'failed' | 'skipped'

export interface HunkOffset {
  file: string
  /** 1-based hunk number within the file. */
  hunk: number
  /** Lines the hunk moved (positive: later in the file). */
  offset: number
}

export interface PatchFailure {
  /** File whose hunk did not apply, when git says. */
  file?: string
  /** Header of the hunk that did not apply (`@@ -120,7 +120,9 @@ ...`), when it can be told. */
  hunk?: string
  /** 1-based hunk number within the file. */
  hunkIndex?: number
  /** Line in the old file where git looked for the hunk. */
  line?: number
  /** What git said, trimmed. */
  message: string
}

export interface PatchResult {
  component: string
  patch: string
  subject: string
  status: PatchStatus
  offsets?: HunkOffset[]
  failure?: PatchFailure
}

/** What `git apply --check --verbose` tells about a patch before it is applied. */
interface CheckOutcome {
  clean: boolean
  offsets: HunkOffset[]
  failure?: PatchFailure
  output: string
}

async function checkPatch(dir: string, patch: SeriesPatch): Promise<CheckOutcome> {
  const result = await git(dir, ['apply', '--check', '--verbose', patch.path])
  const output = `${result.stdout}${result.stderr}`
  const offsets: HunkOffset[] = []
  let file = ''
  for (const line of output.split('\n')) {
    const checking = /^Checking patch (.+)\.\.\.$/.exec(line)
    if (checking) file = checking[1]!
    const moved = /^Hunk #(\d+) succeeded at \d+ \(offset (-?\d+) lines?\)\.$/.exec(line)
    if (moved) offsets.push({ file, hunk: Number(moved[1]), offset: Number(moved[2]) })
  }
  if (result.code === 0) return { clean: true, offsets, output }
  return { clean: false, offsets, failure: describeFailure(output, patch), output }
}

/** Names the file and hunk a failed patch stumbled on, from git's messages and the patch itself. */
export function describeFailure(output: string, patch: SeriesPatch): PatchFailure {
  const lines = output.split('\n')
  const message = lines
    .filter(l => /^(error|fatal|CONFLICT|Patch failed)/.test(l) || /does not (apply|exist)/.test(l))
    .join('\n')
    .trim()
  const failure: PatchFailure = { message: message || output.trim().split('\n').slice(-5).join('\n') }
  const failed = /error: patch failed: (.+):(\d+)$/m.exec(output)
  const missing = /error: (.+): (?:does not exist in index|No such file or directory)$/m.exec(output)
  const conflict = /CONFLICT \([^)]*\): Merge conflict in (.+)$/m.exec(output)
  if (failed) {
    failure.file = failed[1]!
    failure.line = Number(failed[2])
  } else if (missing) failure.file = missing[1]!
  else if (conflict) failure.file = conflict[1]!
  if (failure.file) {
    const files = parsePatchFiles(readFileSync(patch.path, 'utf8'))
    const file = files.find(f => f.path === failure.file)
    const hunk =
      file && failure.line !== undefined ? file.hunks.find(h => h.oldStart === failure.line) : file?.hunks[0]
    if (hunk && (failure.line !== undefined || file!.hunks.length === 1)) {
      failure.hunk = hunk.header
      failure.hunkIndex = hunk.index
    }
  }
  return failure
}

/**
 * Applies one patch as a commit (`git am --3way`), first checking it with `git apply --check --verbose` to
 * tell a clean application from one with offsets or one that needs the 3-way fallback. A failed `git am` is
 * aborted, so the tree is left as it was before the patch.
 */
export async function applyPatch(dir: string, patch: SeriesPatch, logFile?: string): Promise<PatchResult> {
  const base = { component: patch.component, patch: patch.name, subject: patch.subject }
  const check = await checkPatch(dir, patch)
  const am = await git(dir, ['am', '--3way', '--committer-date-is-author-date', '--quiet', patch.path], {
    logFile
  })
  if (am.code === 0) {
    if (!check.clean) return { ...base, status: 'applied-3way' }
    if (check.offsets.length) return { ...base, status: 'applied-with-offset', offsets: check.offsets }
    return { ...base, status: 'applied' }
  }
  await git(dir, ['am', '--abort'])
  const amOutput = `${am.stdout}${am.stderr}`
  const failure = check.failure ?? describeFailure(amOutput, patch)
  if (!failure.file) {
    const fromAm = describeFailure(amOutput, patch)
    if (fromAm.file)
      Object.assign(failure, { file: fromAm.file, hunk: fromAm.hunk, hunkIndex: fromAm.hunkIndex })
  }
  const conflicts = amOutput
    .split('\n')
    .filter(l => l.startsWith('CONFLICT') || l.startsWith('error:'))
    .join('\n')
  if (conflicts && !failure.message.includes(conflicts))
    failure.message = `${failure.message}\n${conflicts}`.trim()
  return { ...base, status: 'failed', failure }
}

/**
 * Applies patches in order. Outside check mode the first failure stops the series and the rest are reported
 * `skipped`; in check mode every patch is tried on whatever the earlier ones left.
 */
export async function applySeries(
  dir: string,
  patches: readonly SeriesPatch[],
  options: { check: boolean; logFile?: string; onResult?: (result: PatchResult) => void }
): Promise<PatchResult[]> {
  const results: PatchResult[] = []
  let stopped = false
  for (const patch of patches) {
    if (stopped) {
      results.push({
        component: patch.component,
        patch: patch.name,
        subject: patch.subject,
        status: 'skipped'
      })
      continue
    }
    const result = await applyPatch(dir, patch, options.logFile)
    results.push(result)
    options.onResult?.(result)
    if (result.status === 'failed' && !options.check) stopped = true
  }
  return results
}
