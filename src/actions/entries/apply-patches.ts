import { run } from '../apply-patches.js'

await run()
