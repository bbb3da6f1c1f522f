import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { artifactBaseName, artifactName, runDirectoryFiles, shardArtifactPrefix } from './artifact-store.js'

describe('artifact names', () => {
  it('carry the run id and, for one shard of a sharded run, the shard', () => {
    const base = artifactBaseName('nightly-123-1')
    expect(base).toBe('assisted-swarm-nightly-123-1')
    expect(artifactName(base, ['2/4'])).toBe('assisted-swarm-nightly-123-1-shard-2')
    expect(artifactName(base, ['0/1'])).toBe('assisted-swarm-nightly-123-1')
    expect(artifactName(base, ['0/2', '1/2'])).toBe('assisted-swarm-nightly-123-1')
    expect(shardArtifactPrefix(base)).toBe('assisted-swarm-nightly-123-1-shard-')
  })

  it('take an explicit name as the base, without the characters GitHub refuses', () => {
    expect(artifactBaseName('x', ' my:run/"1" ')).toBe('my-run--1-')
    expect(artifactBaseName(undefined)).toBe('assisted-swarm-run')
  })
})

describe('runDirectoryFiles', () => {
  it('lists every file except downloaded shards and the private state', () => {
    const dir = mkdtempSync(join(tmpdir(), 'artifact-files-'))
    mkdirSync(join(dir, 'logs'))
    mkdirSync(join(dir, 'private'))
    mkdirSync(join(dir, 'shards', 'a'), { recursive: true })
    for (const f of ['report.json', 'logs/a.log', 'shards/a/timeline-0-of-2.jsonl', 'private/sim-state.json'])
      writeFileSync(join(dir, f), 'x')
    expect(runDirectoryFiles(dir)).toEqual([join(dir, 'logs/a.log'), join(dir, 'report.json')])
  })
})
