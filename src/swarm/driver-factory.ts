import type { Driver, DriverContext, DriverKind } from '../drivers/driver.js'
import { ConfigurationError } from '../util/errors.js'

/** Creates the driver a run asked for; the real drivers load only when used. */
export async function createSwarmDriver(
  kind: DriverKind,
  context: DriverContext,
  options: { binariesDir?: string | undefined } = {}
): Promise<Driver> {
  switch (kind) {
    case 'native': {
      const { createNativeDriver } = await import('../drivers/native.js')
      return createNativeDriver(context)
    }
    case 'process':
    case 'container':
      throw new ConfigurationError(
        `--driver ${kind}: the real-binary drivers are not available in this version${options.binariesDir ? '' : ''}; use --driver native`
      )
  }
}
