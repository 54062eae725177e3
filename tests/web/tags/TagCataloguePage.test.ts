import type { TagCatalogue } from '@contracts/tags'
import { flushPromises, mount } from '@vue/test-utils'
import Vant from 'vant'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import TagCataloguePage from '@/features/tags/TagCataloguePage.vue'
import { ApiError } from '@/shared/http'

const api = vi.hoisted(() => ({
  fetchCatalogue: vi.fn(),
  syncCatalogue: vi.fn(),
  createGroup: vi.fn(),
  addTags: vi.fn(),
  renameTagOrGroup: vi.fn(),
  deleteTag: vi.fn(),
  deleteGroup: vi.fn(),
}))
vi.mock('@/features/tags/tags.api', () => api)
const shown = vi.hoisted(() => ({ showApiError: vi.fn() }))
vi.mock('@/shared/show-error', () => shown)
const vant = vi.hoisted(() => ({ showToast: vi.fn(), showConfirmDialog: vi.fn() }))
vi.mock('vant', async (importOriginal) => ({ ...(await importOriginal<typeof import('vant')>()), ...vant }))

const CATALOGUE: TagCatalogue = {
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

async function mountPage(catalogue: TagCatalogue = CATALOGUE) {
  api.fetchCatalogue.mockResolvedValue(catalogue)
  const wrapper = mount(TagCataloguePage, { global: { plugins: [Vant] } })
  await flushPromises()
  return wrapper
}

describe('TagCataloguePage', () => {
  beforeEach(() => vi.clearAllMocks())

  it('when the catalogue has groups, then each group lists its tags and its count; an empty catalogue says so', async () => {
    const wrapper = await mountPage()
    const fund = wrapper.find('[data-group="兴趣偏好"]')
    expect(fund.text()).toContain('2 个标签')
    expect(fund.findAll('.chip').map((c) => c.text().replace(/[✎×]/g, '').trim())).toEqual(['基金', '黄金'])
    expect((await mountPage({ syncedAt: null, groups: [] })).text()).toContain('标签库为空')
  })

  it('when a group is created with tags separated by Chinese and ASCII commas and spaces, then the names go one by one and the form empties', async () => {
    api.createGroup.mockResolvedValue(CATALOGUE)
    const wrapper = await mountPage()
    await wrapper.find('input[name="group"]').setValue(' 理财到期 ')
    await wrapper.find('input[name="tags"]').setValue('一个月内，三个月内, 半年内、 一年内')
    await wrapper.find('form.create').trigger('submit')
    await flushPromises()
    expect(api.createGroup).toHaveBeenCalledWith('理财到期', ['一个月内', '三个月内', '半年内', '一年内'])
    expect((wrapper.find('input[name="group"]').element as HTMLInputElement).value).toBe('')
  })

  it('when the new group name is already taken, then the error is shown and the typed names stay in the form', async () => {
    api.createGroup.mockRejectedValue(
      new ApiError(409, 'TAG_NAME_TAKEN', '同一标签组内已有同名标签（或已有同名标签组）'),
    )
    const wrapper = await mountPage()
    await wrapper.find('input[name="group"]').setValue('理财到期')
    await wrapper.find('input[name="tags"]').setValue('一个月内')
    await wrapper.find('form.create').trigger('submit')
    await flushPromises()
    expect(shown.showApiError).toHaveBeenCalledTimes(1)
    expect((wrapper.find('input[name="group"]').element as HTMLInputElement).value).toBe('理财到期')
    expect(vant.showToast).not.toHaveBeenCalled()
  })

  it('when deleting a tag, then it asks first and deletes only after the confirmation', async () => {
    api.deleteTag.mockResolvedValue(CATALOGUE)
    const wrapper = await mountPage()
    const deleteGold = () =>
      wrapper
        .findAll('.chip')
        .find((c) => c.text().includes('黄金'))!
        .find('[title="删除"]')
    vant.showConfirmDialog.mockRejectedValueOnce(new Error('cancel'))
    await deleteGold().trigger('click')
    await flushPromises()
    expect(vant.showConfirmDialog).toHaveBeenCalledWith(
      expect.objectContaining({ message: expect.stringContaining('黄金') }),
    )
    expect(api.deleteTag).not.toHaveBeenCalled()
    vant.showConfirmDialog.mockResolvedValueOnce('confirm')
    await deleteGold().trigger('click')
    await flushPromises()
    expect(api.deleteTag).toHaveBeenCalledWith('etGold')
    expect(vant.showToast).toHaveBeenCalledWith('已删除')
  })
})
