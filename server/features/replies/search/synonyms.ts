/**
 * The maintained synonym list: each group holds words customers and the library use for the same
 * thing. Any member found in a text adds the whole group, so 美金 finds answers written with 美元.
 * Keep groups narrow — a loose group (e.g. 钱/资金/收益) makes every question match everything.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['购买', '买', '买入', '申购', '认购', '入手', '配置', '投资'],
  ['赎回', '卖出', '卖掉', '卖', '取出', '变现'],
  ['美元', '美金', 'usd', '刀'],
  ['黄金', '金子', '金价', '积存金', '金条'],
  ['利息', '利率', '收益', '收益率'],
  ['手续费', '费用', '费率', '收费', '成本'],
  ['到账', '到帐', '入账'],
  ['亏损', '亏', '亏钱', '亏本', '浮亏', '跌', '下跌', '回撤', '负'],
  ['退保', '退', '犹豫期'],
  ['理赔', '报销', '赔付', '报案'],
  ['外汇', '换汇', '购汇', '结汇', '外币'],
  ['汇率', '牌价', '价格', '什么价'],
  ['存款', '存钱', '储蓄', '存'],
  ['定期', '定存', '存单'],
  ['贷款', '借钱', '借款', '贷'],
  ['房贷', '按揭', '住房贷款'],
  ['提前还款', '提前还', '提前还贷'],
  ['挂失', '丢', '丢了', '找不到'],
  ['限额', '额度', '最多'],
  ['养老', '退休', '养老金'],
  ['孩子', '小孩', '子女', '小朋友'],
  ['留学', '读书', '上学', '出国'],
  ['重疾险', '重大疾病', '大病'],
  ['医疗险', '医疗保险', '住院'],
  ['风险评估', '风险测评', '风评', '测评'],
  ['保值', '抗通胀'],
  ['闲钱', '闲置', '余钱'],
  ['冒充', '诈骗', '骗子', '可疑'],
  ['征信', '信用记录'],
  ['逾期', '晚还', '迟还'],
  ['分红', '红利'],
  ['海外', '境外', '国外', '国际'],
  ['美股', '港股', '纳斯达克', 'qdii', '海外'],
  ['汇款', '打钱', '汇钱', '转账'],
  ['每年', '一年', '年度'],
  ['营业时间', '几点', '下班', '周末'],
  ['身份证', '证件'],
]

const groupsByWord = new Map<string, readonly string[]>()
for (const group of SYNONYM_GROUPS) {
  for (const word of group) groupsByWord.set(word, [...(groupsByWord.get(word) ?? []), ...group])
}

/** The other words of every group `word` belongs to (empty when it has none). */
export function synonymsOf(word: string): readonly string[] {
  return groupsByWord.get(word) ?? []
}
