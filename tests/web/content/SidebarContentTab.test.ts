import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import Vant from 'vant'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import SidebarContentTab from '@/features/content/SidebarContentTab.vue'
import { ApiError } from '@/shared/http'

const sdk = vi.hoisted(() => ({
  sendText: vi.fn(),
  sendNews: vi.fn(),
  sendImage: vi.fn(),
  shareToExternalMoments: vi.fn(),
  supportsMoments: vi.fn(() => true),
}))
vi.mock('@/features/wecom/wecom-sdk', () => sdk)
const api = vi.hoisted(() => ({
  fetchRecommendations: vi.fn(),
  prepareSend: vi.fn(),
  markSendDone: vi.fn(),
  logMoment: vi.fn(),
  fetchActivity: vi.fn(),
  itemImageUrl: (id: number) => `/img/${id}`,
}))
vi.mock('@/features/content/content-sidebar.api', () => api)

const item = (id: number, over: Record<string, unknown> = {}) => ({
  id,
  kind: 'article',
  title: `文章 ${id}`,
  body: '正文',
  link: null,
  topic: 'fund',
  segments: [],
  minRiskLevel: 'R3',
  disclaimer: '基金有风险',
  tags: [],
  chartSymbol: null,
  chartWindowDays: null,
  hasImage: false,
  chartAsOf: null,
  stale: false,
  approvalNo: 'ZT-2026-000001',
  validUntil: '2026-12-31T16:00:00Z',
  ...over,
})

describe('SidebarContentTab', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.clearAllMocks()
    api.fetchActivity.mockResolvedValue({
      inquiries: [
        { sendId: 's1', title: '基金定投入门', contactName: '陈静', externalUserId: 'wmA', at: '2026-11-23T02:00:00Z' },
      ],
      notices: [],
    })
    api.fetchRecommendations.mockResolvedValue({
      items: [
        {
          item: item(7),
          score: 6,
          reasons: ['风险等级 R4 适配', '持有基金'],
          warnings: ['客户风险测评已过期，请先完成测评再推介产品'],
        },
      ],
      warnings: ['本周已向该客户发送 3 条内容，过于频繁容易被删除或拉黑'],
      sentThisWeek: 3,
      hiddenRecentlySent: 1,
      hiddenUnsuitable: 2,
    })
  })

  it('when opened for a contact, then it shows why each item is suggested, the warnings, what was hidden and the inquiries', async () => {
    const wrapper = mount(SidebarContentTab, {
      props: { externalUserId: 'wmABCDEFGH', chatId: null },
      global: { plugins: [Vant] },
    })
    await flushPromises()
    expect(api.fetchRecommendations).toHaveBeenCalledWith(
      { externalUserId: 'wmABCDEFGH' },
      { topic: undefined, q: undefined },
    )
    const card = wrapper.find('[data-item-id="7"]')
    expect(card.text()).toContain('风险等级 R4 适配')
    expect(card.text()).toContain('持有基金')
    expect(card.text()).toContain('客户风险测评已过期')
    expect(wrapper.text()).toContain('本周已向该客户发送 3 条内容')
    expect(wrapper.text()).toContain('近 30 天已发送 1 条，与客户风险等级或客群不匹配 2 条')
    expect(wrapper.find('[data-test=content-inquiry]').text()).toContain('陈静')
  })

  it('when the manager sends an article, then the server-built news card goes through sendChatMessage and the send is confirmed', async () => {
    const news = { link: 'http://x/c/abc', title: '文章 7', desc: '正文', imgUrl: 'http://x/i.png' }
    api.prepareSend.mockResolvedValue({
      sendId: 'abcdefghijklmnopqrstuv',
      message: { msgtype: 'news', news },
      findings: [],
    })
    const wrapper = mount(SidebarContentTab, {
      props: { externalUserId: 'wmABCDEFGH', chatId: null },
      global: { plugins: [Vant] },
      attachTo: document.body,
    })
    await flushPromises()
    await wrapper.find('[data-item-id="7"]').trigger('click')
    await flushPromises()
    ;(document.querySelector('[data-test=send-content]') as HTMLElement).click()
    await flushPromises()
    expect(api.prepareSend).toHaveBeenCalledWith({
      externalUserId: 'wmABCDEFGH',
      itemId: 7,
      text: undefined,
      as: undefined,
    })
    expect(sdk.sendNews).toHaveBeenCalledWith(news)
    expect(api.markSendDone).toHaveBeenCalledWith('abcdefghijklmnopqrstuv')
    wrapper.unmount()
  })

  it('when confirming the send fails after WeCom delivered it, then it retries through the outage rather than leaving the send uncounted', async () => {
    vi.useFakeTimers()
    try {
      const news = { link: 'http://x/c/abc', title: '文章 7', desc: '正文', imgUrl: 'http://x/i.png' }
      api.prepareSend.mockResolvedValue({
        sendId: 'abcdefghijklmnopqrstuv',
        message: { msgtype: 'news', news },
        findings: [],
      })
      api.markSendDone
        .mockRejectedValueOnce(new ApiError(0, 'NETWORK', '网络异常'))
        .mockRejectedValueOnce(new ApiError(502, 'HTTP_502', '服务暂时不可用'))
        .mockResolvedValue(undefined)
      const wrapper = mount(SidebarContentTab, {
        props: { externalUserId: 'wmABCDEFGH', chatId: null },
        global: { plugins: [Vant] },
        attachTo: document.body,
      })
      await flushPromises()
      await wrapper.find('[data-item-id="7"]').trigger('click')
      await flushPromises()
      ;(document.querySelector('[data-test=send-content]') as HTMLElement).click()
      await flushPromises()
      expect(sdk.sendNews).toHaveBeenCalledTimes(1)
      expect(api.markSendDone).toHaveBeenCalledTimes(1)
      await vi.advanceTimersByTimeAsync(1000)
      expect(api.markSendDone).toHaveBeenCalledTimes(2)
      await vi.advanceTimersByTimeAsync(3000)
      expect(api.markSendDone).toHaveBeenCalledTimes(3)
      expect(api.markSendDone).toHaveBeenLastCalledWith('abcdefghijklmnopqrstuv')
      // Delivered once: the retries never send the message again.
      expect(sdk.sendNews).toHaveBeenCalledTimes(1)
      wrapper.unmount()
    } finally {
      vi.useRealTimers()
    }
  })
})
