import type { Db } from '../../db/connect.js'
import type { SmsSender } from '../verification/index.js'
import { recordSimulatedSms } from './sim-outbox.repository.js'

/** Demo mode's SMS gateway: codes land in the simulator's outbox, where the simulated customer phone shows them. */
export function simulatorSmsSender(db: Db): SmsSender {
  return { send: (phone, text, now) => recordSimulatedSms(db, phone, text, now) }
}
