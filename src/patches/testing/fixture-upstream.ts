/**
 * A small upstream project made with real git for tests: an "upstream" repository with one commit, a patch
 * series made from real commits with `git format-patch`, and a components.yaml pointing at both. Nothing is
 * mocked; everything lives in one temporary directory.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { stringify } from 'yaml'
import { FORMAT_PATCH_ARGS } from '../regenerate.js'

export const DEMO_LINES = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`)

/** The upstream files: a text file to patch, and a Go program without dependencies to build. */
export function demoFiles(): Record<string, string> {
  return {
    'src/app.txt': DEMO_LINES.join('\n') + '\n',
    'src/other.txt': 'alpha\nbeta\ngamma\n',
    'go.mod': 'module example.com/demo\n\ngo 1.21\n',
    'cmd/demo/main.go': 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("demo upstream")\n}\n'
  }
}

/** A change made as one commit of the series. */
export interface FixturePatch {
  subject: string
  /** Files to write (path → content), relative to the tree. */
  files: (current: (path: string) => string) => Record<string, string>
}

/** The default series: two patches touching different files, and one that makes the program say it is patched. */
export function demoPatches(): FixturePatch[] {
  return [
    {
      subject: 'app: change line 20',
      files: read => ({ 'src/app.txt': read('src/app.txt').replace('line 20\n', 'line 20 patched\n') })
    },
    {
      subject: 'other: add delta',
      files: read => ({ 'src/other.txt': read('src/other.txt') + 'delta\n' })
    },
    {
      subject: 'demo: say patched',
      files: read => ({
        'cmd/demo/main.go': read('cmd/demo/main.go').replace('demo upstream', 'demo patched')
      })
    }
  ]
}

export interface FixtureUpstream {
  root: string
  /** The upstream repository (a URL for components.yaml). */
  upstream: string
  commit: string
  tree: string
  /** The project side: components.yaml, patches/demo/series, images/demo/. */
  project: string
  componentsFile: string
  seriesFile: string
  /** Rewrites components.yaml (e.g. after advancing the upstream). */
  writeComponents(pin?: { ref?: string; tree?: string | undefined; url?: string }): void
  /** Commits a change on the upstream's main branch; returns the new commit and tree. */
  advanceUpstream(files: (current: (path: string) => string) => Record<string, string>): {
    commit: string
    tree: string
  }
  cleanup(): void
}

const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'fixture',
  GIT_AUTHOR_EMAIL: 'fixture@example.invalid',
  GIT_COMMITTER_NAME: 'fixture',
  GIT_COMMITTER_EMAIL: 'fixture@example.invalid',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z'
}

export function gitSync(dir: string, args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: ENV, encoding: 'utf8' }).trim()
}

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
}

export function createFixtureUpstream(patches: FixturePatch[] = demoPatches()): FixtureUpstream {
  const root = mkdtempSync(join(tmpdir(), 'swarm-fixture-'))
  const upstream = join(root, 'upstream')
  mkdirSync(upstream)
  gitSync(upstream, ['init', '--quiet', '--initial-branch=main'])
  writeFiles(upstream, demoFiles())
  gitSync(upstream, ['add', '-A'])
  gitSync(upstream, ['commit', '--quiet', '-m', 'upstream'])
  const commit = gitSync(upstream, ['rev-parse', 'HEAD'])
  const tree = gitSync(upstream, ['rev-parse', 'HEAD^{tree}'])

  const work = join(root, 'work')
  gitSync(root, ['clone', '--quiet', upstream, work])
  for (const patch of patches) {
    writeFiles(
      work,
      patch.files(path => readFileSync(join(work, path), 'utf8'))
    )
    gitSync(work, ['commit', '--quiet', '-am', patch.subject])
  }
  const project = join(root, 'project')
  const seriesDir = join(project, 'patches', 'demo')
  mkdirSync(seriesDir, { recursive: true })
  gitSync(work, ['format-patch', ...FORMAT_PATCH_ARGS, '-o', seriesDir, `${commit}..HEAD`])
  const seriesFile = join(seriesDir, 'series')
  const names = execFileSync('ls', [seriesDir], { encoding: 'utf8' })
    .split('\n')
    .filter(n => n.endsWith('.patch'))
  writeFileSync(seriesFile, names.join('\n') + '\n')
  writeFiles(project, {
    'images/demo/Containerfile': 'FROM scratch\nCOPY cmd/demo/main.go /src/main.go\n',
    'images/demo/Containerfile.prebuilt':
      'FROM scratch\nCOPY demo /usr/bin/demo\nENTRYPOINT ["/usr/bin/demo"]\n'
  })
  const componentsFile = join(project, 'components.yaml')
  const writeComponents = (pin: { ref?: string; tree?: string | undefined; url?: string } = {}): void => {
    const upstreamSpec: Record<string, string> = { url: pin.url ?? upstream, ref: pin.ref ?? commit }
    const pinnedTree = 'tree' in pin ? pin.tree : tree
    if (pinnedTree) upstreamSpec.tree = pinnedTree
    writeFileSync(
      componentsFile,
      stringify({
        registry: '127.0.0.1:5000/fixture',
        components: {
          demo: {
            upstream: upstreamSpec,
            series: 'patches/demo/series',
            image: {
              name: 'demo',
              tag: '{commit}-{series}',
              containerfile: 'images/demo/Containerfile',
              prebuiltContainerfile: 'images/demo/Containerfile.prebuilt'
            },
            binaries: [{ package: './cmd/demo', name: 'demo', links: ['demo-link'] }]
          }
        }
      })
    )
  }
  writeComponents()
  return {
    root,
    upstream,
    commit,
    tree,
    project,
    componentsFile,
    seriesFile,
    writeComponents,
    advanceUpstream(files) {
      writeFiles(
        upstream,
        files(path => readFileSync(join(upstream, path), 'utf8'))
      )
      gitSync(upstream, ['commit', '--quiet', '-am', 'upstream moves on'])
      return {
        commit: gitSync(upstream, ['rev-parse', 'HEAD']),
        tree: gitSync(upstream, ['rev-parse', 'HEAD^{tree}'])
      }
    },
    cleanup: () => rmSync(root, { recursive: true, force: true })
  }
}
