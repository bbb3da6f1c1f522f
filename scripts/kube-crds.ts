/**
 * Writes the assisted-service CRDs that the library validates against (src/kube/generated/crds.ts), one
 * JSON file each, into a directory, so scripts/kube-env.sh installs exactly those on the test API server.
 *
 *   tsx scripts/kube-crds.ts DIR
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { crds } from '../src/kube/generated/crds.js'

const dir = process.argv[2]
if (!dir) {
  process.stderr.write('usage: tsx scripts/kube-crds.ts DIR\n')
  process.exit(2)
}
mkdirSync(dir, { recursive: true })
for (const [name, crd] of Object.entries(crds)) {
  // `status` in the generated copies is what controller-gen left there; the server owns it.
  const { status: _status, ...object } = crd
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(object, null, 2) + '\n')
}
