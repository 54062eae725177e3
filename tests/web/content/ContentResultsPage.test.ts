import type { ContentResults, ResultsRow } from '@contracts/content'
import { flushPromises, mount } from '@vue/test-utils'
import Vant from 'vant'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import ContentResultsPage from '@/features/content/ContentResultsPage.vue'

const api = vi.hoisted(() => ({ fetchResults: vi.fn() }))
vi.mock('@/features/content/content-console.api', () => api)

const row = (key: string, label: string, n: Partial<ResultsRow> = {}): ResultsRow => ({
  key,
  label,
  sends: 0,
  recipients: 0,
  opens: 0,
  openRate: null,
  inquiries: 0,
  conversions: 0,
  ...n,
})
const results = (over: Partial<ContentResults> = {}): ContentResults => ({
  period: { from: '2026-11-05', to: '2026-12-05' },
  scope: {
    branchId: 'B-HZ',
    branchName: '杭州分行',
    wholeBank: false,
    breadcrumb: [{ id: 'B-HZ', name: '杭州分行' }],
  },
  items: [
    row('1', '黄金周评', { sends: 3, opens: 1, openRate: 0.333, inquiries: 2, conversions: 1 }),
    row('2', '纳指行情', { sends: 9, opens: 6, openRate: 0.667, inquiries: 1 }),
    row('3', '存款到期话术', { sends: 5 }),
  ],
  authors: [row('S9', '内容专员', { sends: 17, opens: 7, inquiries: 3, conversions: 1 })],
  branches: [
    row('B-HZ', '杭州分行（本级）', { sends: 2 }),
    row('B-XH', '西湖支行', { sends: 15, opens: 7, inquiries: 3, conversions: 1 }),
  ],
  ...over,
})

async function open(path = '/console/content-results') {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/console/content-results', component: ContentResultsPage }],
  })
  await router.push(path)
  const wrapper = mount({ template: '<RouterView />' }, { global: { plugins: [Vant, router] } })
  await flushPromises()
  return { wrapper, router }
}
const labels = (w: Awaited<ReturnType<typeof open>>['wrapper']) =>
  w.findAll('[data-test="results-row"] td:first-child').map((td) => td.text())

describe('ContentResultsPage', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    api.fetchResults.mockResolvedValue(results())
  })

  it('when opened, then the last 30 days of the caller’s scope load, with the scope, period and totals shown', async () => {
    const { wrapper } = await open()
    expect(api.fetchResults).toHaveBeenCalledWith({ days: 30, branchId: undefined })
    expect(wrapper.find('[data-test="results-scope"]').text()).toContain('杭州分行')
    expect(wrapper.find('[data-test="results-scope"]').text()).toContain('本机构及下级机构')
    expect(wrapper.find('[data-test="results-period"]').text()).toContain('2026-11-05 至 2026-12-05')
    expect(wrapper.findAll('.cr__total b').map((b) => b.text())).toEqual(['17', '7', '3', '1'])
    expect(labels(wrapper)).toEqual(['黄金周评', '纳指行情', '存款到期话术'])
    expect(wrapper.findAll('[data-test="results-row"]')[0]!.text()).toContain('33.3%')
    expect(wrapper.findAll('[data-test="results-row"]')[2]!.text()).toContain('不可追踪')
  })

  it('when a column header is clicked, then rows sort by it, and a second click reverses; untrackable stays last', async () => {
    const { wrapper } = await open()
    await wrapper.find('[data-sort="sends"]').trigger('click')
    expect(labels(wrapper)).toEqual(['纳指行情', '存款到期话术', '黄金周评'])
    expect(wrapper.find('th[aria-sort="descending"]').text()).toContain('发送')
    await wrapper.find('[data-sort="sends"]').trigger('click')
    expect(labels(wrapper)).toEqual(['黄金周评', '存款到期话术', '纳指行情'])
    await wrapper.find('[data-sort="openRate"]').trigger('click')
    await wrapper.find('[data-sort="openRate"]').trigger('click')
    expect(labels(wrapper)).toEqual(['黄金周评', '纳指行情', '存款到期话术'])
  })

  it('when a period preset or a custom range is chosen, then that period is asked for; a reversed range is refused on the page', async () => {
    const { wrapper, router } = await open()
    await wrapper
      .findAll('.cr__presets button')
      .find((b) => b.text() === '近 7 天')!
      .trigger('click')
    await flushPromises()
    expect(api.fetchResults).toHaveBeenLastCalledWith({ days: 7, branchId: undefined })
    const [from, to] = wrapper.findAll('.cr__range input')
    await from!.setValue('2026-10-09')
    await from!.trigger('change')
    await to!.setValue('2026-10-01')
    await to!.trigger('change')
    expect(wrapper.find('[role="alert"]').text()).toBe('开始日期不能晚于结束日期')
    expect(wrapper.find('.cr__range .van-button').attributes('disabled')).toBeDefined()
    await to!.setValue('2026-10-31')
    await to!.trigger('change')
    await wrapper.find('.cr__range').trigger('submit')
    await flushPromises()
    expect(api.fetchResults).toHaveBeenLastCalledWith({ from: '2026-10-09', to: '2026-10-31', branchId: undefined })
    expect(router.currentRoute.value.query).toMatchObject({ from: '2026-10-09', to: '2026-10-31' })
  })

  it('when the 按机构 view lists a child branch, then clicking it drills into that branch; the caller’s own level is not a link', async () => {
    const { wrapper, router } = await open('/console/content-results?view=branches')
    expect(labels(wrapper)).toEqual(['杭州分行（本级）', '西湖支行'])
    const cells = wrapper.findAll('[data-test="results-row"] td:first-child')
    expect(cells[0]!.find('a').exists()).toBe(false)
    await cells[1]!.find('a').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toMatchObject({ branch: 'B-XH', view: 'items' })
    expect(api.fetchResults).toHaveBeenLastCalledWith({ days: 30, branchId: 'B-XH' })
  })

  it('when nothing was sent in the period, then the page says so instead of an empty table', async () => {
    api.fetchResults.mockResolvedValue(results({ items: [], authors: [], branches: [] }))
    const { wrapper } = await open()
    expect(wrapper.find('table').exists()).toBe(false)
    expect(wrapper.find('[data-test="results-empty"]').text()).toContain('该期间内本范围没有发送过内容')
  })

  it('when loading fails, then the reason is shown with a retry that loads again', async () => {
    api.fetchResults.mockRejectedValueOnce(new Error('该机构不在您的管辖范围内'))
    const { wrapper } = await open('/console/content-results?branch=B-OTHER')
    expect(wrapper.find('[data-test="results-error"]').text()).toContain('该机构不在您的管辖范围内')
    const buttons = wrapper.findAll('[data-test="results-error"] .van-button')
    expect(buttons.map((b) => b.text())).toEqual(['回到我的范围', '重试'])
    await buttons[1]!.trigger('click')
    await flushPromises()
    expect(api.fetchResults).toHaveBeenCalledTimes(2)
    expect(labels(wrapper)).toHaveLength(3)
  })
})
