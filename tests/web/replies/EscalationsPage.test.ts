import type { EscalationMetrics, InboxEscalation } from '@contracts/replies'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import Vant from 'vant'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import EscalationsPage from '@/features/replies/EscalationsPage.vue'

const api = vi.hoisted(() => ({ fetchInbox: vi.fn(), fetchEscalationMetrics: vi.fn() }))
vi.mock('@/features/replies/escalations.api', () => api)

const escalation = (id: number, status: InboxEscalation['status'] = 'open'): InboxEscalation => ({
  id,
  question: `客户问题${id}`,
  topic: 'fund',
  urgency: 'normal',
  status,
  createdAt: '2026-12-01T02:00:00Z',
  slaDueAt: '2026-12-01T04:00:00Z',
  claimedByName: null,
  answer: status === 'answered' ? '答复' : null,
  disclaimer: null,
  answeredAt: null,
  answeredByName: null,
  used: false,
  staffName: '王敏',
  branchName: '西湖支行',
  context: null,
  note: null,
  overdue: false,
  promotedQaId: null,
  uses: 0,
})
const metrics = (answered: number): EscalationMetrics => ({
  days: 30,
  total: 5,
  byTopic: [],
  answered,
  medianMinutesToAnswer: 12,
  slaBreaches: 0,
  promoted: 0,
  answerUse: [],
})
const stubs = {
  EscalationMetricsBar: { props: ['metrics'], template: '<div class="metrics-stub" />' },
  EscalationInboxList: {
    props: ['escalations', 'selectedId', 'now'],
    emits: ['select'],
    template: '<div class="list-stub" />',
  },
  EscalationAnswerPanel: {
    props: ['escalation', 'myName'],
    emits: ['changed', 'promoted'],
    template: '<div class="panel-stub" />',
  },
}
const mountPage = () => mount(EscalationsPage, { global: { plugins: [Vant], stubs } })

describe('EscalationsPage', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    vi.useFakeTimers()
    setActivePinia(createPinia())
    api.fetchInbox.mockResolvedValue([escalation(1), escalation(2)])
    api.fetchEscalationMetrics.mockResolvedValue(metrics(3))
  })
  afterEach(() => vi.useRealTimers())

  it('when the page opens, then the open questions and 30-day metrics load and the first question is open for answering', async () => {
    const wrapper = mountPage()
    await flushPromises()
    expect(api.fetchInbox).toHaveBeenCalledWith('open')
    expect(api.fetchEscalationMetrics).toHaveBeenCalledWith(30)
    expect(wrapper.findComponent(stubs.EscalationMetricsBar).props('metrics')).toEqual(metrics(3))
    expect(wrapper.findComponent(stubs.EscalationInboxList).props('selectedId')).toBe(1)
    expect(wrapper.findComponent(stubs.EscalationAnswerPanel).props('escalation').id).toBe(1)
  })

  it('when nothing waits for an answer, then the list says so', async () => {
    api.fetchInbox.mockResolvedValue([])
    const wrapper = mountPage()
    await flushPromises()
    expect(wrapper.text()).toContain('没有待答复的问题')
    expect(wrapper.findComponent(stubs.EscalationAnswerPanel).exists()).toBe(false)
  })

  it('when the open question is answered and the list reloads without it, then it stays on screen to be promoted', async () => {
    const wrapper = mountPage()
    await flushPromises()
    wrapper.findComponent(stubs.EscalationAnswerPanel).vm.$emit('changed', escalation(1, 'answered'))
    await flushPromises()
    expect(api.fetchEscalationMetrics).toHaveBeenCalledTimes(2)
    api.fetchInbox.mockResolvedValue([escalation(2)])
    await vi.advanceTimersByTimeAsync(30_000)
    const list = wrapper.findComponent(stubs.EscalationInboxList)
    expect(list.props('escalations').map((e: InboxEscalation) => e.id)).toEqual([2, 1])
    expect(list.props('selectedId')).toBe(1)
    expect(wrapper.findComponent(stubs.EscalationAnswerPanel).props('escalation').status).toBe('answered')
  })

  it('when the 已答复 tab is chosen, then the answered list loads and its first question is selected', async () => {
    const wrapper = mountPage()
    await flushPromises()
    api.fetchInbox.mockResolvedValue([escalation(7, 'answered')])
    await wrapper.findAll('.van-tab')[1]!.trigger('click')
    await flushPromises()
    expect(api.fetchInbox).toHaveBeenLastCalledWith('answered')
    expect(wrapper.findComponent(stubs.EscalationInboxList).props('selectedId')).toBe(7)
  })

  it('when the page is left, then it stops refreshing', async () => {
    const wrapper = mountPage()
    await flushPromises()
    wrapper.unmount()
    await vi.advanceTimersByTimeAsync(90_000)
    expect(api.fetchInbox).toHaveBeenCalledTimes(1)
  })
})
