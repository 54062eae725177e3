import type { AddVerdictDto, StaffView } from '@contracts/process'
import { flushPromises, mount } from '@vue/test-utils'
import Vant from 'vant'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import StaffDetail from '@/features/process/StaffDetail.vue'
import { emptyNumbers } from '../../../server/features/process/dashboard/staff-metrics'
import { emptyCounts } from '../../../server/features/process/dashboard/rule-counts'

const tags = vi.hoisted(() => ({ fetchCatalogue: vi.fn() }))
vi.mock('@/features/tags/tags.api', () => tags)

const add = (id: string): AddVerdictDto => ({
  externalUserId: id,
  name: `客户${id}`,
  addTime: '2026-03-02T01:00:00.000Z',
  segment: 'wealth',
  counts: true,
  rules: { verified: 'pass', has_account: 'pass', in_book: 'pass', first_add: 'pass', out_of_province: 'pass' },
  flags: [],
})
const view = (over: Partial<StaffView> = {}): StaffView =>
  ({
    period: { kind: 'month', from: '2026-03-01', to: '2026-03-31' },
    staff: { userid: 'wangmin', name: '王敏', title: '客户经理', branchId: 'B1' },
    breadcrumb: [],
    row: {
      kind: 'staff',
      id: 'wangmin',
      name: '王敏',
      subtitle: '客户经理',
      numbers: emptyNumbers(),
      eligible: emptyCounts(),
      coverage: [],
      lagging: 0,
    },
    adds: [add('wm1'), add('wm2')],
    addsBeforeTagFilter: 2,
    tagIds: [],
    tasks: [],
    guidance: [],
    ...over,
  }) as StaffView

describe('StaffDetail (dashboard drill-down)', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    tags.fetchCatalogue.mockResolvedValue({
      syncedAt: null,
      groups: [{ groupId: 'etG', name: '兴趣偏好', tags: [{ id: 'etFund', name: '基金' }] }],
    })
  })

  it('when a corp tag is picked, then the filter is asked for with that tag id', async () => {
    const w = mount(StaffDetail, { props: { view: view(), canSeeCustomers: true }, global: { plugins: [Vant] } })
    await w.find('[data-test=tag-filter]').trigger('click')
    await flushPromises()
    await w.find('[data-tag=基金]').trigger('click')
    expect(w.emitted('filter-tags')).toEqual([[['etFund']]])
  })

  it('when the view is filtered, then the heading says how many of the period’s adds carry the tags and the picker is open', async () => {
    const w = mount(StaffDetail, {
      props: { view: view({ adds: [add('wm1')], addsBeforeTagFilter: 5, tagIds: ['etFund'] }), canSeeCustomers: true },
      global: { plugins: [Vant] },
    })
    await flushPromises()
    expect(w.text()).toContain('含所选标签 1 / 5')
    expect(w.text()).toContain('按企业标签筛选（已选 1）')
    expect(w.find('[data-tag=基金]').attributes('aria-pressed')).toBe('true')
  })
})
