import { pino, type Logger } from 'pino'

/** Paths pino blanks out wherever they appear: customer PII, secrets and credentials. */
export const REDACT_PATHS = [
  'phone',
  '*.phone',
  'idNo',
  '*.idNo',
  'id_no',
  '*.id_no',
  'name',
  '*.name',
  'customerName',
  '*.customerName',
  'code',
  '*.code',
  'token',
  '*.token',
  'access_token',
  '*.access_token',
  'ticket',
  '*.ticket',
  'secret',
  '*.secret',
  'headers.cookie',
  '*.headers.cookie',
  'headers.authorization',
  '*.headers.authorization',
]

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: undefined }, destination)
}

export type { Logger }
