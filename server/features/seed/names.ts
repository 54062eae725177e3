import type { Rng } from './prng.js'

/** `字pinyin` pairs, most common first; the order sets the draw weight. */
function parse(list: string): (readonly [string, string])[] {
  return list.split(' ').map((entry) => {
    const split = entry.search(/[a-z]/)
    return [entry.slice(0, split), entry.slice(split)] as const
  })
}

const SURNAMES = parse(
  '王wang 李li 张zhang 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou 徐xu 孙sun 马ma 朱zhu 胡hu 郭guo ' +
    '何he 林lin 罗luo 高gao 郑zheng 梁liang 谢xie 宋song 唐tang 许xu 韩han 冯feng 邓deng 曹cao 彭peng ' +
    '曾zeng 肖xiao 田tian 董dong 袁yuan 潘pan 于yu 蒋jiang 蔡cai 余yu 杜du 叶ye 程cheng 苏su 魏wei 吕lv ' +
    '丁ding 任ren 沈shen 姚yao 卢lu 姜jiang 崔cui 钟zhong 谭tan 陆lu 汪wang 范fan 金jin 石shi 廖liao 贾jia ' +
    '夏xia 韦wei 付fu 方fang 白bai 邹zou 孟meng 熊xiong 秦qin 邱qiu 江jiang 尹yin 薛xue 闫yan 段duan 雷lei ' +
    '侯hou 龙long 史shi 陶tao 黎li 贺he 顾gu 毛mao 郝hao 龚gong 邵shao 万wan 钱qian 严yan 武wu 戴dai ' +
    '莫mo 孔kong 向xiang 汤tang 欧阳ouyang 诸葛zhuge 上官shangguan',
)

const MALE_CHARS = parse(
  '伟wei 强qiang 磊lei 军jun 勇yong 杰jie 涛tao 斌bin 超chao 明ming 刚gang 平ping 辉hui 鹏peng 华hua ' +
    '飞fei 鑫xin 波bo 宇yu 浩hao 凯kai 健jian 俊jun 帆fan 帅shuai 旭xu 宁ning 龙long 建jian 国guo 志zhi ' +
    '文wen 海hai 东dong 晨chen 阳yang 峰feng 博bo 子zi 轩xuan 泽ze 然ran 天tian 成cheng 嘉jia 豪hao 德de ' +
    '永yong 立li 庆qing 民min 荣rong 新xin 春chun 家jia 一yi 乐le 航hang 睿rui 哲zhe',
)

const FEMALE_CHARS = parse(
  '芳fang 娜na 敏min 静jing 丽li 艳yan 娟juan 霞xia 秀xiu 玲ling 燕yan 婷ting 雪xue 慧hui 莹ying 琳lin ' +
    '晶jing 颖ying 倩qian 洁jie 佳jia 梅mei 红hong 萍ping 欣xin 怡yi 悦yue 思si 雨yu 萱xuan 彤tong 妍yan ' +
    '璐lu 琪qi 瑶yao 月yue 兰lan 凤feng 英ying 桂gui 淑shu 文wen 晓xiao 小xiao 春chun 丹dan 云yun 珊shan ' +
    '蕾lei 诗shi 涵han 梦meng 可ke 馨xin 琴qin 爱ai',
)

export interface PersonName {
  name: string
  /** Lowercase pinyin without tones, for WeCom userids. */
  pinyin: string
}

/** Zipf-like draw: earlier (more common) entries come up more often. */
function common<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(items.length * rng.next() ** 2.2)]!
}

/** A plausible Chinese name; older people more often have a one-character given name. */
export function randomName(rng: Rng, gender: 'M' | 'F', birthYear = 1985): PersonName {
  const [surname, surnamePinyin] = common(rng, SURNAMES)
  const chars = gender === 'M' ? MALE_CHARS : FEMALE_CHARS
  const singleShare = birthYear < 1970 ? 0.45 : birthYear < 1990 ? 0.3 : 0.15
  const count = rng.chance(singleShare) ? 1 : 2
  let name = surname
  let pinyin = surnamePinyin
  for (let i = 0; i < count; i++) {
    const [char, charPinyin] = rng.pick(chars)
    name += char
    pinyin += charPinyin
  }
  return { name, pinyin }
}
