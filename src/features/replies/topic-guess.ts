import type { QaTopic } from '@contracts/replies'

// Words that name a topic outright; checked in this order, so 购汇 wins over 存款 in 「留学购汇要存款证明吗」.
const WORDS: Array<[QaTopic, RegExp]> = [
  ['fx', /购汇|结汇|外汇|汇率|换汇|美元|欧元|日元|英镑|港币|留学|境外汇款|跨境/],
  ['gold', /黄金|金条|积存金|贵金属/],
  ['fund', /基金|定投|净值|申购|赎回|ETF/i],
  ['insurance', /保险|保单|年金险|重疾|理赔/],
  ['loan', /贷款|房贷|车贷|利率下调|还款|提前还/],
  ['wealth', /理财|净值型|封闭期/],
  ['deposit', /存款|定期|活期|大额存单|存单/],
]

/**
 * The topic a 问中台 question is most likely about, from its own words; null when it names none. The
 * customer's holdings are no guide: a deposit holder asking about 留学购汇 is asking about FX.
 */
export function guessTopic(question: string): QaTopic | null {
  return WORDS.find(([, re]) => re.test(question))?.[0] ?? null
}
