/**
 * Banks label a customer's assessed risk tolerance C1–C5 and a product's risk R1–R5; the CRM stores both
 * on one R1–R5 scale, so level n of a customer reads Cn and may buy products up to Rn.
 */
/** The one stored scale (see above). No zod here: the sidebar imports the labels, and zod is not in its bundle. */
export const RISK_LEVELS = ['R1', 'R2', 'R3', 'R4', 'R5'] as const

const CUSTOMER = ['保守型', '稳健型', '平衡型', '成长型', '进取型']
const PRODUCT = ['低风险', '中低风险', '中风险', '中高风险', '高风险']

const indexOf = (level: string | null | undefined) => {
  const n = Number(/^[RC]([1-5])$/.exec(level ?? '')?.[1])
  return Number.isInteger(n) ? n - 1 : -1
}

/** `R3` (as stored) → `C3 平衡型`; null when not assessed. */
export function customerRiskLabel(level: string | null | undefined): string | null {
  const i = indexOf(level)
  return i < 0 ? null : `C${i + 1} ${CUSTOMER[i]}`
}

/** `R3` → `R3 中风险`. */
export function productRiskLabel(level: string | null | undefined): string | null {
  const i = indexOf(level)
  return i < 0 ? null : `R${i + 1} ${PRODUCT[i]}`
}
