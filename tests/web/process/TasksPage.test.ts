import type { SyncRun, TaskDetail, TaskSummary } from '@contracts/process'
import { flushPromises, mount } from '@vue/test-utils'
import Vant from 'vant'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import TasksPage from '@/features/process/TasksPage.vue'
import { ApiError } from '@/shared/http'

const api = vi.hoisted(() => ({
  fetchTasks: vi.fn(),
  fetchTask: vi.fn(),
  fetchTaskOptions: vi.fn(),
  fetchSyncRuns: vi.fn(),
  approveTask: vi.fn(),
  rejectTask: vi.fn(),
  runSync: vi.fn(),
}))
vi.mock('@/features/process/process.api', () => api)
const toast = vi.hoisted(() => vi.fn())
vi.mock('vant', async (importOriginal) => ({ ...(await importOriginal<typeof import('vant')>()), showToast: toast }))

const stubs = {
  TaskForm: { props: ['options', 'today'], emits: ['created'], template: '<div class="task-form-stub" />' },
  ComplianceFindingList: true,
}
const mountPage = () => mount(TasksPage, { global: { plugins: [Vant], stubs } })

const summary = (id: string, over: Partial<TaskSummary> = {}): TaskSummary => ({
  id,
  kind: 'mass_send',
  title: `任务${id}`,
  startDate: '2026-12-01',
  dueDate: '2026-12-07',
  createdAt: '2026-12-01T01:00:00Z',
  createdBy: '中台甲',
  status: 'active',
  assigned: 4,
  done: 1,
  recipients: 120,
  ...over,
})
const detail = (id: string, over: Partial<TaskDetail> = {}): TaskDetail => ({
  ...summary(id, over),
  payload: { text: '年末理财到期提醒' },
  assignments: [
    {
      staffUserid: 'wangmin',
      staffName: '王敏',
      branchName: '西湖支行',
      status: 'done',
      progress: 1,
      target: 1,
      doneAt: '2026-12-02T02:00:00Z',
      checkedAt: '2026-12-02T03:00:00Z',
      detail: { sent: 30, notFriend: 2, alreadyReceived: 1 },
    },
    {
      staffUserid: 'zhaoqiang',
      staffName: '赵强',
      branchName: '西湖支行',
      status: 'open',
      progress: 0,
      target: 1,
      doneAt: null,
      checkedAt: null,
      detail: {},
    },
  ],
  ...over,
})
const run: SyncRun = {
  id: 1,
  job: 'behaviour',
  trigger: 'manual',
  status: 'succeeded',
  startedAt: '2026-12-02T02:00:00Z',
  finishedAt: '2026-12-02T02:01:00Z',
  stats: { days: 3, calls: 12, rows: 40 },
  error: null,
}

