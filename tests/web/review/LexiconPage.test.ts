import { flushPromises, mount } from '@vue/test-utils'
import Vant from 'vant'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import LexiconPage from '@/features/review/LexiconPage.vue'

const api = vi.hoisted(() => ({
  fetchLexicon: vi.fn(),
  fetchOutboundChecks: vi.fn(),
  proposePhrase: vi.fn(),
  approvePhrase: vi.fn(),
  rejectPhrase: vi.fn(),
  retirePhrase: vi.fn(),
}))
vi.mock('@/features/review/lexicon.api', () => api)

const phrase = (id: number, status: string) => ({
  id,
  phrase: `词条${id}`,
  severity: 'block',
  note: null,
  createdAt: '2026-12-01T00:00:00Z',
  status,
  explanation: '不得以内部额度诱导购买',
  source: '《银行保险机构消费者权益保护管理办法》',
})

describe('LexiconPage', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    api.fetchLexicon.mockResolvedValue({
      phrases: [phrase(1, 'proposed'), phrase(2, 'active')],
      lexiconVersion: 'r1.4',
    })
    api.fetchOutboundChecks.mockResolvedValue([
      {
        id: 9,
        checkedAt: '2026-12-05T02:00:00Z',
        staffId: 'S1',
        path: 'task.create',
        refId: 't1',
        text: '保 本 保 息',
        blocked: true,
        findings: [{ code: 'BANNED_PHRASE', severity: 'block', field: 'text', message: '含违规用语「保 本 保 息」' }],
        lexiconVersion: 'r1.4',
      },
    ])
    api.approvePhrase.mockResolvedValue(phrase(1, 'active'))
  })

  it('when the page opens, then it shows the lexicon version, proposals to approve and the outbound audit trail with findings', async () => {
    const wrapper = mount(LexiconPage, { global: { plugins: [Vant] } })
    await flushPromises()
    expect(wrapper.text()).toContain('当前版本 r1.4')
    expect(wrapper.find('[data-phrase="词条1"]').text()).toContain('待审批')
    expect(wrapper.text()).toContain('任务下达')
    expect(wrapper.text()).toContain('含违规用语「保 本 保 息」')
    await wrapper.find('[data-phrase="词条1"] .van-button--primary').trigger('click')
    await flushPromises()
    expect(api.approvePhrase).toHaveBeenCalledWith(1)
  })
})
