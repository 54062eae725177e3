import { flushPromises, mount } from '@vue/test-utils'
import Vant from 'vant'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import FollowupSection from '@/features/followups/FollowupSection.vue'

const api = vi.hoisted(() => ({
  fetchFollowups: vi.fn(),
  createFollowup: vi.fn(),
  fetchConsent: vi.fn(),
  setConsent: vi.fn(),
}))
vi.mock('@/features/followups/followups.api', () => api)

const note = (id: number, text: string) => ({
  id,
  note: text,
  nextOn: null,
  createdAt: `2026-12-0${id}T02:00:00Z`,
  staffName: '王敏',
  mine: true,
})

describe('FollowupSection (sidebar)', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    api.fetchConsent.mockResolvedValue({ optedOut: false, channel: null, at: null })
  })

  it('when a contact has five notes, then the latest three show and 查看全部 reveals the rest', async () => {
    api.fetchFollowups.mockResolvedValue({ items: [1, 2, 3, 4, 5].map((n) => note(n, `第${n}次跟进`)) })
    const wrapper = mount(FollowupSection, { props: { externalUserId: 'wmContact0001' }, global: { plugins: [Vant] } })
    await flushPromises()
    expect(wrapper.text()).toContain('第3次跟进')
    expect(wrapper.text()).not.toContain('第4次跟进')
    await wrapper
      .findAll('.van-cell')
      .find((c) => c.text().includes('查看全部'))!
      .trigger('click')
    expect(wrapper.text()).toContain('第5次跟进')
  })

  it('when the manager saves a note, then it is sent trimmed and shown first as the server returned it (masked)', async () => {
    api.fetchFollowups.mockResolvedValue({ items: [note(1, '旧记录')] })
    api.createFollowup.mockResolvedValue(note(2, '手机138****5678 约周三'))
    const wrapper = mount(FollowupSection, { props: { externalUserId: 'wmContact0001' }, global: { plugins: [Vant] } })
    await flushPromises()
    await wrapper
      .findAll('.van-cell')
      .find((c) => c.text().includes('添加跟进记录'))!
      .trigger('click')
    await wrapper.find('textarea').setValue('  手机13812345678 约周三  ')
    await wrapper
      .findAll('button')
      .find((b) => b.text() === '保存')!
      .trigger('click')
    await flushPromises()
    expect(api.createFollowup).toHaveBeenCalledWith('wmContact0001', { note: '手机13812345678 约周三', nextOn: null })
    const titles = wrapper.findAll('.followups__item').map((c) => c.text())
    expect(titles[0]).toContain('手机138****5678 约周三')
    expect(wrapper.text()).not.toContain('13812345678')
  })

  it('when the manager switches marketing off, then the opt-out is recorded and the cell says mass sends skip the customer', async () => {
    api.fetchFollowups.mockResolvedValue({ items: [] })
    api.setConsent.mockResolvedValue({ optedOut: true, channel: 'told_manager', at: '2026-12-05T02:00:00Z' })
    const wrapper = mount(FollowupSection, { props: { externalUserId: 'wmContact0001' }, global: { plugins: [Vant] } })
    await flushPromises()
    await wrapper.find('.van-switch').trigger('click')
    await flushPromises()
    expect(api.setConsent).toHaveBeenCalledWith('wmContact0001', true)
    expect(wrapper.text()).toContain('客户已拒收')
    expect(wrapper.text()).toContain('群发将跳过')
  })
})
