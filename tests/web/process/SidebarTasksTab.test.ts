import { flushPromises, mount } from '@vue/test-utils'
import Vant from 'vant'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { MyTodo } from '@contracts/process'
import SidebarTasksTab from '@/features/process/SidebarTasksTab.vue'

const sdk = vi.hoisted(() => ({
  openChat: vi.fn(),
  sendNews: vi.fn(),
  sendText: vi.fn(),
  shareToExternalMoments: vi.fn(),
  supportsMoments: vi.fn(() => true),
}))
vi.mock('@/features/wecom/wecom-sdk', () => sdk)
const fetchMyTodo = vi.fn()
vi.mock('@/features/process/process.api', () => ({ fetchMyTodo: () => fetchMyTodo() }))

const TODO: MyTodo = {
  tasks: [
    {
      id: 't1',
      kind: 'moment',
      title: '本周黄金行情',
      dueDate: '2026-11-20',
      text: '金价点评',
      progress: 0,
      target: 1,
      link: null,
      doableOn: 'mobile',
    },
    {
      id: 't2',
      kind: 'mass_send',
      title: '四季度展望',
      dueDate: '2026-11-21',
      text: '展望全文',
      progress: 0,
      target: 1,
      link: { title: '四季度展望', url: 'https://bank.example/a' },
      doableOn: 'any',
    },
  ],
  highValue: [
    { cifNo: 'C1', name: '李华', segment: 'private', aumBand: '600万–3000万', contactId: 'wmLIHUA0001' },
    { cifNo: 'C2', name: '张伟', segment: 'wealth', aumBand: '50万–600万', contactId: null },
  ],
  maturities: [
    { cifNo: 'C1', name: '李华', productType: 'time_deposit', maturityDate: '2026-11-22', contactId: 'wmLIHUA0001' },
  ],
  followups: [{ externalUserId: 'wmFOLLOW001', name: '赵丽', nextOn: '2026-11-18', note: '约面谈养老规划' }],
  inquiries: [{ externalUserId: 'wmQ00000001', name: '王芳', at: '2026-11-18T02:00:00Z', title: '黄金配置' }],
  answers: [],
}

describe('SidebarTasksTab', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    fetchMyTodo.mockResolvedValue(TODO)
  })

  it('when the list loads, then tasks, uncovered high-value customers (by value), maturities and inquiries show with one-tap actions', async () => {
    const wrapper = mount(SidebarTasksTab, { props: { externalUserId: 'wmCURRENT01' }, global: { plugins: [Vant] } })
    await flushPromises()
    expect(wrapper.findAll('.todo-task').map((c) => c.text())).toEqual([
      expect.stringContaining('本周黄金行情'),
      expect.stringContaining('四季度展望'),
    ])
    expect(wrapper.findAll('.todo-customer').map((c) => c.text())).toEqual([
      expect.stringContaining('李华'),
      expect.stringContaining('尚非企业微信好友：先邀请添加'),
    ])
    expect(wrapper.text()).toContain('定期 · 2026-11-22 到期')
    expect(wrapper.text()).toContain('王芳 想咨询')
    expect(wrapper.text()).toContain('2026-11-18 应跟进 · 约面谈养老规划')

    await wrapper.findAll('.todo-customer')[0]!.find('button').trigger('click')
    expect(sdk.openChat).toHaveBeenCalledWith('wmLIHUA0001')
    const [moment, mass] = wrapper.findAll('.todo-task')
    await moment!.find('button').trigger('click')
    expect(sdk.shareToExternalMoments).toHaveBeenCalledWith('金价点评')
    await mass!.find('button').trigger('click')
    expect(sdk.sendNews).toHaveBeenCalledWith(
      expect.objectContaining({ link: 'https://bank.example/a', title: '四季度展望' }),
    )
  })

  it("when no customer chat is open, then a mass-send task points to WeCom's own confirmation instead of a send button", async () => {
    const wrapper = mount(SidebarTasksTab, { props: { externalUserId: null }, global: { plugins: [Vant] } })
    await flushPromises()
    expect(wrapper.findAll('.todo-task')[1]!.text()).toContain('在企业微信「群发助手」确认')
  })
})
