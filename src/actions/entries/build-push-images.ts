import { run } from '../build-push-images.js'

await run()
