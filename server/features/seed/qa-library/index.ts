import type { QaSeedEntry } from '../qa-library-entry.js'
import { ACCOUNT_ROWS } from './accounts.js'
import { CARD_ROWS } from './cards.js'
import { DEPOSIT_ROWS } from './deposit.js'
import { FUND_ROWS } from './fund.js'
import { FX_ROWS } from './fx.js'
import { GOLD_ROWS } from './gold.js'
import { FUND_MORE, FX_MORE, GOLD_MORE, WEALTH_MORE } from './invest-more.js'
import { INSURANCE_ROWS } from './insurance.js'
import { LOAN_ROWS } from './loan.js'
import { MOBILE_ROWS } from './mobile.js'
import { PENSION_ROWS } from './pension.js'
import { SERVICE_ROWS } from './service.js'
import { DEPOSIT_MORE, GENERAL_MORE, INSURANCE_MORE, LOAN_MORE, MORE_CARDS_AND_PENSION } from './service-more.js'
import { WEALTH_ROWS } from './wealth.js'

/** The topic tables added for issue 18 (coverage of what retail customers ask every day). */
export const TOPIC_ENTRIES: readonly QaSeedEntry[] = [
  ...FUND_ROWS,
  ...GOLD_ROWS,
  ...FX_ROWS,
  ...DEPOSIT_ROWS,
  ...WEALTH_ROWS,
  ...INSURANCE_ROWS,
  ...LOAN_ROWS,
  ...ACCOUNT_ROWS,
  ...PENSION_ROWS,
  ...CARD_ROWS,
  ...MOBILE_ROWS,
  ...SERVICE_ROWS,
  ...FUND_MORE,
  ...GOLD_MORE,
  ...FX_MORE,
  ...WEALTH_MORE,
  ...DEPOSIT_MORE,
  ...INSURANCE_MORE,
  ...LOAN_MORE,
  ...GENERAL_MORE,
  ...MORE_CARDS_AND_PENSION,
]
