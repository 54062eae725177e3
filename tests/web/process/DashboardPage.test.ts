import type { DashboardRow, Guidance, ProcessView, ResultsView, StaffView } from '@contracts/process'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import Vant from 'vant'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import DashboardPage from '@/features/process/DashboardPage.vue'
import { ApiError } from '@/shared/http'
import { useSessionStore } from '@/stores/session.store'

const api = vi.hoisted(() => ({ fetchProcessView: vi.fn(), fetchResultsView: vi.fn(), fetchStaffView: vi.fn() }))
vi.mock('@/features/process/process.api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/features/process/process.api')>()),
  ...api,
}))
const route = vi.hoisted(() => ({ query: {} as Record<string, string> }))
const router = vi.hoisted(() => ({ push: vi.fn() }))
vi.mock('vue-router', () => ({ useRoute: () => route, useRouter: () => router }))
// ECharts stays out of jsdom: the page's part is which option each chart gets.
vi.mock('@/features/process/ProcessChart.vue', () => ({
  __esModule: true,
  default: { props: ['option'], template: '<div class="chart-stub" />' },
}))

const stubs = {
  DashboardTable: { props: ['rows', 'total'], emits: ['open'], template: '<div class="table-stub" />' },
  EligibleCard: { props: ['counts'], template: '<div class="eligible-stub" />' },
  GuidanceList: { props: ['items'], emits: ['open'], template: '<div class="guidance-stub" />' },
  DashboardFreshness: { props: ['freshness', 'syncedUntil'], template: '<span class="freshness-stub" />' },
  ResultsTab: { props: ['view'], template: '<div class="results-stub" />' },
  StaffDetail: { props: ['view', 'canSeeCustomers'], template: '<div class="staff-stub" />' },
}
const mountPage = () => mount(DashboardPage, { global: { plugins: [Vant], stubs } })

const row = (kind: DashboardRow['kind'], id: string, name: string): DashboardRow => ({
  kind,
  id,
  name,
  subtitle: '',
  numbers: {
    friendRequests: 10,
    friendRequestTarget: 20,
    newContacts: 8,
    negativeFeedback: 0,
    chats: 5,
    replyRate: 90,
    replyMinutes: 3,
    linksSent: 6,
    linksOpened: 4,
    verified: 3,
    verifiedWithoutLink: 0,
    staffAddsAccepted: 7,
    tasksAssigned: 2,
    tasksDone: 1,
    contentSent: 4,
    repliesUsed: 2,
    escalationsRaised: 0,
    contactsAdded: 8,
    contactsLost: 1,
  },
  eligible: {
    adds: 8,
    eligible: 5,
    unverified: 2,
    noAccount: 1,
    notOwnBook: 0,
    notFirstAdd: 0,
    outOfProvinceFlagged: 0,
    peerBank: 0,
    severalStaff: 0,
    burst: 0,
  },
  coverage: [{ segment: 'wealth', owned: 10, covered: 4 }],
  lagging: 1,
})
const period = { kind: 'week' as const, from: '2026-11-30', to: '2026-12-06' }
const guidance: Guidance = {
  staffUserid: 'wangmin',
  staffName: '王敏',
  metric: 'tasks',
  message: '本周任务未完成',
  action: '提醒完成任务',
  target: { kind: 'contacts' },
}
const processView: ProcessView = {
  period,
  node: { id: 'B-HZ', name: '杭州分行', level: 'branch' },
  breadcrumb: [
    { id: 'B-ZJ', name: '浙江省分行' },
    { id: 'B-HZ', name: '杭州分行' },
  ],
  rows: [row('branch', 'B-XH', '西湖支行'), row('staff', 'wangmin', '王敏')],
  total: row('branch', 'B-HZ', '杭州分行'),
  trend: [{ day: '2026-11-30', friendRequests: 3, newContacts: 2, linksSent: 1, verified: 1 }],
  guidance: [guidance],
  syncedUntil: '2026-12-04',
  freshness: { wecomSyncedAt: '2026-12-05T01:00:00Z', rollupsUpdatedAt: '2026-12-05T01:05:00Z', updating: false },
}
// The detail views are drawn by stubbed children: only what the page itself reads is filled in.
const staffView = {
  period,
  staff: { userid: 'wangmin', name: '王敏', title: '客户经理', branchId: 'B-XH' },
  breadcrumb: processView.breadcrumb,
} as StaffView
const resultsView = { period } as ResultsView

