import { flushPromises, mount } from '@vue/test-utils'
import Vant from 'vant'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import AuditLogPage from '@/features/privacy/AuditLogPage.vue'

const api = vi.hoisted(() => ({
  fetchAuditPage: vi.fn(),
  auditCsvUrl: (f: Record<string, string | undefined>) =>
    `/api/privacy/audit.csv?${new URLSearchParams(Object.entries(f).filter((e): e is [string, string] => !!e[1]))}`,
}))
vi.mock('@/features/privacy/privacy.api', () => api)

const entry = (id: number, outcome: 'allowed' | 'denied') => ({
  id,
  at: '2026-12-01T02:00:00Z',
  staffId: 'S001',
  staffName: '王敏',
  action: 'contact.view',
  target: `contact:wm${id}`,
  cifNo: outcome === 'allowed' ? 'C0001' : null,
  outcome,
  ip: null,
})
const page = (entries: ReturnType<typeof entry>[]) => ({
  entries,
  total: entries.length,
  page: 1,
  pageSize: 20,
  staff: [
    { id: 'S001', name: '王敏' },
    { id: 'S002', name: '李强' },
  ],
})

describe('AuditLogPage', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    api.fetchAuditPage.mockResolvedValue(page([entry(1, 'allowed'), entry(2, 'denied')]))
  })

  it('when the page opens, then each access shows who, the action in Chinese, the target, the customer and the outcome', async () => {
    const wrapper = mount(AuditLogPage, { global: { plugins: [Vant] } })
    await flushPromises()
    expect(api.fetchAuditPage).toHaveBeenCalledWith({}, 1, 20)
    const rows = wrapper.findAll('.audit__row')
    expect(rows).toHaveLength(2)
    expect(rows[0]!.text()).toContain('王敏')
    expect(rows[0]!.text()).toContain('查看联系人')
    expect(rows[0]!.text()).toContain('contact:wm1')
    expect(rows[0]!.text()).toContain('C0001')
    expect(rows[0]!.text()).toContain('允许')
    expect(rows[1]!.text()).toContain('拒绝')
  })

  it('when a staff member is chosen, then that filter is asked for from page 1 and the CSV link exports the same', async () => {
    const wrapper = mount(AuditLogPage, { global: { plugins: [Vant] } })
    await flushPromises()
    await wrapper.find('select[name="staffId"]').setValue('S002')
    await flushPromises()
    expect(api.fetchAuditPage).toHaveBeenLastCalledWith({ staffId: 'S002' }, 1, 20)
    expect(wrapper.find('.audit__export').attributes('href')).toBe('/api/privacy/audit.csv?staffId=S002')
  })

  it('when nothing matches, then the page says so instead of an empty table', async () => {
    api.fetchAuditPage.mockResolvedValue(page([]))
    const wrapper = mount(AuditLogPage, { global: { plugins: [Vant] } })
    await flushPromises()
    expect(wrapper.find('table').exists()).toBe(false)
    expect(wrapper.text()).toContain('没有符合条件的访问记录')
  })

  it('when loading fails, then the error is shown with a retry that loads again', async () => {
    api.fetchAuditPage.mockRejectedValueOnce(new Error('网络不可用'))
    const wrapper = mount(AuditLogPage, { global: { plugins: [Vant] } })
    await flushPromises()
    expect(wrapper.text()).toContain('网络不可用')
    await wrapper.find('.van-empty .van-button').trigger('click')
    await flushPromises()
    expect(api.fetchAuditPage).toHaveBeenCalledTimes(2)
    expect(wrapper.findAll('.audit__row')).toHaveLength(2)
  })
})
