import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import Vant from 'vant'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import SidebarRepliesTab from '@/features/replies/SidebarRepliesTab.vue'

const api = vi.hoisted(() => ({
  fetchSuggestions: vi.fn(),
  fetchReplyContext: vi.fn(),
  fetchTopicGuess: vi.fn(),
  sendReplyFeedback: vi.fn(),
  prepareReply: vi.fn(),
  markReplySent: vi.fn(),
  createEscalation: vi.fn(),
  fetchMyEscalations: vi.fn(),
}))
const sendText = vi.hoisted(() => vi.fn())
vi.mock('@/features/replies/replies.api', () => api)
vi.mock('@/features/wecom/wecom-sdk', () => ({ sendText }))

const SUGGESTION = {
  id: 7,
  question: '基金赎回多久到账？',
  answer: '货币基金一般 T+1 日到账。',
  disclaimer: '基金有风险，投资须谨慎。',
  topic: 'fund',
  tags: [],
  approvalNo: 'ZT-2026-000007',
  validUntil: '2027-01-01T00:00:00.000Z',
  score: 0.9,
  reasons: ['契合客户情况：基金'],
}
const OPEN = {
  id: 3,
  question: '港股通能开吗？',
  topic: 'fund',
  urgency: 'normal',
  status: 'open',
  createdAt: '2026-11-24T02:00:00.000Z',
  slaDueAt: '2026-11-24T04:00:00.000Z',
  claimedByName: null,
  answer: null,
  disclaimer: null,
  answeredAt: null,
  answeredByName: null,
  used: false,
}

describe('SidebarRepliesTab', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.useFakeTimers()
    for (const fn of [...Object.values(api), sendText]) fn.mockReset()
    api.fetchMyEscalations.mockResolvedValue([])
  })
  afterEach(() => vi.useRealTimers())

  const mountTab = () =>
    mount(SidebarRepliesTab, { props: { externalUserId: 'wmCONTACT0001', chatId: null }, global: { plugins: [Vant] } })

  async function type(wrapper: ReturnType<typeof mountTab>, text: string) {
    await wrapper.find('textarea').setValue(text)
    await vi.advanceTimersByTimeAsync(350)
    await flushPromises()
  }

  it('when the manager types, then suggestions appear once (debounced) and 发送 puts the answer with its 风险提示 into the chat', async () => {
    api.fetchSuggestions.mockResolvedValue([SUGGESTION])
    api.prepareReply.mockResolvedValue({
      id: 'u1',
      text: '货币基金一般 T+1 日到账。\n风险提示：基金有风险，投资须谨慎。',
      edited: false,
      findings: [],
    })
    const wrapper = mountTab()
    await flushPromises()
    await wrapper.find('textarea').setValue('基金')
    await type(wrapper, '基金卖了多久到账')
    expect(api.fetchSuggestions).toHaveBeenCalledTimes(1)
    expect(api.fetchSuggestions.mock.calls[0]!.slice(0, 2)).toEqual([
      '基金卖了多久到账',
      { externalUserId: 'wmCONTACT0001', chatId: undefined },
    ])
    expect(wrapper.text()).toContain('契合客户情况：基金')

    const send = wrapper.findAll('.suggestion .van-button').find((b) => b.text() === '发送')!
    await send.trigger('click')
    await flushPromises()
    expect(api.prepareReply).toHaveBeenCalledWith({
      externalUserId: 'wmCONTACT0001',
      chatId: undefined,
      qaItemId: 7,
      text: SUGGESTION.answer,
    })
    expect(sendText).toHaveBeenCalledWith('货币基金一般 T+1 日到账。\n风险提示：基金有风险，投资须谨慎。')
    expect(api.markReplySent).toHaveBeenCalledWith('u1')
  })

  it('when the manager marks a suggestion 没用, then the vote is sent once with the question it answered', async () => {
    api.fetchSuggestions.mockResolvedValue([SUGGESTION])
    api.sendReplyFeedback.mockResolvedValue(undefined)
    const wrapper = mountTab()
    await type(wrapper, '卖了基金多久到账')
    const [, notHelpful] = wrapper.findAll('.suggestion__vote')
    await notHelpful!.trigger('click')
    await notHelpful!.trigger('click')
    expect(api.sendReplyFeedback).toHaveBeenCalledTimes(1)
    expect(api.sendReplyFeedback).toHaveBeenCalledWith(7, false, '卖了基金多久到账')
    expect(notHelpful!.classes()).toContain('is-active')
  })

  it('when nothing fits, then 问中台 is offered', async () => {
    api.fetchSuggestions.mockResolvedValue([])
    const wrapper = mountTab()
    await type(wrapper, '家族信托起点多少')
    expect(wrapper.find('.replies__none').text()).toContain('话术库里没有合适的答案')
    expect(wrapper.find('.replies__escalate').exists()).toBe(true)
  })

  it('when nothing fits a 留学购汇 question and 问中台 opens, then the guessed topic is pre-selected, not 存款', async () => {
    api.fetchSuggestions.mockResolvedValue([])
    api.fetchTopicGuess.mockResolvedValue('fx')
    api.fetchReplyContext.mockResolvedValue({
      segment: 'payroll',
      holdingTypes: [],
      riskLevel: null,
      topics: ['deposit', 'loan'],
    })
    const wrapper = mountTab()
    await type(wrapper, '孩子留学的学费怎么换汇')
    await wrapper.find('.replies__escalate').trigger('click')
    await flushPromises()
    expect(api.fetchTopicGuess).toHaveBeenCalledWith('孩子留学的学费怎么换汇')
    await vi.advanceTimersByTimeAsync(500)
    const active = wrapper.find('.ask__chip.is-active')
    expect(active.exists() ? active.text() : document.body.querySelector('.ask__chip.is-active')?.textContent).toBe(
      '外汇',
    )
  })

  it('when the middle office answers an open question, then the answer shows up by itself, ready to send', async () => {
    api.fetchMyEscalations.mockResolvedValueOnce([OPEN])
    const wrapper = mountTab()
    await flushPromises()
    expect(wrapper.find('.mine__item[data-status="open"]').text()).toContain('等待中台')
    api.fetchMyEscalations.mockResolvedValue([
      {
        ...OPEN,
        status: 'answered',
        answer: '本行暂未开通港股通。',
        answeredAt: '2026-11-24T03:00:00.000Z',
        answeredByName: '中台小李',
      },
    ])
    await vi.advanceTimersByTimeAsync(3_100)
    await flushPromises()
    const answered = wrapper.find('.mine__item[data-status="answered"]')
    expect(answered.text()).toContain('本行暂未开通港股通。')
    expect(answered.findAll('.van-button').map((b) => b.text())).toEqual(['编辑后发送', '发送'])
  })
})
