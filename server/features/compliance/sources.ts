/** Where each rule comes from; quoted to the author and the reviewer with every finding. */
export const SOURCES = {
  wealthRules: '《商业银行理财业务监督管理办法》',
  wealthSales: '《理财公司理财产品销售管理暂行办法》',
  consumer: '《银行保险机构消费者权益保护管理办法》',
  adLawAbsolute: '《广告法》第九条',
  adLawInvestment: '《广告法》第二十五条',
  fundSales: '《公开募集证券投资基金销售机构监督管理办法》',
} as const
