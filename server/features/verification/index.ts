/** Public face of the verification feature: what other features may import. */
export type { SmsSender } from './sms-sender.js'
export { verificationSummary } from './verification-summary.js'
export {
  deleteBindings,
  externalIdsBoundTo,
  findFirstBinding,
  findFirstBindingBy,
  findFirstBindingWithCustomer,
  firstBindingIdOf,
  firstBindingsOf,
  firstBoundCifNo,
} from './bindings.repository.js'
export type { FirstBinding } from './bindings.repository.js'
