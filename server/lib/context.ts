import type { Config } from '../config.js'
import type { Db } from '../db/connect.js'
import type { Logger } from './logger.js'

/** What every feature module receives: configuration, database, logger and a clock tests can move. */
export interface AppContext {
  config: Readonly<Config>
  db: Db
  logger: Logger
  now: () => Date
}
