import { flushPromises, mount } from '@vue/test-utils'
import Vant from 'vant'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import ContactTagsSection from '@/features/tags/ContactTagsSection.vue'

const api = vi.hoisted(() => ({
  fetchContactTags: vi.fn(),
  saveContactTags: vi.fn(),
  fetchCatalogue: vi.fn(),
}))
vi.mock('@/features/tags/tags.api', () => api)
const shown = vi.hoisted(() => ({ showApiError: vi.fn() }))
vi.mock('@/shared/show-error', () => shown)

const catalogue = {
  syncedAt: '2026-12-05T01:00:00Z',
  groups: [
    { groupId: 'etG1', name: '客户等级', tags: [{ id: 'etWealth', name: '财富客户' }] },
    {
      groupId: 'etG2',
      name: '兴趣偏好',
      tags: [
        { id: 'etFund', name: '基金' },
        { id: 'etGold', name: '黄金' },
      ],
    },
  ],
}

const mountSection = async () => {
  const wrapper = mount(ContactTagsSection, { props: { externalUserId: 'wmContact0001' }, global: { plugins: [Vant] } })
  await flushPromises()
  return wrapper
}

describe('ContactTagsSection (sidebar)', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    api.fetchCatalogue.mockResolvedValue(catalogue)
  })

  it('when the customer has tags, then they show; with none, the cell invites adding one', async () => {
    api.fetchContactTags.mockResolvedValue({
      tags: [{ id: 'etFund', name: '基金', groupName: '兴趣偏好' }],
      fresh: true,
    })
    expect((await mountSection()).findAll('.van-tag').map((t) => t.text())).toEqual(['基金'])
    api.fetchContactTags.mockResolvedValue({ tags: [], fresh: true })
    expect((await mountSection()).text()).toContain('还没有标签，点此添加')
  })

  it('when the manager toggles tags and saves, then the picked ids are saved and the returned tags shown', async () => {
    api.fetchContactTags.mockResolvedValue({
      tags: [{ id: 'etFund', name: '基金', groupName: '兴趣偏好' }],
      fresh: true,
    })
    api.saveContactTags.mockResolvedValue({
      tags: [
        { id: 'etWealth', name: '财富客户', groupName: '客户等级' },
        { id: 'etGold', name: '黄金', groupName: '兴趣偏好' },
      ],
      fresh: true,
    })
    const wrapper = await mountSection()
    await wrapper.find('[data-test="edit-tags"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-tag="基金"]').attributes('aria-pressed')).toBe('true')
    await wrapper.find('[data-tag="基金"]').trigger('click')
    await wrapper.find('[data-tag="黄金"]').trigger('click')
    await wrapper.find('[data-tag="财富客户"]').trigger('click')
    await wrapper.find('[data-test="save-tags"]').trigger('click')
    await flushPromises()
    expect(api.saveContactTags).toHaveBeenCalledWith('wmContact0001', ['etGold', 'etWealth'])
    expect(wrapper.findAll('.van-tag').map((t) => t.text())).toEqual(['财富客户', '黄金'])
    expect(wrapper.find('[data-test="save-tags"]').exists()).toBe(false)
  })

  it('when saving fails, then the error is shown and the editor stays open with the selection', async () => {
    api.fetchContactTags.mockResolvedValue({ tags: [], fresh: true })
    api.saveContactTags.mockRejectedValue(new Error('该客户不在您的企业微信联系人中'))
    const wrapper = await mountSection()
    await wrapper.find('[data-test="edit-tags"]').trigger('click')
    await flushPromises()
    await wrapper.find('[data-tag="黄金"]').trigger('click')
    await wrapper.find('[data-test="save-tags"]').trigger('click')
    await flushPromises()
    expect(shown.showApiError).toHaveBeenCalled()
    expect(wrapper.find('[data-tag="黄金"]').attributes('aria-pressed')).toBe('true')
  })

  it('when WeCom could not be reached, then the stored tags show with a note that they may be stale', async () => {
    api.fetchContactTags.mockResolvedValue({
      tags: [{ id: 'etGold', name: '黄金', groupName: '兴趣偏好' }],
      fresh: false,
    })
    const wrapper = await mountSection()
    expect(wrapper.text()).toContain('暂未连上企业微信，显示的是上次同步的标签')
  })
})
