import { loadConfig } from '../../../server/config.js'
import { piiOf } from '../../../server/lib/pii.js'

/** The demo keys every test app runs with (DEMO=1 and no PII settings). */
export const TEST_PII = piiOf(loadConfig({ DEMO: '1' }))

/** A stored customer's phone and ID number in plain text, for assertions. */
export function openCustomer<C extends { cif_no: string; pii_key_id: string; phone_enc: string; id_no_enc: string }>(
  c: C,
) {
  return {
    ...c,
    phone: TEST_PII.decrypt('phone', c.cif_no, c.pii_key_id, c.phone_enc),
    id_no: TEST_PII.decrypt('id_no', c.cif_no, c.pii_key_id, c.id_no_enc),
  }
}
