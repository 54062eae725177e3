import { mount } from '@vue/test-utils'
import Vant from 'vant'
import { describe, expect, it } from 'vitest'
import CustomerCard from '@/features/contacts/CustomerCard.vue'

const customer = (over: Record<string, unknown> = {}) => ({
  cifNo: 'C001',
  name: '李华',
  phone: '138****5678',
  idNo: '3301**********1234',
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
  ...over,
})

describe('CustomerCard', () => {
  it('when the customer is assessed at level 3, then the card reads C3 平衡型, as banks label customers', () => {
    const wrapper = mount(CustomerCard, { props: { customer: customer() }, global: { plugins: [Vant] } })
    expect(wrapper.text()).toContain('C3 平衡型')
    expect(wrapper.text()).not.toContain('R3')
  })

  it('when the assessment has expired or is missing, then the card says so and that product content cannot be sent', () => {
    const expired = mount(CustomerCard, {
      props: { customer: customer({ riskExpired: true }) },
      global: { plugins: [Vant] },
    })
    expect(expired.text()).toContain('测评已过期，产品类内容不可发送')
    const none = mount(CustomerCard, {
      props: { customer: customer({ riskLevel: null }) },
      global: { plugins: [Vant] },
    })
    expect(none.text()).toContain('未测评')
  })
})
