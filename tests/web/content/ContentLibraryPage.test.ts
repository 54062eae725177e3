import type { ContentDetail, ContentItem } from '@contracts/content'
import type { ReviewStatus } from '@contracts/review'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import Vant from 'vant'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import ContentLibraryPage from '@/features/content/ContentLibraryPage.vue'
import { ApiError } from '@/shared/http'
import { useSessionStore } from '@/stores/session.store'
import { qaItem } from '../replies/qa-items'

const api = vi.hoisted(() => ({
  fetchContentItems: vi.fn(),
  fetchContentDetail: vi.fn(),
  createContentItem: vi.fn(),
  updateContentItem: vi.fn(),
}))
vi.mock('@/features/content/content-console.api', () => api)
const route = vi.hoisted(() => ({ query: {} as Record<string, string> }))
vi.mock('vue-router', () => ({ useRoute: () => route }))
const toast = vi.hoisted(() => vi.fn())
vi.mock('vant', async (importOriginal) => ({ ...(await importOriginal<typeof import('vant')>()), showToast: toast }))

const stubs = {
  ContentItemEditor: { props: ['item', 'saving', 'canEdit'], emits: ['save'], template: '<div class="editor-stub" />' },
  ContentReviewActions: { props: ['detail'], emits: ['changed'], template: '<div class="review-stub" />' },
  MarketSeriesPanel: { template: '<div class="market-stub" />' },
  ContentResultsPanel: { template: '<div class="results-stub" />' },
}
const mountPage = () => mount(ContentLibraryPage, { global: { plugins: [Vant], stubs } })

/** A library item as GET /api/console/content/items lists it (its review block as the Q&A library's). */
const item = (id: number, status: ReviewStatus = 'approved', over: Partial<ContentItem> = {}): ContentItem => ({
  id,
  kind: 'article',
  title: `内容${id}`,
  body: '正文',
  link: null,
  topic: 'fund',
  segments: [],
  minRiskLevel: null,
  disclaimer: null,
  tags: [],
  chartSymbol: null,
  chartWindowDays: null,
  hasImage: false,
  chartAsOf: null,
  stale: false,
  review: qaItem(id, status).review,
  ...over,
})
const detailOf = (i: ContentItem): ContentDetail => ({ item: i, versions: [], findings: [] })
const INPUT = { kind: 'article' as const, title: '年末理财', topic: 'fund' as const }

