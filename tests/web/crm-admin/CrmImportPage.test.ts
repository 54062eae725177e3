import { flushPromises, mount } from '@vue/test-utils'
import Vant from 'vant'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import CrmImportPage from '@/features/crm-admin/CrmImportPage.vue'

const api = vi.hoisted(() => ({
  fetchCrmRuns: vi.fn(),
  fetchCrmOverview: vi.fn(),
  fetchWecomMapping: vi.fn(),
  startCrmSync: vi.fn(),
}))
vi.mock('@/features/crm-admin/crm-admin.api', () => api)

const run = (id: string, status: 'running' | 'succeeded') => ({
  id,
  kind: 'http' as const,
  trigger: 'manual' as const,
  dryRun: false,
  status,
  source: 'https://crm.bank.example',
  actorName: '信息科技部',
  startedAt: '2026-12-01T02:00:00Z',
  finishedAt: status === 'running' ? null : '2026-12-01T02:01:00Z',
  counts: {},
  errorCount: 0,
  message: null,
})
const OVERVIEW = { pull: { configured: true, host: 'crm.bank.example', syncAt: '02:00' }, cursors: [] }
const MAPPING = { unknownUserids: [], staffWithoutWecom: [] }
const stubs = {
  CrmUploadCard: { emits: ['imported'], template: '<div class="upload-stub" />' },
  CrmRunHistory: {
    props: ['runs', 'overview', 'syncing'],
    emits: ['sync', 'refresh'],
    template: '<div class="history-stub" />',
  },
  CrmWecomMapping: { props: ['mapping'], template: '<div class="mapping-stub" />' },
}
const mountPage = () => mount(CrmImportPage, { global: { plugins: [Vant], stubs } })

describe('CrmImportPage', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    vi.useFakeTimers()
    api.fetchCrmRuns.mockResolvedValue([run('r1', 'succeeded')])
    api.fetchCrmOverview.mockResolvedValue(OVERVIEW)
    api.fetchWecomMapping.mockResolvedValue(MAPPING)
    api.startCrmSync.mockResolvedValue(undefined)
  })
  afterEach(() => vi.useRealTimers())

  it('when the page opens, then the run history, the pull overview and the WeCom mapping are loaded and handed down', async () => {
    const wrapper = mountPage()
    await flushPromises()
    const history = wrapper.findComponent(stubs.CrmRunHistory)
    expect(history.props('runs')).toEqual([run('r1', 'succeeded')])
    expect(history.props('overview')).toEqual(OVERVIEW)
    expect(wrapper.findComponent(stubs.CrmWecomMapping).props('mapping')).toEqual(MAPPING)
  })

  it('when a run is still going, then the history is asked again every 3 s until none is running', async () => {
    api.fetchCrmRuns.mockResolvedValueOnce([run('r2', 'running')]).mockResolvedValue([run('r2', 'succeeded')])
    const wrapper = mountPage()
    await flushPromises()
    expect(api.fetchCrmRuns).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(2999)
    expect(api.fetchCrmRuns).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    await flushPromises()
    expect(api.fetchCrmRuns).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(api.fetchCrmRuns).toHaveBeenCalledTimes(2)
    wrapper.unmount()
  })

  it('when 立即同步 is asked for, then the sync starts and the history reloads', async () => {
    const wrapper = mountPage()
    await flushPromises()
    wrapper.findComponent(stubs.CrmRunHistory).vm.$emit('sync')
    await flushPromises()
    expect(api.startCrmSync).toHaveBeenCalledTimes(1)
    expect(api.fetchCrmRuns).toHaveBeenCalledTimes(2)
    expect(wrapper.findComponent(stubs.CrmRunHistory).props('syncing')).toBe(false)
  })

  it('when the page is left while a run is going, then it stops asking', async () => {
    api.fetchCrmRuns.mockResolvedValue([run('r3', 'running')])
    const wrapper = mountPage()
    await flushPromises()
    wrapper.unmount()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(api.fetchCrmRuns).toHaveBeenCalledTimes(1)
  })
})
