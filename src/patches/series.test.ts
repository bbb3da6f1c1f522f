import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parsePatchFiles, patchSubject, readSeries, seriesHash } from './series.js'
import { renderTag } from './tags.js'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const PATCH = `From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
From: a <a@example.invalid>
Date: Wed, 25 Nov 2026 15:51:31 +0000
Subject: [PATCH] dry-run: a subject long enough to be folded by git when it
 writes the header

Body.
---
 src/a.go | 2 +-
 src/b.go | 4 ++--

diff --git a/src/a.go b/src/a.go
index 1111111111111111111111111111111111111111..2222222222222222222222222222222222222222 100644
--- a/src/a.go
+++ b/src/a.go
@@ -10,7 +10,7 @@ func a() {
 x
-y
+z
diff --git a/src/b.go b/src/b.go
index 3333333333333333333333333333333333333333..4444444444444444444444444444444444444444 100644
--- a/src/b.go
+++ b/src/b.go
@@ -1,3 +1,3 @@
-p
+q
@@ -40,6 +40,6 @@ func b() {
-r
+s
`

function seriesDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'swarm-series-'))
  dirs.push(dir)
  writeFileSync(join(dir, '0001-a.patch'), PATCH)
  writeFileSync(join(dir, '0002-b.patch'), PATCH.replace('Body.', 'Other body.'))
  writeFileSync(join(dir, 'series'), '# comment\n0001-a.patch\n\n0002-b.patch\n')
  return dir
}

describe('series', () => {
  it('lists the patches in order, skipping comments and blank lines, with unfolded subjects', () => {
    const dir = seriesDir()
    const patches = readSeries(join(dir, 'series'), 'agent')
    expect(patches.map(p => p.name)).toEqual(['0001-a.patch', '0002-b.patch'])
    expect(patches[0]!.subject).toBe(
      'dry-run: a subject long enough to be folded by git when it writes the header'
    )
    expect(patches[0]!.path).toBe(join(dir, '0001-a.patch'))
  })

  it('names the missing patch file and its line', () => {
    const dir = seriesDir()
    writeFileSync(join(dir, 'series'), '0001-a.patch\n0009-gone.patch\n')
    expect(() => readSeries(join(dir, 'series'), 'agent')).toThrow(
      /series:2: 0009-gone\.patch does not exist/
    )
  })

  it('hashes names, contents and order', () => {
    const dir = seriesDir()
    const patches = readSeries(join(dir, 'series'), 'agent')
    const hash = seriesHash(patches)
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
    expect(seriesHash([...patches].reverse())).not.toBe(hash)
    expect(seriesHash(patches.map(p => ({ ...p, component: 'installer' })))).not.toBe(hash)
    writeFileSync(join(dir, '0002-b.patch'), PATCH + '\n')
    expect(seriesHash(patches)).not.toBe(hash)
  })

  it('finds the files and hunks of a patch', () => {
    const files = parsePatchFiles(PATCH)
    expect(files.map(f => f.path)).toEqual(['src/a.go', 'src/b.go'])
    expect(files[1]!.hunks).toEqual([
      { header: '@@ -1,3 +1,3 @@', oldStart: 1, index: 1 },
      { header: '@@ -40,6 +40,6 @@ func b() {', oldStart: 40, index: 2 }
    ])
    expect(patchSubject('no header')).toBe('')
  })

  it('renders image tags from the pinned commit and the series hash', () => {
    expect(
      renderTag('{commit}-{series}', {
        commit: 'a272a11d4f78c3cf38ddc5ad334aab45b95aac7e',
        series: '3f9c2a1b7e4d5a6bffff',
        component: 'agent'
      })
    ).toBe('a272a11d4f78-3f9c2a1b7e4d')
    expect(renderTag('{component}-x', { commit: '', series: '', component: 'agent' })).toBe('agent-x')
  })
})
