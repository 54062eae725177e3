import type { WelcomeMessage, WelcomeOverview } from '@contracts/welcome'
import type { ReviewStatus } from '@contracts/review'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import Vant from 'vant'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import WelcomeMessagesPage from '@/features/welcome/WelcomeMessagesPage.vue'
import { useSessionStore } from '@/stores/session.store'
import { qaItem } from '../replies/qa-items'

const api = vi.hoisted(() => ({
  fetchWelcome: vi.fn(),
  createWelcome: vi.fn(),
  editWelcome: vi.fn(),
  submitWelcome: vi.fn(),
  approveWelcome: vi.fn(),
  rejectWelcome: vi.fn(),
  retireWelcome: vi.fn(),
}))
vi.mock('@/features/welcome/welcome.api', () => api)
const toast = vi.hoisted(() => vi.fn())
vi.mock('vant', async (importOriginal) => ({ ...(await importOriginal<typeof import('vant')>()), showToast: toast }))

const AUTHOR = { id: 'S-author', userid: 'zt1', name: '中台甲', role: 'middle', branchId: 'B0', branchName: '总行' }
const REVIEWER = { ...AUTHOR, id: 'S-reviewer', userid: 'hg1', name: '审核乙', reviewer: true }

const message = (id: number, status: ReviewStatus, over: Partial<WelcomeMessage> = {}): WelcomeMessage => ({
  id,
  title: `欢迎语${id}`,
  text: `您好，我是您的客户经理${id}`,
  branchId: null,
  branchName: null,
  link: null,
  live: status === 'approved',
  review: { ...qaItem(id, status).review, validUntil: status === 'approved' ? '2027-03-05T16:00:00Z' : null },
  ...over,
})

const overview = (messages: WelcomeMessage[]): WelcomeOverview => ({
  messages,
  sends: [
    {
      id: 1,
      staffUserid: 'wangmin',
      staffName: '王敏',
      externalUserid: 'wm****GH',
      messageId: 1,
      approvalNo: 'ZT-2026-000001',
      result: 'too_late',
      errcode: 41051,
      error: null,
      attemptedAt: '2026-12-05T02:00:00Z',
    },
  ],
  branches: [{ id: 'B011', name: '杭州西湖支行' }],
})

async function mountAs(me: typeof AUTHOR, messages: WelcomeMessage[]) {
  useSessionStore().me = me as never
  api.fetchWelcome.mockResolvedValue(overview(messages))
  const wrapper = mount(WelcomeMessagesPage, { global: { plugins: [Vant] } })
  await flushPromises()
  return wrapper
}
const buttonsOf = (wrapper: Awaited<ReturnType<typeof mountAs>>, id: number) =>
  wrapper
    .find(`[data-welcome="${id}"]`)
    .findAll('button')
    .map((b) => b.text())

describe('WelcomeMessagesPage', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    setActivePinia(createPinia())
  })
  afterEach(() => vi.unstubAllGlobals())

  it('when messages and sends exist, then each version shows its status, 使用中 for the live one, its approval number, and each send its result in words', async () => {
    const wrapper = await mountAs(AUTHOR, [message(1, 'approved'), message(2, 'draft', { branchName: '杭州西湖支行' })])
    const live = wrapper.find('[data-welcome="1"]').text()
    expect(live).toContain('使用中')
    expect(live).toContain('审批号 ZT-2026-000001')
    expect(live).toContain('全部机构（默认）')
    expect(wrapper.find('[data-welcome="2"]').text()).toContain('杭州西湖支行')
    expect(wrapper.find('[data-welcome="2"]').text()).not.toContain('使用中')
    expect(wrapper.text()).toContain('超过 20 秒（未发送）')
    expect(wrapper.text()).toContain('王敏 → wm****GH')
  })

  it('when the author saves a new draft without a link or branch, then both go as null and the form empties', async () => {
    api.createWelcome.mockResolvedValue({ id: 3 })
    const wrapper = await mountAs(AUTHOR, [])
    await wrapper.find('input[name="title"]').setValue('默认欢迎语')
    await wrapper.find('textarea[name="text"]').setValue('您好，很高兴为您服务')
    await wrapper.find('[data-test="welcome-form"]').trigger('submit')
    await flushPromises()
    expect(api.createWelcome).toHaveBeenCalledWith({
      title: '默认欢迎语',
      text: '您好，很高兴为您服务',
      branchId: null,
      link: null,
    })
    expect((wrapper.find('input[name="title"]').element as HTMLInputElement).value).toBe('')
    expect(api.fetchWelcome).toHaveBeenCalledTimes(2)
  })

  it('when the author looks at their own draft, then they may edit and submit it but not approve it; a reviewer sees only the note', async () => {
    const author = await mountAs(AUTHOR, [message(2, 'draft')])
    expect(buttonsOf(author, 2)).toEqual(['修改', '提交审核'])
    const reviewer = await mountAs(REVIEWER, [message(2, 'draft')])
    expect(buttonsOf(reviewer, 2)).toEqual([])
    expect(reviewer.find('[data-welcome="2"] [data-test="capability-note"]').text()).toContain('只有作者本人可以修改')
  })

  it('when a message is in review, then a reviewer who did not write it may approve or reject it and its author may not', async () => {
    const reviewer = await mountAs(REVIEWER, [message(4, 'in_review')])
    expect(buttonsOf(reviewer, 4)).toEqual(['通过（90 天）', '驳回'])
    const author = await mountAs(AUTHOR, [message(4, 'in_review')])
    expect(buttonsOf(author, 4)).toEqual([])
    expect(author.find('[data-welcome="4"]').text()).toContain('不能审核自己撰写的内容')
  })

  it('when the reviewer rejects and gives a reason, then it is sent trimmed; when they cancel the prompt, then nothing is sent', async () => {
    const prompt = vi.fn()
    vi.stubGlobal('prompt', prompt)
    const wrapper = await mountAs(REVIEWER, [message(4, 'in_review')])
    const reject = () =>
      wrapper
        .find('[data-welcome="4"]')
        .findAll('button')
        .find((b) => b.text() === '驳回')!
    prompt.mockReturnValueOnce(null)
    await reject().trigger('click')
    await flushPromises()
    expect(api.rejectWelcome).not.toHaveBeenCalled()
    prompt.mockReturnValueOnce('  链接不在白名单内  ')
    await reject().trigger('click')
    await flushPromises()
    expect(api.rejectWelcome).toHaveBeenCalledWith(4, '链接不在白名单内')
    expect(toast).toHaveBeenCalledWith('已驳回')
  })
})
