import { flushPromises, mount } from '@vue/test-utils'
import Vant from 'vant'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import CustomerCard from '@/features/contacts/CustomerCard.vue'

const api = vi.hoisted(() => ({ revealCustomerField: vi.fn(), fetchContactProfile: vi.fn() }))
vi.mock('@/features/contacts/contacts.api', () => api)
const errors = vi.hoisted(() => ({ showApiError: vi.fn() }))
vi.mock('@/shared/show-error', () => errors)

const customer = {
  cifNo: 'C001',
  name: '李华',
  phone: '139****5678',
  idNo: '3301**********123X',
  segment: 'wealth' as const,
  aumBand: '50–100 万',
  riskLevel: 'R3' as const,
  riskAssessedAt: '2026-01-01',
  riskExpired: false,
  holdings: [],
  maturities: [],
  owner: null,
  tags: [],
  hasAccount: true,
}
const mountCard = (props: Record<string, unknown>) =>
  mount(CustomerCard, { props: { customer, ...props }, global: { plugins: [Vant] }, attachTo: document.body })

describe('revealing a full number (supervisors)', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    document.body.innerHTML = ''
  })

  it("when the manager's own card is shown, then the phone is masked, there is no ID row and no 查看", () => {
    const card = mountCard({ externalUserId: 'wmCONTACT0001' })
    expect(card.find('[data-test=phone]').text()).toBe('139****5678')
    expect(card.find('[data-test=id-no]').exists()).toBe(false)
    expect(card.text()).not.toContain('查看')
  })

  it('when a supervisor taps 查看 by the phone, then a reason sheet asks for a listed reason and at least 6 characters before it sends', async () => {
    const card = mountCard({ canReveal: true, externalUserId: 'wmCONTACT0001' })
    expect(card.find('[data-test=id-no]').text()).toBe('3301**********123X')
    await card.find('[data-test=reveal-phone]').trigger('click')
    await vi.dynamicImportSettled()
    await flushPromises()
    await flushPromises()
    const sheet = card.find('[data-test=reveal-sheet]')
    expect(sheet.text()).toContain('查看完整手机号')
    expect(sheet.text()).toContain('记入访问审计')
    const submit = () => card.find('[data-test=reveal-submit]')
    expect(submit().attributes('disabled')).toBeDefined()
    await card.find('[data-test=reveal-reason-complaint]').trigger('click')
    await card.find('[data-test=reveal-note] textarea').setValue('核实号码')
    expect(submit().attributes('disabled')).toBeDefined()
    await card.find('[data-test=reveal-note] textarea').setValue('客户来电投诉，需回电核实')
    expect(submit().attributes('disabled')).toBeUndefined()
    expect(api.revealCustomerField).not.toHaveBeenCalled()
  })

  it('when the reveal is confirmed, then that one field shows in full and the other stays masked', async () => {
    api.revealCustomerField.mockResolvedValue({ field: 'phone', value: '13912345678' })
    const card = mountCard({ canReveal: true, externalUserId: 'wmCONTACT0001' })
    await card.find('[data-test=reveal-phone]').trigger('click')
    await vi.dynamicImportSettled()
    await flushPromises()
    await card.find('[data-test=reveal-reason-complaint]').trigger('click')
    await card.find('[data-test=reveal-note] textarea').setValue('客户来电投诉，需回电核实')
    await card.find('[data-test=reveal-submit]').trigger('click')
    await flushPromises()
    expect(api.revealCustomerField).toHaveBeenCalledWith('wmCONTACT0001', {
      field: 'phone',
      reason: 'complaint',
      note: '客户来电投诉，需回电核实',
    })
    expect(card.find('[data-test=phone]').text()).toBe('13912345678')
    expect(card.find('[data-test=reveal-phone]').exists()).toBe(false)
    expect(card.find('[data-test=id-no]').text()).toBe('3301**********123X')
    expect(card.find('[data-test=reveal-idNo]').exists()).toBe(true)
  })

  it('when the server refuses (limit reached), then the error is shown and the number stays masked', async () => {
    api.revealCustomerField.mockRejectedValue(new Error('请求过于频繁'))
    const card = mountCard({ canReveal: true, externalUserId: 'wmCONTACT0001' })
    await card.find('[data-test=reveal-idNo]').trigger('click')
    await vi.dynamicImportSettled()
    await flushPromises()
    await card.find('[data-test=reveal-reason-risk_check]').trigger('click')
    await card.find('[data-test=reveal-note] textarea').setValue('反洗钱排查核对身份')
    await card.find('[data-test=reveal-submit]').trigger('click')
    await flushPromises()
    expect(errors.showApiError).toHaveBeenCalled()
    expect(card.find('[data-test=id-no]').text()).toBe('3301**********123X')
  })
})
