import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { ConfigurationError } from '../util/errors.js'
import { loadComponents, parseUpstreamOverrides, selectComponents, seriesChain } from './components.js'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function fileWith(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'swarm-components-'))
  dirs.push(dir)
  for (const name of ['a.series', 'b.series', 'Containerfile']) writeFileSync(join(dir, name), '')
  const path = join(dir, 'components.yaml')
  writeFileSync(path, yaml)
  return path
}

const VALID = `
registry: 127.0.0.1:5000/swarm
components:
  installer:
    upstream: {url: https://example.invalid/installer.git, ref: 880389d450131a12a888202877b28dbae61ac0da}
    series: a.series
    image: {name: assisted-installer, tag: '{commit}-{series}', containerfile: Containerfile}
    binaries: [{package: ./src/main, name: installer}]
  controller:
    base: installer
    series: b.series
    image: {name: assisted-installer-controller, tag: 'v1-{series}', containerfile: Containerfile}
`

function problemsOf(yaml: string, overrides: Record<string, string> = {}): string[] {
  try {
    loadComponents(fileWith(yaml), overrides)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError)
    return (error as ConfigurationError).problems
  }
  throw new Error('expected a ConfigurationError')
}

describe('components.yaml', () => {
  it('loads components, resolves paths against the file and gives a based component its base upstream', () => {
    const path = fileWith(VALID)
    const file = loadComponents(path)
    expect(file.registry).toBe('127.0.0.1:5000/swarm')
    const controller = file.components.get('controller')!
    expect(controller.base).toBe('installer')
    expect(controller.upstream.ref).toBe('880389d450131a12a888202877b28dbae61ac0da')
    expect(controller.series).toBe(join(resolve(path, '..'), 'b.series'))
    expect(file.components.get('installer')!.binaries).toEqual([
      { package: './src/main', name: 'installer', links: [] }
    ])
    expect(seriesChain(file, controller).map(s => s.component)).toEqual(['installer', 'controller'])
    expect(selectComponents(file, ['controller']).map(c => c.name)).toEqual(['controller'])
    expect(selectComponents(file).map(c => c.name)).toEqual(['installer', 'controller'])
  })

  it('names every invalid field with its value', () => {
    const problems = problemsOf(`
components:
  Agent:
    upstream: {url: x, ref: "bad ref"}
  installer:
    upstream: {url: https://example.invalid/i.git, ref: main, tree: nothex}
    series: missing.series
    image: {name: Not_Valid, tag: '{commit}-{nope}', containerfile: Containerfile, extra: 1}
  controller:
    base: nowhere
    series: b.series
    image: {name: c, tag: t, containerfile: Containerfile}
`)
    const text = problems.join('\n')
    expect(text).toMatch(/Agent/)
    expect(text).toMatch(/components\.installer\.upstream\.tree/)
    expect(text).toMatch(/components\.installer\.image\.name/)
    expect(text).toMatch(/components\.installer\.image(\.extra|: .*extra)/)
  })

  it('reports semantic problems: missing files, unknown bases and tag variables', () => {
    const problems = problemsOf(`
components:
  installer:
    upstream: {url: https://example.invalid/i.git, ref: main}
    series: missing.series
    image: {name: i, tag: '{commit}-{nope}', containerfile: Containerfile}
  controller:
    base: nowhere
    series: b.series
    image: {name: c, tag: t, containerfile: Containerfile}
`)
    expect(problems).toContainEqual(
      expect.stringMatching(/^components\.installer\.series: missing\.series does not exist/)
    )
    expect(problems).toContainEqual(
      expect.stringMatching(/^components\.installer\.image\.tag: unknown variable \{nope\}/)
    )
    expect(problems).toContainEqual(
      expect.stringMatching(/^components\.controller\.base: must name another component/)
    )
  })

  it('replaces upstream URLs (and refs after #) for offline copies, and rejects unknown components', () => {
    const file = loadComponents(fileWith(VALID), {
      installer: 'sources/installer.bundle#upstream-880389d45013'
    })
    const installer = file.components.get('installer')!
    expect(installer.upstream.url).toBe(resolve('sources/installer.bundle'))
    expect(installer.upstream.ref).toBe('upstream-880389d45013')
    expect(file.components.get('controller')!.upstream.url).toBe(resolve('sources/installer.bundle'))
    expect(problemsOf(VALID, { agent: '/x' })).toContainEqual(
      expect.stringMatching(/^upstream override agent: no such component/)
    )
  })

  it('parses component=url overrides', () => {
    expect(parseUpstreamOverrides(['agent=/a.bundle', 'installer=https://x/y.git#main'])).toEqual({
      agent: '/a.bundle',
      installer: 'https://x/y.git#main'
    })
    expect(() => parseUpstreamOverrides(['agent'])).toThrow(/component=url/)
  })

  it('says when the file is missing or not YAML', () => {
    expect(() => loadComponents('/nonexistent/components.yaml')).toThrow(/not found/)
    expect(() => loadComponents(fileWith('components: [1, 2'))).toThrow(/not valid YAML/)
  })

  it('accepts the project components file', () => {
    const file = loadComponents(resolve('components.yaml'))
    expect([...file.components.keys()]).toEqual(['agent', 'installer', 'controller'])
  })
})
