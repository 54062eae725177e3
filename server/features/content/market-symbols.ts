import type { MarketSymbol } from '../../contracts/content.js'

/** The six series the library charts; names are what customers read. */
export const MARKET_SYMBOLS: Record<MarketSymbol, { name: string; unit: string; decimals: number }> = {
  SH000001: { name: '上证指数', unit: '点', decimals: 2 },
  HSI: { name: '恒生指数', unit: '点', decimals: 2 },
  IXIC: { name: '纳斯达克综合指数', unit: '点', decimals: 2 },
  N225: { name: '日经225指数', unit: '点', decimals: 2 },
  XAUUSD: { name: '伦敦金（美元/盎司）', unit: '美元/盎司', decimals: 2 },
  USDCNY: { name: '美元兑人民币', unit: '', decimals: 4 },
}
