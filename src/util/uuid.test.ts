import { describe, expect, it } from '@jest/globals'
import { uuidV5 } from './uuid.js'

describe('uuidV5', () => {
  it('matches the RFC 4122 example for the DNS namespace', () => {
    // Known value: uuid v5 of "www.example.com" in the DNS namespace.
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2'
    )
  })
  it('is deterministic and sensitive to the name', () => {
    const ns = '5b0f1d2e-7c1a-4f7e-9d43-2a6c1e8b7f10'
    expect(uuidV5('a', ns)).toBe(uuidV5('a', ns))
    expect(uuidV5('a', ns)).not.toBe(uuidV5('b', ns))
    expect(uuidV5('a', ns)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })
})