describe('ContentLibraryPage', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    setActivePinia(createPinia())
    route.query = {}
    api.fetchContentItems.mockResolvedValue([item(1), item(2, 'draft', { kind: 'chart', stale: true })])
    api.fetchContentDetail.mockImplementation(async (id: number) => detailOf(item(id)))
  })
  afterEach(() => vi.useRealTimers())

  it('when the page opens, then it lists the items with kind, topic, status, version and a stale-data mark, and counts them', async () => {
    const wrapper = mountPage()
    await flushPromises()
    const rows = wrapper.findAll('tbody tr[data-id]')
    expect(rows.map((r) => r.attributes('data-id'))).toEqual(['1', '2'])
    expect(rows[0]!.text()).toContain('已通过')
    expect(rows[0]!.text()).toContain('v1')
    expect(rows[0]!.find('.cl__stale').exists()).toBe(false)
    expect(rows[1]!.text()).toContain('草稿')
    expect(rows[1]!.find('.cl__stale').text()).toBe('数据过期')
    expect(wrapper.find('.cl__count').text()).toBe('共 2 条')
    expect(wrapper.find('.cl__panel').exists()).toBe(false)
  })

  it('when opened as the review queue (?status=in_review), then that filter is asked for and shown', async () => {
    route.query = { status: 'in_review' }
    const wrapper = mountPage()
    await flushPromises()
    expect(api.fetchContentItems).toHaveBeenCalledWith(expect.objectContaining({ status: 'in_review' }))
    expect((wrapper.find('.cl__toolbar select').element as HTMLSelectElement).value).toBe('in_review')
  })

  it('when the search is typed, then the list is asked again only once typing pauses for 300 ms, with the words trimmed', async () => {
    vi.useFakeTimers()
    const wrapper = mountPage()
    await flushPromises()
    expect(api.fetchContentItems).toHaveBeenCalledTimes(1)
    await wrapper.find('.cl__search').setValue(' 理财 ')
    vi.advanceTimersByTime(299)
    expect(api.fetchContentItems).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(1)
    expect(api.fetchContentItems).toHaveBeenCalledTimes(2)
    expect(api.fetchContentItems).toHaveBeenLastCalledWith(expect.objectContaining({ q: '理财' }))
  })

  it('when the 7-day expiry box is ticked, then the list is asked for expiring items at once', async () => {
    const wrapper = mountPage()
    await flushPromises()
    await wrapper.find('.cl__check input').setValue(true)
    await flushPromises()
    expect(api.fetchContentItems).toHaveBeenLastCalledWith(expect.objectContaining({ expiring: '1' }))
  })

  it('when an item is clicked, then its detail opens with author, reviewer and approval number', async () => {
    const wrapper = mountPage()
    await flushPromises()
    await wrapper.find('tr[data-id="1"]').trigger('click')
    await flushPromises()
    expect(api.fetchContentDetail).toHaveBeenCalledWith(1)
    expect(wrapper.find('.cl__panel h3').text()).toBe('内容 #1')
    expect(wrapper.find('.cl__meta').text()).toBe('中台甲 撰写 · 审核乙 审核 · ZT-2026-000001')
    expect(wrapper.find('tr[data-id="1"]').classes()).toContain('is-selected')
    await wrapper.find('.cl__close').trigger('click')
    expect(wrapper.find('.cl__panel').exists()).toBe(false)
  })

  it('when 新建 is pressed and the editor saves, then the item is created, the list reloads and the new item opens', async () => {
    api.createContentItem.mockResolvedValue({ id: 9 })
    const wrapper = mountPage()
    await flushPromises()
    await wrapper.find('[data-test="new-content"]').trigger('click')
    expect(wrapper.find('.cl__panel h3').text()).toBe('新建内容')
    wrapper.findComponent(stubs.ContentItemEditor).vm.$emit('save', INPUT)
    await flushPromises()
    expect(api.createContentItem).toHaveBeenCalledWith(INPUT)
    expect(toast).toHaveBeenCalledWith({ message: '已保存', type: 'success' })
    expect(api.fetchContentItems).toHaveBeenCalledTimes(2)
    expect(wrapper.find('.cl__panel h3').text()).toBe('内容 #9')
  })

  it('when an approved item is edited, then the page says a new version goes back to review', async () => {
    api.updateContentItem.mockResolvedValue({ id: 10, newVersion: true })
    const wrapper = mountPage()
    await flushPromises()
    await wrapper.find('tr[data-id="1"]').trigger('click')
    await flushPromises()
    wrapper.findComponent(stubs.ContentItemEditor).vm.$emit('save', INPUT)
    await flushPromises()
    expect(api.updateContentItem).toHaveBeenCalledWith(1, INPUT)
    expect(toast).toHaveBeenCalledWith({ message: '已生成新版本，需重新审核', type: 'success' })
    expect(wrapper.find('.cl__panel h3').text()).toBe('内容 #10')
  })

  it('when the server refuses the save, then its message is shown, the editor stays open and nothing is said saved', async () => {
    api.createContentItem.mockRejectedValue(new ApiError(422, 'VALIDATION_FAILED', '标题至少 2 个字'))
    const wrapper = mountPage()
    await flushPromises()
    await wrapper.find('[data-test="new-content"]').trigger('click')
    wrapper.findComponent(stubs.ContentItemEditor).vm.$emit('save', INPUT)
    await flushPromises()
    expect(toast).toHaveBeenCalledTimes(1)
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ message: '标题至少 2 个字' }))
    expect(wrapper.find('.cl__panel h3').text()).toBe('新建内容')
    expect(wrapper.findComponent(stubs.ContentItemEditor).props('saving')).toBe(false)
  })

  it("when someone else's draft is opened, then the editor is read-only and the page says why", async () => {
    useSessionStore().me = {
      id: 'S-other',
      userid: 'other',
      name: '中台丙',
      role: 'middle',
      branchId: 'B1',
      branchName: '总行',
    }
    api.fetchContentDetail.mockResolvedValue(detailOf(item(2, 'draft')))
    const wrapper = mountPage()
    await flushPromises()
    await wrapper.find('tr[data-id="2"]').trigger('click')
    await flushPromises()
    expect(wrapper.findComponent(stubs.ContentItemEditor).props('canEdit')).toBe(false)
    expect(wrapper.find('[data-test="capability-note"]').text()).toContain('只有作者本人可以修改')
  })

  it('when a review action changes the open item, then the list and the item are read again', async () => {
    const wrapper = mountPage()
    await flushPromises()
    await wrapper.find('tr[data-id="1"]').trigger('click')
    await flushPromises()
    wrapper.findComponent(stubs.ContentReviewActions).vm.$emit('changed')
    await flushPromises()
    expect(api.fetchContentItems).toHaveBeenCalledTimes(2)
    expect(api.fetchContentDetail).toHaveBeenCalledTimes(2)
  })
})
