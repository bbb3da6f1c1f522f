import { afterAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigurationError } from '../../util/errors.js'
import {
  PROCESS_BINARIES,
  scanFile,
  SERIES_MARKERS,
  STAMP_FILE,
  STAMP_FORMAT,
  verifyProcessBinaries
} from './binaries.js'

const root = mkdtempSync(join(tmpdir(), 'swarm-binaries-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** A fake "binary": ELF magic, filler, and the series markers spread through it. */
function fakeBinary(markers: readonly string[], size = 300_000): Buffer {
  const out = Buffer.alloc(size, 0x2e)
  out.write('\x7fELF', 0, 'latin1')
  markers.forEach((m, i) => out.write(m, 1000 + i * Math.floor((size - 2000) / markers.length), 'latin1'))
  return out
}

function binariesDir(name: string, content: (binary: string) => Buffer): string {
  const dir = join(root, name)
  mkdirSync(dir)
  for (const b of PROCESS_BINARIES) {
    writeFileSync(join(dir, b), content(b))
    chmodSync(join(dir, b), 0o755)
  }
  return dir
}

describe('scanFile', () => {
  it('hashes the file and finds markers wherever they are, across chunk boundaries too', () => {
    const content = Buffer.alloc(10_000, 0x61)
    content.write('MARKER-ONE', 4090, 'latin1') // cut by a 4 KiB chunk boundary
    content.write('MARKER-TWO', 9990, 'latin1') // at the very end
    const path = join(root, 'scan')
    writeFileSync(path, content)
    for (const chunkBytes of [7, 4096, 1 << 20]) {
      const scan = scanFile(path, ['MARKER-ONE', 'MARKER-TWO', 'MARKER-THREE'], chunkBytes)
      expect([...scan.found].sort()).toEqual(['MARKER-ONE', 'MARKER-TWO'])
      expect(scan.sha256).toBe(createHash('sha256').update(content).digest('hex'))
      expect(scan.head.subarray(0, 4).toString()).toBe('aaaa')
    }
  })
})

describe('verifyProcessBinaries', () => {
  it('accepts patched binaries and checks them against their build stamp', () => {
    const dir = binariesDir('ok', b => fakeBinary(SERIES_MARKERS[b as keyof typeof SERIES_MARKERS]))
    expect(verifyProcessBinaries(dir).description).toContain('no build stamp')
    const hashes = Object.fromEntries(PROCESS_BINARIES.map(b => [b, scanFile(join(dir, b), []).sha256]))
    writeFileSync(
      join(dir, STAMP_FILE),
      JSON.stringify({ format: STAMP_FORMAT, builtAt: '', go: '', components: {}, binaries: hashes })
    )
    expect(verifyProcessBinaries(dir).stamp?.binaries).toEqual(hashes)
    writeFileSync(join(dir, 'agent'), fakeBinary([...SERIES_MARKERS.agent, 'changed']))
    expect(() => verifyProcessBinaries(dir)).toThrow(/agent: .* is not the binary stamped/)
  })

  it('refuses unpatched and non-ELF binaries, naming what is missing', () => {
    const dir = binariesDir('unpatched', b =>
      b === 'installer'
        ? Buffer.from('#!/bin/sh\n')
        : fakeBinary(b === 'agent' ? ['nsenter-target'] : SERIES_MARKERS[b as keyof typeof SERIES_MARKERS])
    )
    let error: unknown
    try {
      verifyProcessBinaries(dir)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigurationError)
    const message = String((error as Error).message)
    expect(message).toMatch(
      /agent: .* lacks dry-run-no-containers, DRY_NO_CONTAINERS, DRY_CPU_COUNT, DRY_DNS_API_ADDRESSES\)/
    )
    expect(message).toMatch(/installer: .* is not an executable program \(ELF\)/)
    expect(message).not.toMatch(/assisted-installer-controller/)
  })
})
