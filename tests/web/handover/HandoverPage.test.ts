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
})
