/**
 * The compliance gate every outbound text passes through, on the server.
 *
 * - `checkText(db, { fields, topic, links?, disclaimer? }, { publicBaseUrl? })` → `ComplianceResult`
 *   `{ blocking, warnings, findings, requiredDisclosures, lexiconVersion }`. Text is normalised first
 *   (NFKC, traditional → simplified, case, homoglyphs, separators inside Han runs), findings point at the
 *   original span; negated disclosures (本产品不保本) do not match.
 * - `gateOutbound(db, input, { path, staffId, refId, now })`: the same, recorded in `compliance_checks`,
 *   422 COMPLIANCE_BLOCKED when anything blocks.
 * - `evaluate(input, lexicon, hosts)`: the pure core, for tests and dry runs.
 * - `requiredDisclosures` / `withDisclosures`: the 风险提示 a product or market text leaves with.
 */
export { checkText, evaluate, type CheckOptions } from './check.js'
export { complianceBlocked, gateOutbound, recordCheck, type GateOptions, type OutboundPath } from './gate.js'
export { loadLexicon, type Lexicon } from './lexicon.repository.js'
export { normalize, type Normalized } from './normalize.js'
export { BUILTIN_RULES, BUILTIN_RULES_VERSION } from './rules.js'
export { SOURCES } from './sources.js'
export {
  hasDisclosure,
  INVESTMENT_TOPICS,
  requiredDisclosures,
  STANDARD_DISCLOSURES,
  withDisclosures,
} from './disclosures.js'
export type * from './types.js'
export { complianceRoutes } from './compliance.routes.js'
export { listLexicon, proposePhrase, retirePhrase } from './lexicon.service.js'
