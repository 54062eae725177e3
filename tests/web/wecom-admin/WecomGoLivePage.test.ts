import type { DeadLetters, RelationImport } from '@contracts/wecom-admin'
import { flushPromises, mount } from '@vue/test-utils'
import Vant from 'vant'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import WecomGoLivePage from '@/features/wecom-admin/WecomGoLivePage.vue'
import { ApiError } from '@/shared/http'

const api = vi.hoisted(() => ({
  fetchRelationImport: vi.fn(),
  startRelationImport: vi.fn(),
  fetchDeadLetters: vi.fn(),
  retryDeadLetter: vi.fn(),
  runDoctor: vi.fn(),
}))
vi.mock('@/features/wecom-admin/wecom-admin.api', () => api)
const toast = vi.hoisted(() => vi.fn())
vi.mock('vant', async (importOriginal) => ({ ...(await importOriginal<typeof import('vant')>()), showToast: toast }))

const running: RelationImport = {
  state: {
    runId: 3,
    mode: 'initial',
    status: 'running',
    members: 8,
    membersDone: 2,
    pages: 14,
    seen: 1300,
    added: 1250,
    removed: 0,
    lastError: null,
    startedAt: '2026-12-05T01:00:00Z',
    updatedAt: '2026-12-05T01:10:00Z',
    finishedAt: null,
  },
  runs: [],
}
const deadLetters: DeadLetters = {
  pending: 2,
  deadLetters: [
    {
      id: 41,
      event: 'change_external_contact',
      changeType: 'add_external_contact',
      receivedAt: '2026-12-05T00:30:00Z',
      attempts: 5,
      lastError: 'externalcontact/get 84061',
      deadAt: '2026-12-05T01:30:00Z',
    },
  ],
}
const mountPage = () => mount(WecomGoLivePage, { global: { plugins: [Vant] } })
const cards = (wrapper: ReturnType<typeof mountPage>) => wrapper.findAll('section.card')

describe('WecomGoLivePage', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    vi.useFakeTimers()
    api.fetchRelationImport.mockResolvedValue(running)
    api.fetchDeadLetters.mockResolvedValue(deadLetters)
  })
  afterEach(() => vi.useRealTimers())

  it('when the page opens during the first import, then it shows the run, its progress by members and its counts', async () => {
    const wrapper = mountPage()
    await flushPromises()
    const importCard = cards(wrapper)[1]!
    expect(importCard.text()).toContain('首次导入 第 3 轮')
    expect(importCard.text()).toContain('进行中')
    expect(importCard.find('.van-progress__pivot').text()).toBe('25%')
    expect(importCard.find('.counts').text()).toBe('成员 2/8 · 已读 14 页 · 客户关系 1300 · 新增 1250 · 对账删除 0')
    expect(importCard.find('.fail').exists()).toBe(false)
  })

  it('when nothing was imported yet, then the page says the first start will import', async () => {
    api.fetchRelationImport.mockResolvedValue({ state: null, runs: [] })
    const wrapper = mountPage()
    await flushPromises()
    expect(cards(wrapper)[1]!.find('.van-empty').text()).toContain('尚未导入')
  })

  it('when the page stays open, then import and dead letters are read again every 5 seconds, and no more once it closes', async () => {
    const wrapper = mountPage()
    await flushPromises()
    expect(api.fetchRelationImport).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(4999)
    expect(api.fetchRelationImport).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(api.fetchRelationImport).toHaveBeenCalledTimes(2)
    expect(api.fetchDeadLetters).toHaveBeenCalledTimes(2)
    wrapper.unmount()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(api.fetchRelationImport).toHaveBeenCalledTimes(2)
  })

  it('when 立即导入/对账 is pressed, then a run starts and the page reads its state at once', async () => {
    api.startRelationImport.mockResolvedValue(undefined)
    const wrapper = mountPage()
    await flushPromises()
    await cards(wrapper)[1]!.find('.title .van-button').trigger('click')
    await flushPromises()
    expect(api.startRelationImport).toHaveBeenCalledTimes(1)
    expect(api.fetchRelationImport).toHaveBeenCalledTimes(2)
  })

  it('when the self-check runs, then each check shows its mark, detail and, when not ok, how to fix it', async () => {
    api.runDoctor.mockResolvedValue([
      { id: 'token', label: '凭证', status: 'ok', detail: 'access_token 获取成功', hint: null },
      { id: 'domain', label: '可信域名', status: 'fail', detail: '域名未校验', hint: '在应用详情中配置可信域名' },
    ])
    const wrapper = mountPage()
    await flushPromises()
    await cards(wrapper)[0]!.find('.van-button').trigger('click')
    await flushPromises()
    const checks = wrapper.findAll('.checks li')
    expect(checks.map((c) => c.classes())).toEqual([['ok'], ['fail']])
    expect(checks[0]!.text()).toBe('✔ 凭证：access_token 获取成功')
    expect(checks[1]!.find('.hint').text()).toBe('→ 在应用详情中配置可信域名')
  })

  it('when a dead letter is retried, then it is requeued and the list is read again', async () => {
    api.retryDeadLetter.mockResolvedValue(undefined)
    const wrapper = mountPage()
    await flushPromises()
    const deadCard = cards(wrapper)[2]!
    expect(deadCard.text()).toContain('排队重试中 2 条')
    expect(deadCard.find('tbody tr').text()).toContain('change_external_contact add_external_contact')
    await deadCard.find('tbody .van-button').trigger('click')
    await flushPromises()
    expect(api.retryDeadLetter).toHaveBeenCalledWith(41)
    expect(api.fetchDeadLetters).toHaveBeenCalledTimes(2)
  })

  it("when the self-check is refused, then the server's message is shown and no check is listed", async () => {
    api.runDoctor.mockRejectedValue(new ApiError(403, 'FORBIDDEN', '仅科技管理员可以运行自检'))
    const wrapper = mountPage()
    await flushPromises()
    await cards(wrapper)[0]!.find('.van-button').trigger('click')
    await flushPromises()
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ message: '仅科技管理员可以运行自检' }))
    expect(wrapper.findAll('.checks li')).toHaveLength(0)
  })
})