describe('DashboardPage', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    setActivePinia(createPinia())
    route.query = {}
    api.fetchProcessView.mockResolvedValue(processView)
    api.fetchResultsView.mockResolvedValue(resultsView)
    api.fetchStaffView.mockResolvedValue(staffView)
  })

  it('when opened without a query, then it asks for this week and shows breadcrumb, period, charts, table and guidance', async () => {
    const wrapper = mountPage()
    await flushPromises()
    expect(api.fetchProcessView).toHaveBeenCalledWith({ period: 'week', date: undefined, branchId: undefined })
    expect(api.fetchResultsView).not.toHaveBeenCalled()
    expect(wrapper.findAll('.crumbs a').map((a) => a.text())).toEqual(['浙江省分行', '杭州分行'])
    expect(wrapper.find('.crumbs .period').text()).toContain('2026-11-30 至 2026-12-06')
    expect(wrapper.findAll('.chart-stub')).toHaveLength(3)
    expect(wrapper.findComponent(stubs.DashboardTable).props('rows')).toEqual(processView.rows)
    expect(wrapper.findComponent(stubs.EligibleCard).props('counts')).toEqual(processView.total.eligible)
    expect(wrapper.findComponent(stubs.GuidanceList).props('items')).toEqual([guidance])
    expect(wrapper.find('.toolbar__period button.on').text()).toBe('周')
  })

  it('when the view is in the URL (period, date, branch), then it asks for that view and the exports carry it', async () => {
    route.query = { period: 'month', date: '2026-11-15', branch: 'B-XH' }
    const wrapper = mountPage()
    await flushPromises()
    expect(api.fetchProcessView).toHaveBeenCalledWith({ period: 'month', date: '2026-11-15', branchId: 'B-XH' })
    const links = wrapper.findAll('.toolbar__export a').map((a) => a.attributes('href'))
    expect(links).toEqual([
      '/api/dashboard/export.xlsx?period=month&date=2026-11-15&branchId=B-XH',
      '/api/dashboard/bulletin?period=month&date=2026-11-15&branchId=B-XH',
    ])
  })

  it('when a period, a crumb, a branch row, a staff row or a guidance item is chosen, then the URL changes and keeps the rest', async () => {
    route.query = { period: 'week', branch: 'B-HZ' }
    const wrapper = mountPage()
    await flushPromises()
    await wrapper.findAll('.toolbar__period button')[2]!.trigger('click')
    expect(router.push).toHaveBeenLastCalledWith({ query: { period: 'month', branch: 'B-HZ' } })
    await wrapper.findAll('.crumbs a')[0]!.trigger('click')
    expect(router.push).toHaveBeenLastCalledWith({ query: { period: 'week', branch: 'B-ZJ', staff: undefined } })
    const table = wrapper.findComponent(stubs.DashboardTable)
    table.vm.$emit('open', processView.rows[0])
    expect(router.push).toHaveBeenLastCalledWith({ query: { period: 'week', branch: 'B-XH', staff: undefined } })
    table.vm.$emit('open', processView.rows[1])
    expect(router.push).toHaveBeenLastCalledWith({ query: { period: 'week', branch: 'B-HZ', staff: 'wangmin' } })
    wrapper.findComponent(stubs.GuidanceList).vm.$emit('open', guidance)
    expect(router.push).toHaveBeenLastCalledWith({ query: { period: 'week', branch: 'B-HZ', staff: 'wangmin' } })
  })

  it('when a staff member is in the URL, then their view is asked for instead, and only a supervisor sees their customers', async () => {
    route.query = { staff: 'wangmin' }
    useSessionStore().me = {
      id: 'S1',
      userid: 'boss',
      name: '周行长',
      role: 'supervisor',
      branchId: 'B-HZ',
      branchName: '杭州分行',
    }
    const wrapper = mountPage()
    await flushPromises()
    expect(api.fetchStaffView).toHaveBeenCalledWith(
      'wangmin',
      { period: 'week', date: undefined, branchId: undefined },
      [],
    )
    expect(api.fetchProcessView).not.toHaveBeenCalled()
    expect(wrapper.find('.crumbs b').text()).toBe('王敏')
    expect(wrapper.findComponent(stubs.StaffDetail).props()).toEqual({ view: staffView, canSeeCustomers: true })
    useSessionStore().me = { ...useSessionStore().me!, role: 'middle' }
    await flushPromises()
    expect(wrapper.findComponent(stubs.StaffDetail).props('canSeeCustomers')).toBe(false)
  })

  it('when the results tab is in the URL, then the results view is asked for and shown', async () => {
    route.query = { tab: 'results' }
    const wrapper = mountPage()
    await flushPromises()
    expect(api.fetchResultsView).toHaveBeenCalledWith({ period: 'week', date: undefined, branchId: undefined })
    expect(api.fetchProcessView).not.toHaveBeenCalled()
    expect(wrapper.findComponent(stubs.ResultsTab).props('view')).toEqual(resultsView)
    expect(wrapper.find('.table-stub').exists()).toBe(false)
  })

  it("when the server refuses the view, then the page shows the server's message instead of a table", async () => {
    api.fetchProcessView.mockRejectedValue(new ApiError(403, 'FORBIDDEN', '您没有查看该机构看板的权限'))
    const wrapper = mountPage()
    await flushPromises()
    expect(wrapper.find('.van-empty').text()).toContain('您没有查看该机构看板的权限')
    expect(wrapper.find('.table-stub').exists()).toBe(false)
  })
})
