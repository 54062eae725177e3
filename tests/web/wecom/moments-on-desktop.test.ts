import { flushPromises, mount } from '@vue/test-utils'
import Vant from 'vant'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { MyTodo } from '@contracts/process'
import type { Recommendation } from '@contracts/content'
import ContentPreviewSheet from '@/features/content/ContentPreviewSheet.vue'
import SidebarTasksTab from '@/features/process/SidebarTasksTab.vue'

const sdk = vi.hoisted(() => ({
  openChat: vi.fn(),
  sendNews: vi.fn(),
  sendText: vi.fn(),
  shareToExternalMoments: vi.fn(),
  supportsMoments: vi.fn(() => false),
}))
vi.mock('@/features/wecom/wecom-sdk', () => sdk)
const fetchMyTodo = vi.fn()
vi.mock('@/features/process/process.api', () => ({ fetchMyTodo: () => fetchMyTodo() }))

const momentTask: MyTodo['tasks'][number] = {
  id: 't1',
  kind: 'moment',
  title: '本周黄金行情',
  dueDate: '2026-11-20',
  text: '金价点评',
  progress: 0,
  target: 1,
  link: null,
  doableOn: 'mobile',
}
const todo: MyTodo = { tasks: [momentTask], highValue: [], maturities: [], followups: [], inquiries: [], answers: [] }

const momentItem = {
  item: {
    id: 3,
    kind: 'moment',
    title: '黄金周评',
    body: '本周金价区间震荡。',
    link: null,
    topic: 'gold',
    segments: [],
    minRiskLevel: null,
    disclaimer: '贵金属价格波动较大，投资有风险。',
    tags: [],
    chartSymbol: null,
    chartWindowDays: null,
    hasImage: false,
    chartAsOf: null,
    stale: false,
    approvalNo: 'ZT-2026-000003',
    validUntil: '2026-12-31T16:00:00Z',
  },
  score: 1,
  reasons: [],
  warnings: [],
} as unknown as Recommendation

const mountSheet = () =>
  mount(ContentPreviewSheet, {
    props: { rec: momentItem, sending: false, findings: [] },
    global: { plugins: [Vant], stubs: { teleport: true } },
  })

describe('customer moments exist only on the phone clients', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    fetchMyTodo.mockResolvedValue(todo)
  })

  it('when the sidebar runs in desktop WeCom, then a moment task shows no 发朋友圈 button but says to post from the phone', async () => {
    sdk.supportsMoments.mockReturnValue(false)
    const wrapper = mount(SidebarTasksTab, { props: { externalUserId: null }, global: { plugins: [Vant] } })
    await flushPromises()
    const task = wrapper.find('.todo-task')
    expect(task.find('button').exists()).toBe(false)
    expect(task.find('[data-test="mobile-only"]').text()).toBe('请在手机企业微信上发朋友圈')
    expect(sdk.shareToExternalMoments).not.toHaveBeenCalled()
  })

  it('when the sidebar runs in phone WeCom, then the moment task offers 发朋友圈 and opens the composer with the text', async () => {
    sdk.supportsMoments.mockReturnValue(true)
    const wrapper = mount(SidebarTasksTab, { props: { externalUserId: null }, global: { plugins: [Vant] } })
    await flushPromises()
    const button = wrapper.find('.todo-task button')
    expect(button.text()).toBe('发朋友圈')
    await button.trigger('click')
    expect(sdk.shareToExternalMoments).toHaveBeenCalledWith('金价点评')
  })

  it('when a moment item is previewed on desktop, then only 复制文案 is offered, with the reason', async () => {
    sdk.supportsMoments.mockReturnValue(false)
    const wrapper = mountSheet()
    await flushPromises()
    const buttons = wrapper.findAll('button').map((b) => b.text())
    expect(buttons).toContain('复制文案')
    expect(buttons).not.toContain('发朋友圈')
    expect(wrapper.find('[data-test="moments-mobile-only"]').text()).toContain('电脑端企业微信不支持发朋友圈')
  })

  it('when a moment item is previewed on the phone, then 发朋友圈 is offered and emits a share', async () => {
    sdk.supportsMoments.mockReturnValue(true)
    const wrapper = mountSheet()
    await flushPromises()
    const share = wrapper.findAll('button').find((b) => b.text() === '发朋友圈')!
    await share.trigger('click')
    expect(wrapper.emitted('moment')).toEqual([['本周金价区间震荡。', 'share']])
    expect(wrapper.find('[data-test="moments-mobile-only"]').exists()).toBe(false)
  })
})