describe('TasksPage', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    api.fetchTaskOptions.mockResolvedValue({ branches: [], staff: [], items: [] })
    api.fetchTasks.mockResolvedValue([summary('T1'), summary('T2', { status: 'pending_review', recipients: null })])
    api.fetchSyncRuns.mockResolvedValue([run])
    api.fetchTask.mockImplementation(async (id: string) =>
      detail(id, id === 'T2' ? { status: 'pending_review', review: reviewOf() } : {}),
    )
  })
  const reviewOf = () => ({ findings: [], reviewedBy: null, reviewedAt: null, note: null })

  it('when the page opens, then tasks show kind, dates, audience and progress or review state, and sync runs their numbers', async () => {
    const wrapper = mountPage()
    await flushPromises()
    const rows = wrapper.findAll('.task-row')
    expect(rows.map((r) => r.attributes('data-task'))).toEqual(['T1', 'T2'])
    expect(rows[0]!.text()).toContain('群发任务 · 2026-12-01 至 2026-12-07 · 120 位客户')
    expect(rows[0]!.text()).toContain('完成 1/4')
    expect(rows[1]!.text()).toContain('待复核')
    expect(rows[1]!.text()).not.toContain('位客户')
    expect(wrapper.find('.sync-run').text()).toContain('3 天 · 12 次接口调用 · 40 行')
    expect(wrapper.find('.task-form-stub').exists()).toBe(true)
  })

  it('when a task is opened, then the panel shows its copy and each assignment with what WeCom reported', async () => {
    const wrapper = mountPage()
    await flushPromises()
    await wrapper.find('[data-task="T1"]').trigger('click')
    await flushPromises()
    expect(api.fetchTask).toHaveBeenCalledWith('T1')
    const panel = wrapper.find('.detail')
    expect(panel.find('.copy').text()).toBe('年末理财到期提醒')
    const done = panel.find('[data-staff="wangmin"]')
    expect(done.attributes('data-status')).toBe('done')
    expect(done.text()).toContain('送达 30，非好友 2，已收其他群发 1')
    expect(panel.find('[data-staff="zhaoqiang"]').text()).toContain('尚未核对')
    expect(panel.find('[data-test="task-review"]').exists()).toBe(false)
  })

  it('when the second reviewer approves a pending task, then it is dispatched, said so, and list and panel reload', async () => {
    api.approveTask.mockResolvedValue({ failures: 0 })
    const wrapper = mountPage()
    await flushPromises()
    await wrapper.find('[data-task="T2"]').trigger('click')
    await flushPromises()
    await wrapper.findAll('[data-test="task-review"] button')[0]!.trigger('click')
    await flushPromises()
    expect(api.approveTask).toHaveBeenCalledWith('T2')
    expect(toast).toHaveBeenCalledWith('已复核通过，已下发企业微信')
    expect(api.fetchTasks).toHaveBeenCalledTimes(2)
    expect(api.fetchTask).toHaveBeenCalledTimes(2)
  })

  it('when the reviewer rejects with a reason, then the reason is sent and the field is emptied', async () => {
    api.rejectTask.mockResolvedValue(undefined)
    const wrapper = mountPage()
    await flushPromises()
    await wrapper.find('[data-task="T2"]').trigger('click')
    await flushPromises()
    await wrapper.find('[data-test="task-review"] input').setValue('话术含收益承诺')
    await wrapper.findAll('[data-test="task-review"] button')[1]!.trigger('click')
    await flushPromises()
    expect(api.rejectTask).toHaveBeenCalledWith('T2', '话术含收益承诺')
    expect(toast).toHaveBeenCalledWith('已驳回')
    expect((wrapper.find('[data-test="task-review"] input').element as HTMLInputElement).value).toBe('')
  })

  it('when the server refuses the approval, then its message is shown and nothing reloads', async () => {
    api.approveTask.mockRejectedValue(new ApiError(403, 'FORBIDDEN', '下达人不能复核自己的任务'))
    const wrapper = mountPage()
    await flushPromises()
    await wrapper.find('[data-task="T2"]').trigger('click')
    await flushPromises()
    await wrapper.find('[data-test="task-review"] button').trigger('click')
    await flushPromises()
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ message: '下达人不能复核自己的任务' }))
    expect(toast).not.toHaveBeenCalledWith('已复核通过，已下发企业微信')
    expect(api.fetchTasks).toHaveBeenCalledTimes(1)
  })

  it('when 立即同步 is pressed, then every job runs and the lists reload', async () => {
    api.runSync.mockResolvedValue({ outcomes: [] })
    const wrapper = mountPage()
    await flushPromises()
    await wrapper.find('.sync-now').trigger('click')
    await flushPromises()
    expect(api.runSync).toHaveBeenCalledWith('all')
    expect(toast).toHaveBeenCalledWith('同步完成')
    expect(api.fetchTasks).toHaveBeenCalledTimes(2)
    expect(api.fetchSyncRuns).toHaveBeenCalledTimes(2)
  })

  it('when the form creates a task, then the list reloads and the new task opens', async () => {
    const wrapper = mountPage()
    await flushPromises()
    wrapper.findComponent(stubs.TaskForm).vm.$emit('created', 'T9')
    await flushPromises()
    expect(api.fetchTasks).toHaveBeenCalledTimes(2)
    expect(api.fetchTask).toHaveBeenCalledWith('T9')
    expect(wrapper.find('.detail h3').text()).toBe('任务T9')
  })
})
