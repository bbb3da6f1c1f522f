import type { Driver, DriverContext, DriverKind } from '../drivers/driver.js'
import { ConfigurationError } from '../util/errors.js'

export interface SwarmDriverOptions {
  /** The patched agent, installer and controller (build-push-images --binaries DIR): process driver. */
  binariesDir?: string | undefined
  /** Image references (build-push-images `images` output: component → reference): container driver. */
  images?: Record<string, string> | undefined
}

type DriverListener = (driver: Driver) => void
const listeners = new Set<DriverListener>()

/** Calls `listener` with every driver created from now on (tests and benchmarks look into real drivers). */
export function onSwarmDriver(listener: DriverListener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Creates the driver a run asked for; the real drivers load only when used. */
export async function createSwarmDriver(
  kind: DriverKind,
  context: DriverContext,
  options: SwarmDriverOptions = {}
): Promise<Driver> {
  const driver = await create(kind, context, options)
  for (const listener of listeners) listener(driver)
  return driver
}

async function create(
  kind: DriverKind,
  context: DriverContext,
  options: SwarmDriverOptions
): Promise<Driver> {
  switch (kind) {
    case 'native': {
      const { createNativeDriver } = await import('../drivers/native.js')
      return createNativeDriver(context)
    }
    case 'process': {
      if (!options.binariesDir) {
        throw new ConfigurationError(
          '--driver process needs the patched binaries: build them with `assisted-swarm apply-patches` and ' +
            '`assisted-swarm build-push-images --no-images --no-push --binaries DIR`, then pass --binaries-dir DIR ' +
            '(the binaries-dir input of the launch-swarm action)'
        )
      }
      const { createProcessDriver } = await import('../drivers/process/index.js')
      return createProcessDriver(context, { binariesDir: options.binariesDir })
    }
    case 'container': {
      const images = options.images ?? imagesFromEnvironment()
      if (!images) {
        throw new ConfigurationError(
          '--driver container needs the patched images: set ASSISTED_SWARM_IMAGES to the `images` output of ' +
            'build-push-images (JSON: {"agent": "...", "installer": "...", "controller": "..."})'
        )
      }
      const { createContainerDriver } = await import('../drivers/container/index.js')
      return createContainerDriver(context, { images })
    }
  }
}

function imagesFromEnvironment(): Record<string, string> | undefined {
  const text = process.env.ASSISTED_SWARM_IMAGES
  if (!text) return undefined
  try {
    const parsed = JSON.parse(text) as unknown
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, string>
  } catch {
    // reported below
  }
  throw new ConfigurationError(
    `ASSISTED_SWARM_IMAGES: must be a JSON object component → image reference, got ${text.slice(0, 80)}`
  )
}
