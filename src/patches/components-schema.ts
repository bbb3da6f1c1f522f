/** JSON Schema of components.yaml (see docs/patches.md). Semantic checks (files exist, bases) are in components.ts. */
const gitRef = { type: 'string', minLength: 1, pattern: '^[^\\s~^:?*\\[\\\\]+$' }
const imageName = {
  type: 'string',
  pattern: '^[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*$',
  description: 'repository name: lower-case letters, digits and . _ - separators'
}
const registry = {
  type: 'string',
  pattern: '^[A-Za-z0-9.-]+(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*$',
  description: 'host[:port][/namespace...]'
}

export const componentsSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: false,
  required: ['components'],
  properties: {
    registry,
    components: {
      type: 'object',
      minProperties: 1,
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['series', 'image'],
        properties: {
          upstream: {
            type: 'object',
            additionalProperties: false,
            required: ['url', 'ref'],
            properties: {
              url: { type: 'string', minLength: 1 },
              ref: gitRef,
              tree: { type: 'string', pattern: '^[0-9a-f]{40}$' }
            }
          },
          base: { type: 'string', minLength: 1 },
          series: { type: 'string', minLength: 1 },
          image: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'tag', 'containerfile'],
            properties: {
              name: imageName,
              tag: { type: 'string', pattern: '^[A-Za-z0-9_{}][A-Za-z0-9_.{}-]{0,127}$' },
              containerfile: { type: 'string', minLength: 1 },
              prebuiltContainerfile: { type: 'string', minLength: 1 },
              registry
            }
          },
          binaries: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['package', 'name'],
              properties: {
                package: { type: 'string', pattern: '^\\./' },
                name: { type: 'string', pattern: '^[A-Za-z0-9_.-]+$' },
                links: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z0-9_.-]+$' } }
              }
            }
          }
        }
      }
    }
  }
} as const
