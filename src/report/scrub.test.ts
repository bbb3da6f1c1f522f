import { describe, expect, it } from '@jest/globals'
import { Readable } from 'node:stream'
import { createScrubStream, scrubSecrets } from './scrub.js'

describe('scrubSecrets', () => {
  it.each([
    ['Authorization: Bearer abcdefghijkl.mnop', 'abcdefghijkl'],
    ['curl -H "X-Secret-Key: eyJhbGciOiJFUzI1NiJ9.eyJpbmZyYV9lbnZfaWQiOiJ4In0.c2lnbmF0dXJl"', 'eyJhbGci'],
    ['{"pull_secret":"{\\"auths\\":{\\"quay.io\\":{\\"auth\\":\\"dXNlcjpwYXNz\\"}}}"}', 'dXNlcjpwYXNz'],
    ['{"auths":{"cloud.openshift.com":{"auth":"dXNlcjpwYXNz","email":"a@b"}}}', 'dXNlcjpwYXNz'],
    ['PULL_SECRET_TOKEN=supersecretvalue ./agent', 'supersecretvalue'],
    ['GET /api?api_key=abc123def&x=1', 'abc123def'],
    ['password: hunter22', 'hunter22'],
    ['https://user:pa55word@registry.example/v2/', 'pa55word']
  ])('removes the secret from %p', (text, secret) => {
    const scrubbed = scrubSecrets(text)
    expect(scrubbed).not.toContain(secret)
    expect(scrubbed).toContain('***')
  })

  it('leaves ordinary timeline lines alone', () => {
    const line =
      '{"t":1,"k":"host","h":"sno-0-host-0","c":"sno-0","ev":"status","status":"insufficient","info":"Host couldn\'t synchronize with any NTP server"}'
    expect(scrubSecrets(line)).toBe(line)
  })

  it('scrubs a stream whose secret spans two chunks', async () => {
    const chunks = ['ok\nAuthorization: Bearer abcdef', 'ghijkl\nbye\n']
    let out = ''
    for await (const chunk of Readable.from(chunks).pipe(createScrubStream())) out += chunk
    expect(out).toBe('ok\nAuthorization: Bearer ***\nbye\n')
  })
})
