import { run } from '../launch-swarm.js'

await run()
