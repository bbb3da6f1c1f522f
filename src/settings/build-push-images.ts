import { BUILD_RUN_DIR } from './apply-patches.js'
import { DEBUG, QUIET } from './common.js'
import type { StageTable } from './options.js'

export const buildPushImagesTable: StageTable = {
  stage: 'build-push-images',
  description:
    'Build the patched agent, installer and controller images with buildah or podman, push them to a registry, and/or build the plain binaries for the process driver.',
  options: [
    {
      name: 'components',
      description: 'Components file listing images, Containerfiles and registries.',
      kind: 'path',
      default: 'components.yaml'
    },
    {
      name: 'only',
      description: 'Components to build (comma separated); default: all.',
      kind: 'list'
    },
    {
      name: 'trees',
      description:
        'JSON map component → patched tree (the trees output of apply-patches). Default: <run-dir>/src/<component>.',
      kind: 'string'
    },
    {
      name: 'from',
      description:
        'What the image is built from: source (the component Containerfile compiles the patched tree in a Go builder image) or binaries (binaries compiled here with the local Go, put in a small image by the prebuilt Containerfile; nothing is pulled).',
      kind: 'enum',
      choices: ['source', 'binaries'],
      default: 'source'
    },
    {
      name: 'images',
      description: 'Build the images; without them, only the binaries are built (with --binaries).',
      kind: 'boolean',
      default: 'true'
    },
    {
      name: 'registry',
      description: 'Registry to push to (overrides the components file), e.g. 127.0.0.1:5000/swarm.',
      kind: 'string'
    },
    {
      name: 'registry-username',
      description: 'Registry user name.',
      kind: 'string',
      env: 'ASSISTED_SWARM_REGISTRY_USERNAME'
    },
    {
      name: 'registry-password',
      description: 'Registry password or token (use a secret). Masked; never logged or stored.',
      kind: 'secret',
      cli: { hidden: true },
      env: 'ASSISTED_SWARM_REGISTRY_PASSWORD'
    },
    {
      name: 'builder',
      description: 'Image builder.',
      kind: 'enum',
      choices: ['buildah', 'podman'],
      default: 'buildah'
    },
    {
      name: 'push',
      description: 'Push the images after building.',
      kind: 'boolean',
      default: 'true'
    },
    {
      name: 'binaries',
      description:
        'Also build the plain binaries into this directory (for the process driver): agent (with its tool links), installer, assisted-installer-controller.',
      kind: 'path'
    },
    {
      name: 'go-cache',
      description:
        'Go build cache for the binaries (GOCACHE); keep it between runs: a cold build takes minutes per component.',
      kind: 'path',
      env: 'GOCACHE'
    },
    {
      name: 'tls-verify',
      description: 'Verify the registry TLS certificate.',
      kind: 'boolean',
      default: 'true'
    },
    {
      name: 'parallel',
      description: 'Components built at once.',
      kind: 'integer',
      default: '2'
    },
    BUILD_RUN_DIR,
    QUIET,
    DEBUG
  ],
  outputs: [
    { name: 'images', description: 'JSON map component → image reference with digest (name@sha256:...).' },
    { name: 'binaries', description: 'Directory of the built binaries, if asked.' }
  ]
}
