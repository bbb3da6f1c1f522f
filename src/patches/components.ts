import { existsSync, readFileSync } from 'node:fs'
import { dirname, isAbsolute, resolve } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { ConfigurationError, errorMessage } from '../util/errors.js'
import { createFriendlyValidator } from '../util/json-schema.js'
import { componentsSchema } from './components-schema.js'
import { TAG_VARIABLES } from './tags.js'

/** Where a component's source comes from: a git URL (or path, or bundle) and the pinned ref. */
export interface UpstreamSpec {
  url: string
  /** Commit (40 hex digits, preferred), tag or branch. */
  ref: string
  /** Tree id of the pinned commit: checked after fetching, and the cache key (same for any copy of the commit). */
  tree?: string
}

/** One binary of a component, built with `go build` from the patched tree. */
export interface BinarySpec {
  /** Go package, e.g. ./src/agent/main */
  package: string
  /** File name in the binaries directory. */
  name: string
  /** Symlinks to the binary, created next to it (the agent's tools). */
  links: string[]
}

export interface ImageSpec {
  /** Repository name under the registry, e.g. assisted-installer-agent. */
  name: string
  /** Tag template; variables: {commit}, {series}, {component}. */
  tag: string
  /** Multi-stage build from the patched tree (the tree is the build context). Absolute path. */
  containerfile: string
  /** Image around prebuilt binaries (a directory holding them is the build context). Absolute path. */
  prebuiltContainerfile?: string
  /** Registry for this component, overriding the file's. */
  registry?: string
}

export interface ComponentSpec {
  name: string
  upstream: UpstreamSpec
  /** Component whose series is applied first, on the same upstream (the controller builds on the installer). */
  base?: string
  /** Absolute path of the series file. */
  series: string
  image: ImageSpec
  binaries: BinarySpec[]
}

export interface ComponentsFile {
  /** Absolute path of the file. */
  path: string
  registry?: string
  components: Map<string, ComponentSpec>
}

interface RawComponent {
  upstream?: UpstreamSpec
  base?: string
  series: string
  image: Omit<ImageSpec, 'containerfile' | 'prebuiltContainerfile'> & {
    containerfile: string
    prebuiltContainerfile?: string
  }
  binaries?: { package: string; name: string; links?: string[] }[]
}

interface RawFile {
  registry?: string
  components: Record<string, RawComponent>
}

const validator = createFriendlyValidator(componentsSchema as unknown as Record<string, unknown>)

/**
 * Reads and validates the components file. Every problem is reported at once, one line per field
 * (`components.agent.upstream.ref: must be ...`), as a ConfigurationError. Relative paths are relative to the
 * file. `upstreamOverrides` replaces upstream URLs (and, after a `#`, refs): `{agent: '/x/agent.bundle'}`.
 */
