import { effectScope, nextTick } from 'vue'
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useQaLibrary, type QaLibraryOptions } from '@/features/replies/use-qa-library'
import { qaItem } from './qa-items'

const api = vi.hoisted(() => ({ fetchQaItems: vi.fn(), createQaItem: vi.fn(), updateQaItem: vi.fn() }))
vi.mock('@/features/replies/qa-library.api', () => api)

const INPUT = {
  question: '新问题',
  alternatives: [],
  answer: '新答案',
  disclaimer: null,
  topic: 'deposit' as const,
  tags: [],
}

describe('useQaLibrary', () => {
  let scope = effectScope()
  const start = (opts: Partial<QaLibraryOptions> = {}) => scope.run(() => useQaLibrary({ onError: vi.fn(), ...opts }))!

  beforeEach(() => {
    vi.clearAllMocks()
    vi.useFakeTimers()
    scope = effectScope()
    api.fetchQaItems.mockResolvedValue({ items: [qaItem(1), qaItem(2, 'draft')], total: 120 })
  })
  afterEach(() => {
    vi.useRealTimers()
    scope.stop()
  })

  it('when loaded, then it asks for the first page of 50 with the filters given and keeps the items and total', async () => {
    const lib = start({ status: 'in_review' })
    await lib.load()
    expect(api.fetchQaItems).toHaveBeenCalledWith(
      { q: undefined, status: 'in_review', topic: undefined },
      { limit: 50, offset: 0 },
    )
    expect(lib.items.value.map((i) => i.id)).toEqual([1, 2])
    expect(lib.total.value).toBe(120)
  })

  it('when the search is typed, then it loads once, after the typing pauses, with the trimmed text', async () => {
    const lib = start({ debounceMs: 300 })
    lib.q.value = ' 存'
    await nextTick()
    lib.q.value = ' 存款 '
    await nextTick()
    vi.advanceTimersByTime(299)
    expect(api.fetchQaItems).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    await flushPromises()
    expect(api.fetchQaItems).toHaveBeenCalledTimes(1)
    expect(api.fetchQaItems.mock.calls[0]![0]).toMatchObject({ q: '存款' })
  })

  it('when a filter changes on page 3, then it goes back to page 1 and loads that page once', async () => {
    const lib = start()
    lib.page.value = 3
    await flushPromises()
    expect(api.fetchQaItems).toHaveBeenLastCalledWith(expect.anything(), { limit: 50, offset: 100 })
    api.fetchQaItems.mockClear()
    lib.topic.value = 'fund'
    await flushPromises()
    expect(lib.page.value).toBe(1)
    expect(api.fetchQaItems).toHaveBeenCalledTimes(1)
    expect(api.fetchQaItems).toHaveBeenCalledWith(
      { q: undefined, status: undefined, topic: 'fund' },
      { limit: 50, offset: 0 },
    )
  })

  it('when the selected entry is saved, then it is updated in place and stays selected', async () => {
    const lib = start({ selectedId: 2 })
    await lib.load()
    api.updateQaItem.mockResolvedValue(qaItem(2, 'draft', { question: '改过的问题' }))
    expect(await lib.save(INPUT)).toBe(true)
    expect(api.updateQaItem).toHaveBeenCalledWith(2, INPUT)
    expect(lib.items.value.map((i) => i.question)).toEqual(['问题1', '改过的问题'])
    expect(lib.selectedId.value).toBe(2)
    expect(lib.saving.value).toBe(false)
  })

  it('when a new entry is saved, then it is created, put first and selected', async () => {
    const lib = start()
    await lib.load()
    lib.selectedId.value = 'new'
    api.createQaItem.mockResolvedValue(qaItem(7, 'draft'))
    expect(await lib.save(INPUT)).toBe(true)
    expect(api.createQaItem).toHaveBeenCalledWith(INPUT)
    expect(lib.items.value.map((i) => i.id)).toEqual([7, 1, 2])
    expect(lib.selected.value?.id).toBe(7)
  })

  it('when loading or saving fails, then the error goes to onError, the list is kept and save reports false', async () => {
    const onError = vi.fn()
    const lib = start({ onError, selectedId: 1 })
    await lib.load()
    const boom = new Error('offline')
    api.fetchQaItems.mockRejectedValue(boom)
    api.updateQaItem.mockRejectedValue(boom)
    await lib.load()
    expect(await lib.save(INPUT)).toBe(false)
    expect(onError).toHaveBeenCalledTimes(2)
    expect(onError).toHaveBeenCalledWith(boom)
    expect(lib.items.value).toHaveLength(2)
    expect(lib.saving.value).toBe(false)
  })
})
