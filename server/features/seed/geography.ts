/** Provinces the demo bank touches, each with real county-level division codes (GB/T 2260). */
export const REGION_CODES: Readonly<Record<string, readonly string[]>> = {
  北京市: ['110105', '110108', '110101', '110102', '110106'],
  浙江省: ['330106', '330108', '330102', '330212', '330203', '330302'],
  安徽省: ['340104', '340102', '340103', '340202'],
  江苏省: ['320106', '320102', '320506', '320508', '320211', '320213'],
  上海市: ['310115', '310104', '310105', '310112'],
  广东省: ['440106', '440104', '440304', '440305', '441900'],
  湖南省: ['430104', '430102', '430105'],
  河南省: ['410105', '410102', '410303'],
  四川省: ['510104', '510107', '510108'],
  山东省: ['370102', '370103', '370202'],
  湖北省: ['420106', '420102', '420111'],
  江西省: ['360102', '360103'],
  福建省: ['350102', '350203', '350503'],
}

export const PROVINCES = Object.keys(REGION_CODES)

export interface BranchSpec {
  id: string
  name: string
  parentId: string | null
  level: 'head' | 'branch' | 'sub'
  province: string
  /** Relative share of the bank's customers (sub-branches only). */
  weight: number
}

/** A mid-sized regional bank: head office in Beijing, three branches, twelve sub-branches. */
export const BRANCHES: readonly BranchSpec[] = [
  { id: 'B000', name: '总行', parentId: null, level: 'head', province: '北京市', weight: 0 },
  { id: 'B001', name: '北京朝阳支行', parentId: 'B000', level: 'sub', province: '北京市', weight: 9 },
  { id: 'B010', name: '杭州分行', parentId: 'B000', level: 'branch', province: '浙江省', weight: 0 },
  { id: 'B011', name: '杭州西湖支行', parentId: 'B010', level: 'sub', province: '浙江省', weight: 10 },
  { id: 'B012', name: '杭州滨江支行', parentId: 'B010', level: 'sub', province: '浙江省', weight: 8 },
  { id: 'B013', name: '宁波鄞州支行', parentId: 'B010', level: 'sub', province: '浙江省', weight: 7 },
  { id: 'B014', name: '合肥蜀山支行', parentId: 'B010', level: 'sub', province: '安徽省', weight: 5 },
  { id: 'B020', name: '南京分行', parentId: 'B000', level: 'branch', province: '江苏省', weight: 0 },
  { id: 'B021', name: '南京鼓楼支行', parentId: 'B020', level: 'sub', province: '江苏省', weight: 9 },
  { id: 'B022', name: '苏州工业园区支行', parentId: 'B020', level: 'sub', province: '江苏省', weight: 8 },
  { id: 'B024', name: '上海浦东支行', parentId: 'B020', level: 'sub', province: '上海市', weight: 8 },
  { id: 'B030', name: '广州分行', parentId: 'B000', level: 'branch', province: '广东省', weight: 0 },
  { id: 'B031', name: '广州天河支行', parentId: 'B030', level: 'sub', province: '广东省', weight: 9 },
  { id: 'B032', name: '深圳福田支行', parentId: 'B030', level: 'sub', province: '广东省', weight: 9 },
  { id: 'B033', name: '东莞南城支行', parentId: 'B030', level: 'sub', province: '广东省', weight: 5 },
  { id: 'B034', name: '长沙岳麓支行', parentId: 'B030', level: 'sub', province: '湖南省', weight: 5 },
]

/** Mainland mobile prefixes of the three carriers. */
export const MOBILE_PREFIXES = [
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '147',
  '150',
  '151',
  '152',
  '157',
  '158',
  '159',
  '172',
  '178',
  '182',
  '183',
  '184',
  '187',
  '188',
  '195',
  '198',
  '130',
  '131',
  '132',
  '155',
  '156',
  '166',
  '175',
  '176',
  '185',
  '186',
  '196',
  '133',
  '149',
  '153',
  '173',
  '177',
  '180',
  '181',
  '189',
  '191',
  '193',
  '199',
] as const

/** Other banks' names for the "swapped adds" pattern (fictional). */
export const OTHER_BANKS = ['恒通银行', '瑞丰商业银行', '汇信银行', '东海农商银行', '长盛银行', '华鑫银行'] as const
export const OTHER_BANK_SUBS = ['城东支行', '高新区支行', '滨江支行', '开发区支行', '营业部', '新城支行'] as const
