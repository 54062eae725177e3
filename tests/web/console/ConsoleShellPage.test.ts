import type { Me } from '@contracts/session'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import Vant from 'vant'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import ConsoleShellPage from '@/console/ConsoleShellPage.vue'

const session = vi.hoisted(() => ({ fetchMe: vi.fn(), logout: vi.fn() }))
vi.mock('@/shared/session.api', () => session)
const http = vi.hoisted(() => ({ get: vi.fn() }))
vi.mock('@/shared/http', () => ({ http }))

const page = (name: string) => ({ template: `<p class="page">${name}</p>` })
const SECTIONS = [
  'dashboard',
  'content',
  'content-results',
  'qa',
  'qa-insights',
  'escalations',
  'tasks',
  'welcome',
  'tags',
  'lexicon',
  'handover',
  'audit',
  'crm',
  'wecom',
]
const makeRouter = () =>
  createRouter({
    history: createMemoryHistory(),
    routes: [
      {
        path: '/console',
        component: ConsoleShellPage,
        redirect: '/console/dashboard',
        children: SECTIONS.map((s) => ({ path: s, component: page(s), meta: { title: `title-${s}` } })),
      },
      { path: '/demo/login', component: page('login') },
    ],
  })

const me = (role: Me['role'], reviewer = false): Me => ({
  id: 'S1',
  userid: 'u1',
  name: '张三',
  role,
  branchId: 'B1',
  branchName: '杭州分行',
  reviewer,
})

async function open(path: string, who: Me) {
  session.fetchMe.mockResolvedValue(who)
  const router = makeRouter()
  await router.push(path)
  const wrapper = mount({ template: '<RouterView />' }, { global: { plugins: [Vant, router] } })
  await flushPromises()
  await router.isReady()
  await flushPromises()
  return {
    wrapper,
    router,
    menu: () => wrapper.findAll('.console__link').map((a) => a.text().replace(/\d+$/, '').trim()),
  }
}

describe('ConsoleShellPage', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    setActivePinia(createPinia())
    http.get.mockResolvedValue({
      data: { content: { toReview: 2, rejectedMine: 1 }, qa: { toReview: 0, rejectedMine: 0 }, openEscalations: 4 },
    })
  })

  it('when a supervisor signs in, then the menu holds only 经营看板, 内容效果, 客户继承 and 访问审计 and the page shows their name and role', async () => {
    const { wrapper, menu } = await open('/console/dashboard', me('supervisor'))
    expect(menu()).toEqual(['经营看板', '内容效果', '客户继承', '访问审计'])
    expect(wrapper.find('.console__me').text()).toContain('张三')
    expect(wrapper.find('.console__me').text()).toContain('管理者')
    expect(wrapper.find('.page').text()).toBe('dashboard')
    expect(http.get).not.toHaveBeenCalled()
  })

  it('when bank IT arrives at /console, then it lands on 数据接入, never on the dashboard it may not use', async () => {
    const { router, wrapper } = await open('/console', me('admin'))
    expect(router.currentRoute.value.fullPath).toBe('/console/crm')
    expect(wrapper.find('.page').text()).toBe('crm')
  })

  it('when a reviewer opens a page of another role, then they are sent to their review queue', async () => {
    const { router, wrapper } = await open('/console/audit', me('middle', true))
    expect(router.currentRoute.value.fullPath).toBe('/console/content?status=in_review')
    expect(wrapper.find('.page').text()).toBe('content')
  })

  it('when middle office has work waiting, then the menu shows the pending numbers on 内容库 and 问中台', async () => {
    const { wrapper } = await open('/console/qa', me('middle'))
    expect(http.get).toHaveBeenCalledWith('/console/pending')
    const badge = (label: string) =>
      wrapper
        .findAll('.console__link')
        .find((a) => a.text().startsWith(label))!
        .find('.console__badge')
    expect(badge('内容库').text()).toBe('3')
    expect(badge('问中台').text()).toBe('4')
    expect(badge('话术库').exists()).toBe(false)
  })

  it('when a front-office manager opens the console, then there is no menu and the page points to the sidebar', async () => {
    const { wrapper, menu } = await open('/console/dashboard', me('front'))
    expect(menu()).toEqual([])
    expect(wrapper.text()).toContain('客户经理请在企业微信聊天侧边栏中使用企微顾问台')
    expect(wrapper.find('.page').exists()).toBe(false)
  })
})
