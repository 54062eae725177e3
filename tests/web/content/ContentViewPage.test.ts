import { flushPromises, mount } from '@vue/test-utils'
import Vant from 'vant'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import ContentViewPage from '@/features/content/ContentViewPage.vue'

vi.mock('vue-router', () => ({ useRoute: () => ({ params: { sendId: 'abcdefghijklmnopqrstuv' } }) }))
const api = vi.hoisted(() => ({
  fetchPublicContent: vi.fn(),
  reportOpen: vi.fn(),
  reportInquiry: vi.fn(),
  optOut: vi.fn(),
}))
vi.mock('@/features/content/content-public.api', () => api)
const dialog = vi.hoisted(() => ({ confirm: vi.fn() }))
vi.mock('vant', async (importOriginal) => ({
  ...(await importOriginal<typeof import('vant')>()),
  showConfirmDialog: dialog.confirm,
}))

const PAGE = {
  state: 'live',
  kind: 'chart',
  title: '上证指数近三个月走势',
  body: 'A 股近期震荡。',
  disclaimer: '市场有风险，投资须谨慎。',
  imageUrl: '/api/public/content/abc/image.png',
  chartAsOf: '2026-11-20',
  synthetic: true,
  managerName: '王敏',
  branchName: '杭州西湖支行',
  sentAt: '2026-11-21T02:00:00Z',
  approvalNo: 'ZT-2026-000012',
}

describe("ContentViewPage (the customer's page)", () => {
  beforeEach(() => {
    vi.clearAllMocks()
    api.fetchPublicContent.mockResolvedValue(PAGE)
    api.reportOpen.mockResolvedValue(undefined)
    api.reportInquiry.mockResolvedValue(undefined)
  })

  it('when opened, then it shows the content with its data date and disclaimer, and reports one open, naming no device id of its own (the server cookie does)', async () => {
    localStorage.clear()
    const wrapper = mount(ContentViewPage, { global: { plugins: [Vant] } })
    await flushPromises()
    expect(wrapper.text()).toContain('上证指数近三个月走势')
    expect(wrapper.text()).toContain('数据截至 2026-11-20（演示数据，为模拟生成）')
    expect(wrapper.text()).toContain('市场有风险，投资须谨慎。')
    expect(api.reportOpen).toHaveBeenCalledWith('abcdefghijklmnopqrstuv')
    expect(localStorage.length).toBe(0)
  })

  it('when the customer taps 我想咨询, then the manager is notified and the page says so', async () => {
    const wrapper = mount(ContentViewPage, { global: { plugins: [Vant] } })
    await flushPromises()
    await wrapper.find('[data-test=inquire]').trigger('click')
    await flushPromises()
    expect(api.reportInquiry).toHaveBeenCalledWith('abcdefghijklmnopqrstuv')
    expect(wrapper.find('[data-test=inquired]').text()).toContain('已通知王敏')
  })

  it('when the item was withdrawn, then nothing is counted and the page says it is gone', async () => {
    api.fetchPublicContent.mockResolvedValue({ ...PAGE, state: 'withdrawn' })
    const wrapper = mount(ContentViewPage, { global: { plugins: [Vant] } })
    await flushPromises()
    expect(wrapper.text()).toContain('该内容已下架')
    expect(api.reportOpen).not.toHaveBeenCalled()
  })

  it('when the customer confirms 不再接收此类推送, then the opt-out is sent once and the page says it is done', async () => {
    dialog.confirm.mockResolvedValue('confirm')
    api.optOut.mockResolvedValue(undefined)
    const wrapper = mount(ContentViewPage, { global: { plugins: [Vant] } })
    await flushPromises()
    await wrapper.find('[data-test="opt-out"]').trigger('click')
    await flushPromises()
    expect(dialog.confirm).toHaveBeenCalledOnce()
    expect(api.optOut).toHaveBeenCalledWith('abcdefghijklmnopqrstuv')
    expect(wrapper.find('[data-test="opted-out"]').text()).toContain('已为您退订')
    expect(wrapper.find('[data-test="opt-out"]').exists()).toBe(false)
  })

  it('when the customer cancels the confirmation, then nothing is sent and the button stays', async () => {
    dialog.confirm.mockRejectedValue(new Error('cancel'))
    const wrapper = mount(ContentViewPage, { global: { plugins: [Vant] } })
    await flushPromises()
    await wrapper.find('[data-test="opt-out"]').trigger('click')
    await flushPromises()
    expect(api.optOut).not.toHaveBeenCalled()
    expect(wrapper.find('[data-test="opt-out"]').exists()).toBe(true)
  })
})
