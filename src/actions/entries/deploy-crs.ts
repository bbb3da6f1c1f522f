import { run } from '../deploy-crs.js'

await run()
