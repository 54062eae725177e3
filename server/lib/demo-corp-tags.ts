import { createHash } from 'node:crypto'

/**
 * The demo corp's tag catalogue, as a bank's admin would set it up in the WeCom admin console: the simulator
 * serves it (get_corp_tag_list) and the demo seed tags customers with it, so both must share the ids.
 */
export const DEMO_TAG_CATALOGUE: readonly { group: string; tags: readonly string[] }[] = [
  { group: '客户等级', tags: ['私行客户', '财富客户', '贵宾客户', '大众客户'] },
  { group: '资产段', tags: ['5万以下', '5-50万', '50-600万', '600万以上'] },
  { group: '兴趣偏好', tags: ['基金', '黄金', '外汇', '保险', '理财', '存款'] },
  { group: '客户来源', tags: ['网点到访', '代发工资', '线上活动', '老客户转介', '社区活动'] },
  { group: '服务状态', tags: ['存款即将到期', '风评即将过期', '待回访'] },
]

/** WeCom-shaped (`et…`) stable id of a demo group (`客户等级`) or tag (`客户等级/财富客户`). */
export const demoTagId = (key: string) =>
  'et' + createHash('sha1').update(`sim-tag:${key}`).digest('base64url').slice(0, 20)
