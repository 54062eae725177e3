import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import Vant from 'vant'
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import SidebarShellPage from '@/sidebar/SidebarShellPage.vue'

const sdk = vi.hoisted(() => ({
  isInWecom: vi.fn(() => true),
  getEntry: vi.fn(),
  getCurrentContactId: vi.fn(),
  getCurrentChatId: vi.fn(),
}))
vi.mock('@/features/wecom/wecom-sdk', () => sdk)
const fetchMe = vi.fn()
vi.mock('@/shared/session.api', () => ({ fetchMe: () => fetchMe(), logout: vi.fn() }))
const fetchContactProfile = vi.fn()
vi.mock('@/features/followups/followups.api', () => ({
  fetchFollowups: vi.fn(async () => ({ items: [] })),
  fetchConsent: vi.fn(async () => ({ optedOut: false, channel: null, at: null })),
  createFollowup: vi.fn(),
  setConsent: vi.fn(),
}))
vi.mock('@/features/tags/tags.api', () => ({
  fetchContactTags: vi.fn(async () => ({ externalUserId: 'wmABCDEFGH', tags: [] })),
  fetchCatalogue: vi.fn(),
  saveContactTags: vi.fn(),
}))
vi.mock('@/features/contacts/contacts.api', () => ({
  fetchContactProfile: (id: string) => fetchContactProfile(id),
  fetchVerificationState: vi.fn(),
}))

const ME = { id: 'E1', userid: 'wangmin', name: '王敏', role: 'front', branchId: 'B011', branchName: '杭州西湖支行' }

function profile() {
  return {
    contact: {
      externalUserId: 'wmABCDEFGH',
      name: '李华',
      avatar: '',
      remark: null,
      type: 1,
      corpName: null,
      addTime: '2026-11-01T00:00:00Z',
      addWay: 1,
      deleted: null,
    },
    customer: null,
    verification: { status: 'none', verifiedAt: null, expiresAt: null, failureReason: null, timeline: [] },
    attribution: {
      counts: false,
      rules: [{ key: 'verified', label: '已实名认证', verdict: 'fail', reason: '尚未完成实名认证' }],
      flags: [],
    },
    lastContacts: [],
  }
}

describe('SidebarShellPage', () => {
  // The contact panel lazy-loads its tag and follow-up sections; loading them up front keeps their imports
  // (styles included) from finishing after this file's environment is torn down on a slow machine.
  beforeAll(async () => {
    await Promise.all([import('@/features/tags'), import('@/features/followups')])
  })

  beforeEach(() => {
    setActivePinia(createPinia())
    vi.clearAllMocks()
    sdk.isInWecom.mockReturnValue(true)
    fetchMe.mockResolvedValue(ME)
  })

  it('when opened outside WeCom, then it explains where to open it and calls no WeCom API', async () => {
    sdk.isInWecom.mockReturnValue(false)
    const wrapper = mount(SidebarShellPage, { global: { plugins: [Vant] } })
    await flushPromises()
    expect(wrapper.text()).toContain('请在企业微信聊天工具栏中打开')
    expect(sdk.getEntry).not.toHaveBeenCalled()
  })

  it('when opened from a single chat, then the header names the manager and the contact profile loads for that contact', async () => {
    sdk.getEntry.mockResolvedValue('single_chat_tools')
    sdk.getCurrentContactId.mockResolvedValue('wmABCDEFGH')
    fetchContactProfile.mockResolvedValue(profile())
    const wrapper = mount(SidebarShellPage, { global: { plugins: [Vant] } })
    await flushPromises()
    expect(wrapper.find('.sidebar__me').text()).toBe('王敏 · 杭州西湖支行')
    expect(fetchContactProfile).toHaveBeenCalledWith('wmABCDEFGH')
    expect(wrapper.find('.contact-header__name').text()).toContain('李华')
    expect(wrapper.text()).toContain('发送实名认证')
  })

  it('when opened from the workbench, then it says what the page is for instead of a profile', async () => {
    sdk.getEntry.mockResolvedValue('normal')
    const wrapper = mount(SidebarShellPage, { global: { plugins: [Vant] } })
    await flushPromises()
    expect(wrapper.text()).toContain('从聊天工具栏打开')
    expect(sdk.getCurrentContactId).not.toHaveBeenCalled()
    expect(fetchContactProfile).not.toHaveBeenCalled()
  })

  it('when the app lacks customer-contact permission, then the Chinese reason is shown', async () => {
    sdk.getEntry.mockRejectedValue({ errMsg: 'getContext:fail_no permission' })
    const wrapper = mount(SidebarShellPage, { global: { plugins: [Vant] } })
    await flushPromises()
    expect(wrapper.text()).toContain('没有客户联系权限')
  })
})
