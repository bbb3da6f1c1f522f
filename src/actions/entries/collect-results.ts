import { run } from '../collect-results.js'

await run()
