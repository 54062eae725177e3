import { flushPromises, mount } from '@vue/test-utils'
import Vant from 'vant'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import HandoverPage from '@/features/handover/HandoverPage.vue'

const api = vi.hoisted(() => ({
  fetchHandoverStaff: vi.fn(),
  fetchHandoverCustomers: vi.fn(),
  fetchTransfers: vi.fn(async () => []),
  fetchProposals: vi.fn(async () => []),
  startHandover: vi.fn(async () => ({ requested: 1, rejected: 0 })),
  refreshTransfers: vi.fn(),
  dismissProposals: vi.fn(async () => ({ dismissed: 1 })),
  fetchGroups: vi.fn(async () => [
    { chatId: 'wr1', name: '理财沙龙群', memberCount: 12 },
    { chatId: 'wr2', name: '基金定投交流群', memberCount: 30 },
  ]),
  transferGroups: vi.fn(async () => ({
    kind: 'onjob',
    transferred: 0,
    failed: [{ chatId: 'wr2', errcode: 40050, reason: '该群已解散或不存在' }],
  })),
}))
vi.mock('@/features/handover/handover.api', () => api)

const customer = (id: string, over = {}) => ({
  externalUserId: id,
  name: `客户${id}`,
  segment: 'wealth',
  crmOwnerUserid: 'zhaoqiang',
  crmOwnerName: '赵强',
  transfersIn90Days: 0,
  status: null,
  ...over,
})

describe('HandoverPage', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    api.fetchHandoverStaff.mockResolvedValue([
      { userid: 'wangmin', name: '王敏', branchName: '西湖支行', active: true, customers: 2 },
      { userid: 'zhaoqiang', name: '赵强', branchName: '西湖支行', active: true, customers: 0 },
    ])
    api.fetchHandoverCustomers.mockResolvedValue([customer('wm1'), customer('wm2', { transfersIn90Days: 2 })])
  })

  it('when customers are picked, then the CRM owner is suggested as successor, a customer at the 2-in-90-days limit cannot be picked, and 在职转接 is sent with the message', async () => {
    const w = mount(HandoverPage, { global: { plugins: [Vant] } })
    await flushPromises()
    await w.find('select[name=handover]').setValue('wangmin')
    await flushPromises()
    expect(w.find('input[value=wm2]').attributes('disabled')).toBeDefined()
    await w.find('input[value=wm1]').setValue(true)
    await flushPromises()
    expect((w.find('select[name=takeover]').element as HTMLSelectElement).value).toBe('zhaoqiang')
    await w.find('input[name=message]').setValue('您好')
    await w
      .findAll('button')
      .find((b) => b.text() === '转接 1 位客户')!
      .trigger('click')
    await flushPromises()
    expect(api.startHandover).toHaveBeenCalledWith({
      kind: 'onjob',
      handoverUserid: 'wangmin',
      takeoverUserid: 'zhaoqiang',
      externalUserIds: ['wm1'],
      message: '您好',
    })
  })

  it('when a proposal is dismissed, then the API is told which customer and the list is reloaded', async () => {
    api.fetchProposals.mockResolvedValue([
      {
        externalUserId: 'wm9',
        customerName: '客户9',
        holderUserid: 'wangmin',
        holderName: '王敏',
        crmOwnerUserid: 'zhaoqiang',
        crmOwnerName: '赵强',
        proposedAt: '2026-03-14T02:00:00.000Z',
      },
    ] as never)
    const w = mount(HandoverPage, { global: { plugins: [Vant] } })
    await flushPromises()
    expect(w.text()).toContain('客户9：王敏 → 赵强')
    await w
      .findAll('button')
      .find((b) => b.text() === '忽略')!
      .trigger('click')
    await flushPromises()
    expect(api.dismissProposals).toHaveBeenCalledWith(['wm9'])
    expect(api.fetchProposals).toHaveBeenCalledTimes(2)
  })

  it('when a member is picked, then their groups can be handed to a new owner and a group WeCom refused shows its reason', async () => {
    const w = mount(HandoverPage, { global: { plugins: [Vant] } })
    await flushPromises()
    await w.find('select[name=handover]').setValue('wangmin')
    await flushPromises()
    expect(api.fetchGroups).toHaveBeenCalledWith('wangmin')
    await w.find('input[value=wr2]').setValue(true)
    await w.find('select[name=group-takeover]').setValue('zhaoqiang')
    await w
      .findAll('button')
      .find((b) => b.text() === '转让 1 个群')!
      .trigger('click')
    await flushPromises()
    expect(api.transferGroups).toHaveBeenCalledWith({
      ownerUserid: 'wangmin',
      takeoverUserid: 'zhaoqiang',
      chatIds: ['wr2'],
    })
    expect(w.text()).toContain('基金定投交流群：该群已解散或不存在')
  })
})
