import { normalize } from './normalize.js'

/** The standard 风险提示 per topic; a text about products or markets leaves with one, whichever path sends it. */
export const STANDARD_DISCLOSURES: Record<string, string> = {
  wealth: '理财非存款、产品有风险、投资须谨慎。',
  fund: '基金有风险，投资须谨慎。过往业绩不代表未来表现。',
  gold: '贵金属价格波动较大，投资有风险，请谨慎决策。',
  fx: '汇率波动存在风险，请谨慎决策。',
  insurance: '保险产品不同于存款，请仔细阅读保险条款。',
  market: '以上内容仅供参考，不构成投资建议。市场有风险，投资须谨慎。',
}

export const INVESTMENT_TOPICS: readonly string[] = ['fund', 'gold', 'fx', 'insurance', 'wealth']

const PRODUCT_WORDS =
  /理财|基金|净值|收益|业绩比较基准|黄金|贵金属|外汇|汇率|保险产品|股票|指数|行情|大盘|债券|结构性存款|年化/u
// A text already carrying any of these has its 风险提示.
const HAS_DISCLOSURE = /风险提示|投资(?:须|需)谨慎|产品有风险|投资有风险|不构成投资建议|市场有风险/u

/** Which 风险提示 a text needs: by topic, or by what it talks about when the topic is general. */
export function requiredDisclosures(topic: string, texts: string[]): string[] {
  if (INVESTMENT_TOPICS.includes(topic)) return [STANDARD_DISCLOSURES[topic]!]
  const joined = normalize(texts.join('\n')).text
  return PRODUCT_WORDS.test(joined) ? [STANDARD_DISCLOSURES.wealth!] : []
}

/** Whether the text (or its own disclaimer) already carries a 风险提示. */
export function hasDisclosure(text: string): boolean {
  return HAS_DISCLOSURE.test(normalize(text).text)
}

/** The text as it leaves the bank: with its own 风险提示, or the standard one it needs. */
export function withDisclosures(text: string, own: string | null | undefined, required: string[]): string {
  if (own?.trim()) return hasDisclosure(text) && text.includes(own.trim()) ? text : `${text}\n风险提示：${own.trim()}`
  if (!required.length || hasDisclosure(text)) return text
  return `${text}\n风险提示：${required.join('')}`
}
