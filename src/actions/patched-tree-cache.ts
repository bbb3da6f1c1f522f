import * as cache from '@actions/cache'
import { errorMessage } from '../util/errors.js'
import type { Logger } from '../util/logging.js'
import { removeTree } from '../patches/exec.js'
import type { TreeCache } from '../patches/cache.js'

/**
 * The cache of patched trees in GitHub Actions (@actions/cache): one entry per component, upstream and series
 * hash. A cache service outage only costs a fresh fetch and patch; it never fails the step.
 */
export class ActionsTreeCache implements TreeCache {
  readonly description = 'actions cache'

  constructor(private readonly logger: Logger) {}

  async restore(key: string, dir: string): Promise<boolean> {
    if (!cache.isFeatureAvailable()) return false
    try {
      await removeTree(dir)
      return (await cache.restoreCache([dir], key)) === key
    } catch (error) {
      this.logger.warning(`cache restore of ${key} failed: ${errorMessage(error)}`)
      return false
    }
  }

  async save(key: string, dir: string): Promise<void> {
    if (!cache.isFeatureAvailable()) return
    try {
      await cache.saveCache([dir], key)
    } catch (error) {
      // another job saved the same key first, or the service is away: the next run patches again
      this.logger.debug(`cache save of ${key} skipped: ${errorMessage(error)}`)
    }
  }
}
