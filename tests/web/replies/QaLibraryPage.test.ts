import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import Vant from 'vant'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import QaLibraryPage from '@/features/replies/QaLibraryPage.vue'
import { useSessionStore } from '@/stores/session.store'
import { qaItem } from './qa-items'

const api = vi.hoisted(() => ({
  fetchQaItems: vi.fn(),
  createQaItem: vi.fn(),
  updateQaItem: vi.fn(),
  qaExportUrl: (format: string) => `/api/console/qa/export?format=${format}`,
}))
vi.mock('@/features/replies/qa-library.api', () => api)
const route = vi.hoisted(() => ({ query: {} as Record<string, string> }))
vi.mock('vue-router', () => ({ useRoute: () => route }))

const stubs = {
  QaImportButton: true,
  QaReviewActions: true,
  QaItemEditor: { props: ['item', 'saving', 'canEdit'], emits: ['save'], template: '<div class="editor-stub" />' },
}
const mountPage = () => mount(QaLibraryPage, { global: { plugins: [Vant], stubs } })

describe('QaLibraryPage', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    setActivePinia(createPinia())
    route.query = {}
    api.fetchQaItems.mockResolvedValue({ items: [qaItem(1), qaItem(2, 'draft')], total: 2 })
  })

  it('when the page opens, then it lists the entries with topic, status and version, and counts them', async () => {
    const wrapper = mountPage()
    await flushPromises()
    const rows = wrapper.findAll('tbody tr')
    expect(rows.map((r) => r.attributes('data-id'))).toEqual(['1', '2'])
    expect(rows[0]!.text()).toContain('问题1')
    expect(rows[0]!.text()).toContain('存款')
    expect(rows[0]!.text()).toContain('已通过')
    expect(rows[1]!.text()).toContain('草稿')
    expect(wrapper.text()).toContain('共 2 条')
    expect(wrapper.find('.qa__panel').exists()).toBe(false)
  })

  it('when opened from a link with ?status and ?id, then that filter is asked for and that entry is open', async () => {
    route.query = { status: 'in_review', id: '2' }
    const wrapper = mountPage()
    await flushPromises()
    expect(api.fetchQaItems.mock.calls[0]![0]).toMatchObject({ status: 'in_review' })
    expect(wrapper.find('.qa__panel h3').text()).toBe('条目 #2')
  })

  it("when someone else's draft is opened, then the editor is read-only and the page says only its author may change it", async () => {
    useSessionStore().me = {
      id: 'S-other',
      userid: 'other',
      name: '中台丙',
      role: 'middle',
      branchId: 'B1',
      branchName: '总行',
    }
    const wrapper = mountPage()
    await flushPromises()
    await wrapper.find('tr[data-id="2"]').trigger('click')
    expect(wrapper.findComponent(stubs.QaItemEditor).props('canEdit')).toBe(false)
    expect(wrapper.find('[data-test="capability-note"]').text()).toContain('只有作者本人可以修改')
  })

  it('when 新建 is pressed and the editor saves, then the entry is created and shown first, selected', async () => {
    api.createQaItem.mockResolvedValue(qaItem(9, 'draft', { question: '新写的问题' }))
    const wrapper = mountPage()
    await flushPromises()
    await wrapper.find('.qa__toolbar .van-button').trigger('click')
    expect(wrapper.find('.qa__panel h3').text()).toBe('新建话术')
    wrapper.findComponent(stubs.QaItemEditor).vm.$emit('save', { question: '新写的问题' })
    await flushPromises()
    expect(api.createQaItem).toHaveBeenCalledWith({ question: '新写的问题' })
    expect(wrapper.findAll('tbody tr')[0]!.classes()).toContain('is-selected')
    expect(wrapper.find('.qa__panel h3').text()).toBe('条目 #9')
  })
})
