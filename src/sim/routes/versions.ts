import type { FastifyInstance } from 'fastify'
import { minorOf } from '../config/releases.js'
import { query, route } from '../http/route.js'
import type { RouteDeps } from './deps.js'

/** Versions and small catalogue routes a client reads before creating clusters. */
export async function versionRoutes(app: FastifyInstance, { sim }: RouteDeps): Promise<void> {
  route(app, 'v2ListSupportedOpenshiftVersions', (request, reply) => {
    const q = query<{ version?: string; only_latest?: boolean }>(request)
    const out: Record<
      string,
      { display_name: string; support_level: string; default?: boolean; cpu_architectures: string[] }
    > = {}
    for (const image of sim.opts.releaseImages) {
      if (q.version && !image.version.startsWith(q.version) && image.openshift_version !== q.version) continue
      const entry = (out[image.version] ??= {
        display_name: image.version,
        support_level: image.support_level ?? 'production',
        cpu_architectures: []
      })
      for (const arch of image.cpu_architectures?.length
        ? image.cpu_architectures
        : [image.cpu_architecture]) {
        if (!entry.cpu_architectures.includes(arch)) entry.cpu_architectures.push(arch)
      }
      if (image.default) entry.default = true
    }
    if (q.only_latest) {
      const latest = new Map<string, string>()
      for (const version of Object.keys(out)) {
        const minor = minorOf(version)
        const seen = latest.get(minor)
        if (!seen || seen.localeCompare(version, undefined, { numeric: true }) < 0) latest.set(minor, version)
      }
      for (const version of Object.keys(out))
        if (latest.get(minorOf(version)) !== version) delete out[version]
    }
    reply.send(out)
  })

  route(app, 'v2ListComponentVersions', (_request, reply) => {
    reply.send({
      versions: {
        'assisted-installer-service': 'assisted-swarm-simulator',
        'discovery-agent': sim.opts.agentImage,
        'assisted-installer': sim.opts.installerImage,
        'assisted-installer-controller': sim.opts.controllerImage
      },
      release_tag: 'simulator'
    })
  })

  route(app, 'V2ListSupportedOperators', (_request, reply) => reply.send([]))
  route(app, 'V2ListManagedDomains', (_request, reply) => reply.send([]))
  route(app, 'v2ListReleaseSources', (_request, reply) => reply.send([]))
}
