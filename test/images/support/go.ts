/** The Go toolchain for the slow tests: present or not, and one build cache kept between runs. */
import { execFileSync } from 'node:child_process'
import { homedir } from 'node:os'
import { join } from 'node:path'

export function goSkipReason(): string | undefined {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' })
    return undefined
  } catch {
    return 'no Go toolchain ("go" in PATH)'
  }
}

/**
 * GOCACHE of the tests: $ASSISTED_SWARM_TEST_GOCACHE, else ~/.cache/assisted-swarm/go-build-test. Reused across
 * runs so only the first build of the patched agent, installer and controller is cold (minutes each).
 */
export function testGoCache(): string {
  return (
    process.env.ASSISTED_SWARM_TEST_GOCACHE || join(homedir(), '.cache', 'assisted-swarm', 'go-build-test')
  )
}
