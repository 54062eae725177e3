import { flushPromises, mount } from '@vue/test-utils'
import Vant from 'vant'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import QaInsightsPage from '@/features/replies/QaInsightsPage.vue'

const api = vi.hoisted(() => ({
  fetchLexicon: vi.fn(),
  fetchUnanswered: vi.fn(),
  addLexiconEntry: vi.fn(),
  removeLexiconEntry: vi.fn(),
}))
vi.mock('@/features/replies/qa-insights.api', () => api)

const USD = { id: 1, kind: 'synonyms' as const, words: ['美元', '美金', '刀'], createdAt: '2026-12-01T02:00:00Z' }

describe('QaInsightsPage', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    api.fetchLexicon.mockResolvedValue([USD])
    api.fetchUnanswered.mockResolvedValue([
      { question: '积存金怎么赎回', count: 4, lastAskedAt: '2026-12-03T02:00:00Z', source: 'no-result' },
      { question: '养老理财能提前取吗', count: 2, lastAskedAt: '2026-12-02T02:00:00Z', source: 'escalation' },
    ])
    api.removeLexiconEntry.mockResolvedValue(undefined)
  })

  it('when the page opens, then the unanswered questions show with count, source and day, and the lexicon lists its groups', async () => {
    const wrapper = mount(QaInsightsPage, { global: { plugins: [Vant] } })
    await flushPromises()
    const rows = wrapper.findAll('tbody tr').map((r) => r.findAll('td').map((td) => td.text()))
    expect(rows).toEqual([
      ['积存金怎么赎回', '4', '无推荐', '2026-12-03'],
      ['养老理财能提前取吗', '2', '问中台未答复', '2026-12-02'],
    ])
    expect(wrapper.find('.insights__list').text()).toContain('美元 / 美金 / 刀')
  })

  it('when a professional word is added, then it is sent trimmed, listed first and the field empties', async () => {
    api.addLexiconEntry.mockResolvedValue({ id: 2, kind: 'word', words: ['积存金'], createdAt: '2026-12-05T02:00:00Z' })
    const wrapper = mount(QaInsightsPage, { global: { plugins: [Vant] } })
    await flushPromises()
    await wrapper.find('select').setValue('word')
    await wrapper.find('input').setValue('  积存金 ')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(api.addLexiconEntry).toHaveBeenCalledWith('word', '积存金')
    expect(wrapper.findAll('.insights__list li')[0]!.text()).toContain('专业词')
    expect((wrapper.find('input').element as HTMLInputElement).value).toBe('')
  })

  it('when the field is blank, then 添加 is disabled', async () => {
    const wrapper = mount(QaInsightsPage, { global: { plugins: [Vant] } })
    await flushPromises()
    await wrapper.find('input').setValue('   ')
    expect(wrapper.find('form .van-button').attributes('disabled')).toBeDefined()
  })

  it('when 删除 is clicked, then the entry is removed on the server and from the list', async () => {
    const wrapper = mount(QaInsightsPage, { global: { plugins: [Vant] } })
    await flushPromises()
    await wrapper.find('.insights__list a').trigger('click')
    await flushPromises()
    expect(api.removeLexiconEntry).toHaveBeenCalledWith(1)
    expect(wrapper.findAll('.insights__list li')).toHaveLength(0)
  })
})
