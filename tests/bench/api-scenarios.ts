import type { BenchServer } from './child-process.js'
import type { BenchFlags } from './flags.js'
import { load, pick, sequential, type LoadResult } from './load.js'
import type { Subjects } from './subjects.js'

/** What managers type into the 内容 search box (≤ 40 characters). */
const CONTENT_QUERIES = [
  '基金定投',
  '理财',
  '大额存单',
  '养老',
  '美元',
  '黄金',
  '存款利率',
  '国债',
  '保险',
  '市场周报',
  '',
  '',
]
/** What customers ask in chat; the 话术 tab searches the Q&A library with it. */
const CUSTOMER_QUESTIONS = [
  '定期存款提前支取利息怎么算？',
  '基金赎回多久能到账',
  '理财产品亏了怎么办',
  '大额存单能转让吗',
  '信用卡分期手续费是多少',
  '我想给孩子存教育金，有什么推荐',
  '手机银行转账限额怎么调高',
  '美元现在换划算吗',
  '养老金账户怎么开',
  '你们的理财安全吗，保本吗',
  '房贷可以提前还吗',
  '黄金积存怎么买',
  '工资卡年费能免吗',
  '国债什么时候发行',
  '最近有什么稳健一点的产品',
]

export interface ApiFigures {
  profileMax: LoadResult
  profileHalf: LoadResult
  recommendations: LoadResult
  suggestionsMax: LoadResult
  suggestionsAt100: LoadResult
  dashboardBranch: { p50: number; p95: number; requests: number; failures: number }
  dashboardHead: { p50: number; p95: number; requests: number; failures: number }
}

const q = (params: Record<string, string>) => new URLSearchParams(params).toString()

export async function runApiScenarios(
  server: BenchServer,
  s: Subjects,
  flags: BenchFlags,
  step: (name: string) => void,
): Promise<ApiFigures> {
  const base = { seconds: flags.duration, connections: flags.connections }
  const profile = () => ({
    path: `/api/contacts/${encodeURIComponent(pick(s.busiest.contacts))}`,
    headers: { cookie: s.busiest.cookie },
  })
  step('profile, max throughput')
  const profileMax = await load(server, { ...base, next: profile })
  step('profile, at half of max throughput')
  const profileHalf = await load(server, { ...base, rate: Math.max(1, Math.round(profileMax.rps / 2)), next: profile })

  step('recommendations, max throughput')
  const recommendations = await load(server, {
    ...base,
    next: () => {
      const m = pick(s.managers)
      const query = pick(CONTENT_QUERIES)
      return {
        path: `/api/content/recommendations?${q({ externalUserId: pick(m.contacts), ...(query ? { q: query } : {}) })}`,
        headers: { cookie: m.cookie },
      }
    },
  })
  // Suggestions are rate-limited per manager (240/min): spread over every manager as a branch network would.
  const suggestion = () => {
    const m = pick(s.managers)
    return {
      path: `/api/replies/suggestions?${q({ externalUserId: pick(m.contacts), q: pick(CUSTOMER_QUESTIONS) })}`,
      headers: { cookie: m.cookie },
    }
  }
  step('reply suggestions, at 100 req/s')
  const suggestionsAt100 = await load(server, { ...base, rate: 100, next: suggestion })
  step('reply suggestions, max throughput (bounded by the per-manager limit)')
  const suggestionsMax = await load(server, { ...base, next: suggestion })

  const month = 'period=month'
  step('dashboard, branch × month')
  const dashboardBranch = await sequential(server, {
    seconds: flags.duration,
    maxRequests: 200,
    next: () => ({
      path: `/api/dashboard/process?${month}&branchId=${s.branchSupervisor.branchId}`,
      headers: { cookie: s.branchSupervisor.cookie },
    }),
  })
  step('dashboard, head office × month')
  const dashboardHead = await sequential(server, {
    seconds: flags.duration,
    maxRequests: 200,
    next: () => ({ path: `/api/dashboard/process?${month}`, headers: { cookie: s.headOffice.cookie } }),
  })
  return { profileMax, profileHalf, recommendations, suggestionsMax, suggestionsAt100, dashboardBranch, dashboardHead }
}
