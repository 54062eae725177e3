import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import Vant from 'vant'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { ApiError, fromFetched } from '@/shared/http'

// The page as the server renders it for a signed-in manager (server/lib/sidebar-bootstrap.ts).
const ME = { id: 'E1', userid: 'wangmin', name: '王敏', role: 'front', branchId: 'B011', branchName: '杭州西湖支行' }
const SIGNATURES = {
  corpId: 'wwcorp',
  agentId: '1000002',
  corp: { timestamp: 1741000000, nonceStr: 'a'.repeat(16), signature: 'c'.repeat(40) },
  agent: { timestamp: 1741000000, nonceStr: 'b'.repeat(16), signature: 'd'.repeat(40) },
}

const sdk = vi.hoisted(() => ({
  isInWecom: vi.fn(() => true),
  primeJsSignatures: vi.fn(),
  getEntry: vi.fn(async () => 'single_chat_tools'),
  getCurrentContactId: vi.fn(async () => 'wmABCDEFGH'),
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

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

describe('sidebar boot (bootstrap embedded in the page)', () => {
  const fetchSpy = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => json(200, profile()))
  const realFetch = globalThis.fetch

  beforeAll(async () => {
    // The contact panel lazy-loads these; loaded up front, their imports cannot outlive this file's environment.
    await Promise.all([import('@/features/tags'), import('@/features/followups')])
    globalThis.fetch = fetchSpy as unknown as typeof fetch
    const block = document.createElement('script')
    block.type = 'application/json'
    block.id = 'advisor-bootstrap'
    block.textContent = JSON.stringify({
      me: ME,
      jsSignatures: { url: 'http://localhost:3000/sidebar?x=1', ...SIGNATURES },
    })
    document.head.append(block)
  })
  afterAll(() => {
    globalThis.fetch = realFetch
    document.getElementById('advisor-bootstrap')?.remove()
  })

  it('when the page carries the manager and signatures, then the boot signs with them, reads the contact and asks for its profile before Vue is up; the shell asks nothing again', async () => {
    // Importing the boot runs it (as the server's <script async> does, before the app bundle).
    await import('@/sidebar/sidebar-boot')
    await flushPromises()
    expect(sdk.primeJsSignatures).toHaveBeenCalledWith('http://localhost:3000/sidebar?x=1', SIGNATURES)
    expect(fetchSpy).toHaveBeenCalledTimes(1)
    const [url, init] = fetchSpy.mock.calls[0]!
    expect(url).toBe('/api/contacts/wmABCDEFGH')
    expect(new Headers(init?.headers).get('x-advisor-request')).toBe('1')

    setActivePinia(createPinia())
    const { default: SidebarShellPage } = await import('@/sidebar/SidebarShellPage.vue')
    const wrapper = mount(SidebarShellPage, { global: { plugins: [Vant] } })
    // The manager came with the page; the boot's context and profile answers were in before the app was
    // up, so the first update (once the tabs have linked their panes) is the finished screen, no skeleton.
    expect(wrapper.find('.sidebar__me').text()).toBe('王敏 · 杭州西湖支行')
    expect(wrapper.find('.van-skeleton').exists()).toBe(false)
    await nextTick()
    expect(wrapper.find('.contact-header__name').text()).toContain('李华')
    await flushPromises()
    expect(wrapper.find('.contact-header__name').text()).toContain('李华')
    expect(fetchMe).not.toHaveBeenCalled()
    expect(fetchContactProfile).not.toHaveBeenCalled()
    expect(sdk.getEntry).toHaveBeenCalledTimes(1)
    expect(fetchSpy).toHaveBeenCalledTimes(1)
  })
})

describe('a prefetched profile the server refused', () => {
  it("when the boot's request was answered 403, then the panel shows the server's message and does not ask again", async () => {
    const realFetch = globalThis.fetch
    const refused = vi.fn(async () => json(403, { error: { code: 'FORBIDDEN', message: '该客户不在您的名下' } }))
    globalThis.fetch = refused as unknown as typeof fetch
    try {
      const { prefetchContactProfile } = await import('@/features/contacts/profile-prefetch')
      prefetchContactProfile('wmREFUSED1')
      setActivePinia(createPinia())
      const { default: ContactPanel } = await import('@/features/contacts/ContactPanel.vue')
      const wrapper = mount(ContactPanel, { props: { externalUserId: 'wmREFUSED1' }, global: { plugins: [Vant] } })
      await flushPromises()
      expect(wrapper.text()).toContain('该客户不在您的名下')
      expect(refused).toHaveBeenCalledTimes(1)
      expect(fetchContactProfile).not.toHaveBeenCalledWith('wmREFUSED1')
    } finally {
      globalThis.fetch = realFetch
    }
  })
})

describe('fromFetched (a call made before axios has arrived)', () => {
  it('when the server answers with the error envelope, then it is the same ApiError the axios client gives', async () => {
    const err = await fromFetched(
      Promise.resolve({ ok: false, status: 403, data: { error: { code: 'FORBIDDEN', message: '无权访问该资源' } } }),
    ).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 403, code: 'FORBIDDEN', message: '无权访问该资源' })
  })

  it('when a proxy answers a bare 502 or the network fails, then the error is still a typed ApiError', async () => {
    expect(
      await fromFetched(Promise.resolve({ ok: false, status: 502, data: undefined })).catch((e: unknown) => e),
    ).toMatchObject({ status: 502, code: 'HTTP_502' })
    expect(await fromFetched(Promise.reject(new TypeError('Failed to fetch'))).catch((e: unknown) => e)).toMatchObject({
      status: 0,
      code: 'NETWORK',
    })
    expect(
      await fromFetched(Promise.reject(new DOMException('aborted', 'AbortError'))).catch((e: unknown) => e),
    ).toMatchObject({ status: 0, code: 'TIMEOUT' })
  })

  it('when the answer is ok, then it is the JSON body', async () => {
    expect(await fromFetched(Promise.resolve({ ok: true, status: 200, data: { a: 1 } }))).toEqual({ a: 1 })
  })
})
