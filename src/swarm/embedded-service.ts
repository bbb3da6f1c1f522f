import type { Logger } from '../util/logging.js'

/** The embedded assisted-service simulator, started in-process when a run has no service. */
export interface EmbeddedService {
  url: string
  close(): Promise<void>
}

export async function startEmbeddedService(options: {
  profile: 'fast' | 'real'
  stateFile?: string
  logger: Logger
  port?: number
}): Promise<EmbeddedService> {
  const { startSimulator } = await import('../sim/index.js')
  const sim = await startSimulator({
    host: '127.0.0.1',
    port: options.port ?? 0,
    profile: options.profile,
    ...(options.stateFile ? { stateFile: options.stateFile } : {}),
    logger: options.logger
  })
  return { url: sim.url, close: () => sim.close() }
}
