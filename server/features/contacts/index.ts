/** Public face of the contacts feature: what other features may import. */
export {
  BURST_SIZE,
  BURST_WINDOW_MS,
  OUT_OF_PROVINCE_CAP,
  isFirstAdd,
  isPeerBankContact,
  outOfProvinceShare,
} from './attribution-rules.js'
export type { ProvinceCount } from './attribution-rules.js'
export { addsAround, addsAroundEach } from './add-bursts.js'
export { aumBand } from './bands.js'
export { customerSummary } from './customer-summary.js'
export {
  assessmentMonth,
  isOutOfProvince,
  isOutOfProvinceExcess,
  outOfProvinceAllowance,
  verifiedBefore,
} from './attribution-rules.js'
