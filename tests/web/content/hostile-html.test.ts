import fs from 'node:fs'
import path from 'node:path'
import type { Recommendation } from '@contracts/content'
import type { ReplySuggestion } from '@contracts/replies'
import { flushPromises, mount } from '@vue/test-utils'
import Vant from 'vant'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import ContentPreviewSheet from '@/features/content/ContentPreviewSheet.vue'
import ContentRecommendationCard from '@/features/content/ContentRecommendationCard.vue'
import ContentViewPage from '@/features/content/ContentViewPage.vue'
import ReplySuggestionCard from '@/features/replies/ReplySuggestionCard.vue'

vi.mock('vue-router', () => ({ useRoute: () => ({ params: { sendId: 'abcdefghijklmnopqrstuv' } }) }))
const api = vi.hoisted(() => ({
  fetchPublicContent: vi.fn(),
  reportOpen: vi.fn(),
  reportInquiry: vi.fn(),
}))
vi.mock('@/features/content/content-public.api', () => api)

// Stored text that got around the write sanitiser (an old row, a direct database edit): it must stay text.
const TITLE = '<script>alert(1)</script>标题'
const BODY = '正文<img src=x onerror=alert(1)><svg onload=alert(2)></svg>'
const DISCLAIMER = '<iframe src="javascript:alert(3)"></iframe>风险提示'
const MARKUP_ELEMENTS = 'img, script, svg, iframe'

/** No element came out of the text, and each text reads exactly as stored. */
function expectInert(root: Element, texts = [TITLE, BODY, DISCLAIMER]) {
  expect(root.querySelectorAll(MARKUP_ELEMENTS)).toHaveLength(0)
  for (const text of texts) expect(root.textContent).toContain(text)
}

const rec: Recommendation = {
  item: {
    id: 7,
    kind: 'article',
    title: TITLE,
    body: BODY,
    link: null,
    topic: 'fund',
    segments: [],
    minRiskLevel: null,
    disclaimer: DISCLAIMER,
    tags: [],
    chartSymbol: null,
    chartWindowDays: null,
    hasImage: false,
    chartAsOf: null,
    stale: false,
    approvalNo: 'ZT-2026-000001',
    validUntil: null,
  },
  score: 1,
  reasons: [],
  warnings: [],
}

describe('hostile HTML in stored text renders as text', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    api.reportOpen.mockResolvedValue(undefined)
    api.fetchPublicContent.mockResolvedValue({
      state: 'live',
      kind: 'article',
      title: TITLE,
      body: BODY,
      disclaimer: DISCLAIMER,
      imageUrl: null,
      chartAsOf: null,
      synthetic: false,
      managerName: '王敏',
      branchName: '杭州西湖支行',
      sentAt: '2026-11-21T02:00:00Z',
      approvalNo: null,
    })
  })

  it("when the customer's page (/c/:sendId) shows it, then no element is created from it and it reads literally", async () => {
    const wrapper = mount(ContentViewPage, { global: { plugins: [Vant] } })
    await flushPromises()
    expect(wrapper.find('article').exists()).toBe(true)
    expectInert(wrapper.element)
    expect(document.title).toBe(TITLE)
  })

  it("when the sidebar's recommendation card and preview sheet show it, then the same", async () => {
    // The card shows title and body; the disclaimer comes with the preview.
    expectInert(mount(ContentRecommendationCard, { props: { rec }, global: { plugins: [Vant] } }).element, [
      TITLE,
      BODY,
    ])
    const sheet = mount(ContentPreviewSheet, {
      props: { rec, sending: false, findings: [] },
      global: { plugins: [Vant] },
      attachTo: document.body,
    })
    await flushPromises()
    expectInert(document.querySelector('[data-test=content-preview]')!)
    sheet.unmount()
  })

  it('when a suggested answer shows it, then the same', () => {
    const suggestion: ReplySuggestion = {
      id: 1,
      question: TITLE,
      answer: BODY,
      disclaimer: DISCLAIMER,
      topic: 'fund',
      tags: [],
      approvalNo: null,
      validUntil: null,
      score: 1,
      reasons: [],
    }
    expectInert(mount(ReplySuggestionCard, { props: { suggestion, busy: false }, global: { plugins: [Vant] } }).element)
  })

  it('when any component is written, then it never renders raw HTML (v-html / innerHTML)', () => {
    const src = path.resolve(import.meta.dirname, '../../../src')
    const files = fs.readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(vue|ts)$/.test(f))
    const offenders = files.filter((f) =>
      /v-html|innerHTML|insertAdjacentHTML|outerHTML\s*=/.test(fs.readFileSync(path.join(src, f), 'utf8')),
    )
    expect(files.length).toBeGreaterThan(20)
    expect(offenders).toEqual([])
  })
})
