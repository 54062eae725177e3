import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import Vant from 'vant'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import SidebarShellPage from '@/sidebar/SidebarShellPage.vue'
import { ApiError } from '@/shared/http'

const fetchMe = vi.fn()
vi.mock('@/shared/session.api', () => ({ fetchMe: () => fetchMe(), logout: vi.fn() }))

describe('SidebarShellPage', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    fetchMe.mockReset()
  })

  it('when the session loads, then the header shows the manager and branch', async () => {
    let resolve!: (v: unknown) => void
    fetchMe.mockReturnValue(new Promise((r) => { resolve = r }))
    const wrapper = mount(SidebarShellPage, { global: { plugins: [Vant] } })
    await flushPromises()
    expect(wrapper.find('.van-skeleton').exists()).toBe(true)
    resolve({ id: 'E1', userid: 'wangmin', name: '王敏', role: 'front', branchId: 'B011', branchName: '杭州西湖支行' })
    await flushPromises()
    expect(wrapper.find('.sidebar__me').text()).toBe('王敏 · 杭州西湖支行')
    expect(wrapper.find('.van-skeleton').exists()).toBe(false)
  })

  it('when the session cannot load, then an error state replaces the skeleton', async () => {
    fetchMe.mockRejectedValue(new ApiError(500, 'INTERNAL', '服务器开小差了'))
    const wrapper = mount(SidebarShellPage, { global: { plugins: [Vant] } })
    await flushPromises()
    expect(wrapper.text()).toContain('请重新打开侧边栏')
  })
})
