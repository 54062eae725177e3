import { ConfigError, loadConfig, type Config } from '../config.js'

/** The process entry's only use of process.env: one clear line and exit code 1 on bad settings. */
export function loadConfigOrExit(): Readonly<Config> {
  try {
    return loadConfig(process.env)
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`)
      process.exit(1)
    }
    throw err
  }
}