export function loadComponents(file: string, upstreamOverrides: Record<string, string> = {}): ComponentsFile {
  const path = resolve(file)
  if (!existsSync(path)) throw new ConfigurationError(`components file ${file}: not found`)
  let raw: unknown
  try {
    raw = parseYaml(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new ConfigurationError(`components file ${file}: not valid YAML: ${errorMessage(error)}`)
  }
  const problems = validator.problems(raw)
  const names = (raw as { components?: unknown })?.components
  if (names && typeof names === 'object') {
    for (const name of Object.keys(names)) {
      if (!/^[a-z][a-z0-9-]*$/.test(name)) {
        problems.unshift(`components.${name}: a component name must be lower-case letters, digits and "-"`)
      }
    }
  }
  if (problems.length) throw new ConfigurationError(problems, `components file ${file} is invalid:`)
  const data = raw as RawFile
  const base = dirname(path)
  const rel = (p: string): string => (isAbsolute(p) ? p : resolve(base, p))

  const components = new Map<string, ComponentSpec>()
  for (const [name, c] of Object.entries(data.components)) {
    const where = `components.${name}`
    const upstream = c.upstream ?? (c.base ? data.components[c.base]?.upstream : undefined)
    if (!upstream) problems.push(`${where}.upstream: is required unless the component has a base`)
    if (c.upstream && c.base) problems.push(`${where}: give either upstream or base, not both`)
    if (c.base && !data.components[c.base]) {
      problems.push(
        `${where}.base: must name another component (${Object.keys(data.components).join(', ')}), got ${JSON.stringify(c.base)}`
      )
    }
    if (c.base === name) problems.push(`${where}.base: a component cannot be its own base`)
    for (const [field, p] of [
      ['series', c.series],
      ['image.containerfile', c.image.containerfile],
      ['image.prebuiltContainerfile', c.image.prebuiltContainerfile]
    ] as const) {
      if (p !== undefined && !existsSync(rel(p)))
        problems.push(`${where}.${field}: ${p} does not exist (relative to ${base})`)
    }
    for (const variable of c.image.tag.match(/\{[^}]*\}/g) ?? []) {
      if (!TAG_VARIABLES.includes(variable)) {
        problems.push(`${where}.image.tag: unknown variable ${variable} (known: ${TAG_VARIABLES.join(', ')})`)
      }
    }
    if (!upstream) continue
    const override = upstreamOverrides[name] ?? (c.base ? upstreamOverrides[c.base] : undefined)
    components.set(name, {
      name,
      upstream: applyOverride(upstream, override),
      ...(c.base ? { base: c.base } : {}),
      series: rel(c.series),
      image: {
        name: c.image.name,
        tag: c.image.tag,
        containerfile: rel(c.image.containerfile),
        ...(c.image.prebuiltContainerfile
          ? { prebuiltContainerfile: rel(c.image.prebuiltContainerfile) }
          : {}),
        ...(c.image.registry ? { registry: c.image.registry } : {})
      },
      binaries: (c.binaries ?? []).map(b => ({ package: b.package, name: b.name, links: b.links ?? [] }))
    })
  }
  for (const name of Object.keys(upstreamOverrides)) {
    if (!data.components[name]) {
      problems.push(
        `upstream override ${name}: no such component (${Object.keys(data.components).join(', ')})`
      )
    }
  }
  for (const name of components.keys()) {
    const seen = new Set<string>()
    for (let c: string | undefined = name; c; c = data.components[c]?.base) {
      if (seen.has(c)) {
        problems.push(`components.${name}.base: the chain of bases loops (${[...seen, c].join(' → ')})`)
        break
      }
      seen.add(c)
    }
  }
  if (problems.length) throw new ConfigurationError(problems, `components file ${file} is invalid:`)
  return { path, ...(data.registry ? { registry: data.registry } : {}), components }
}

/** `url` or `url#ref` replaces the upstream; a new URL keeps the pinned ref and tree. */
function applyOverride(upstream: UpstreamSpec, override: string | undefined): UpstreamSpec {
  if (!override) return upstream
  const hash = override.lastIndexOf('#')
  const url = hash > 0 ? override.slice(0, hash) : override
  const ref = hash > 0 ? override.slice(hash + 1) : upstream.ref
  return { ...upstream, url: resolveLocalUrl(url), ref }
}

/** Local paths (bundles, clones) become absolute so git finds them from any working directory. */
function resolveLocalUrl(url: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) || /^[^/]+@[^:]+:/.test(url)) return url
  return resolve(url)
}

/**
 * Parses upstream overrides given as `component=url[#ref]` (option `upstream`), e.g.
 * `agent=../shared/upstream/sources/assisted-installer-agent.bundle`.
 */
export function parseUpstreamOverrides(items: readonly string[]): Record<string, string> {
  const overrides: Record<string, string> = {}
  for (const item of items) {
    const eq = item.indexOf('=')
    if (eq <= 0 || eq === item.length - 1) {
      throw new ConfigurationError(
        `upstream override: must be component=url[#ref], got ${JSON.stringify(item)}`
      )
    }
    overrides[item.slice(0, eq).trim()] = item.slice(eq + 1).trim()
  }
  return overrides
}

/** The components to process, bases before the components built on them: all, or those named in `only`. */
export function selectComponents(file: ComponentsFile, only: readonly string[] = []): ComponentSpec[] {
  for (const name of only) {
    if (!file.components.has(name)) {
      throw new ConfigurationError(
        `only: unknown component ${JSON.stringify(name)} (known: ${[...file.components.keys()].join(', ')})`
      )
    }
  }
  const wanted = only.length ? new Set(only) : new Set(file.components.keys())
  const ordered: ComponentSpec[] = []
  const visit = (name: string): void => {
    const c = file.components.get(name)!
    if (ordered.includes(c)) return
    if (c.base) visit(c.base)
    if (wanted.has(name)) ordered.push(c)
  }
  for (const name of file.components.keys()) visit(name)
  return ordered
}

/** The series files of a component, base first: the controller's are the installer's then its own. */
export function seriesChain(
  file: ComponentsFile,
  component: ComponentSpec
): { component: string; series: string }[] {
  const chain: { component: string; series: string }[] = []
  for (
    let c: ComponentSpec | undefined = component;
    c;
    c = c.base ? file.components.get(c.base) : undefined
  ) {
    chain.unshift({ component: c.name, series: c.series })
  }
  return chain
}
