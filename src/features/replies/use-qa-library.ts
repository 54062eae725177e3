import type { QaItem, QaItemInput, QaTopic } from '@contracts/replies'
import type { ReviewStatus } from '@contracts/review'
import { computed, ref, watch } from 'vue'
import { createQaItem, fetchQaItems, updateQaItem } from './qa-library.api'

export const QA_PAGE_SIZE = 50

export interface QaLibraryOptions {
  /** Deep link from the console's pending counts (`?status=in_review`) or a notification (`?id=`). */
  status?: ReviewStatus
  selectedId?: number | null
  /** How long typing pauses before the search runs. */
  debounceMs?: number
  /** Shown for a failed load or save; the page decides how (a toast). */
  onError: (err: unknown) => void
}

/**
 * The console's Q&A library: the filters (search, status, topic), one page of entries, the selected entry or a new
 * one being written, and saving it. A changed filter starts again from page 1; the search waits for typing to pause.
 */
export function useQaLibrary(opts: QaLibraryOptions) {
  const q = ref('')
  const status = ref<ReviewStatus | ''>(opts.status ?? '')
  const topic = ref<QaTopic | ''>('')
  const items = ref<QaItem[]>([])
  const total = ref(0)
  const page = ref(1)
  const selectedId = ref<number | 'new' | null>(opts.selectedId ?? null)
  const saving = ref(false)
  const selected = computed(() =>
    typeof selectedId.value === 'number' ? (items.value.find((i) => i.id === selectedId.value) ?? null) : null,
  )

  async function load(): Promise<void> {
    try {
      const res = await fetchQaItems(
        { q: q.value.trim() || undefined, status: status.value || undefined, topic: topic.value || undefined },
        { limit: QA_PAGE_SIZE, offset: (page.value - 1) * QA_PAGE_SIZE },
      )
      items.value = res.items
      total.value = res.total
    } catch (err) {
      opts.onError(err)
    }
  }

  /** Puts a saved or reviewed entry in the list (first, when new) and selects it. */
  function replace(item: QaItem): void {
    items.value = items.value.some((i) => i.id === item.id)
      ? items.value.map((i) => (i.id === item.id ? item : i))
      : [item, ...items.value]
    selectedId.value = item.id
  }

  /** Saves the selected entry, or creates one when none is selected; true when it was saved. */
  async function save(input: QaItemInput): Promise<boolean> {
    saving.value = true
    try {
      replace(selected.value ? await updateQaItem(selected.value.id, input) : await createQaItem(input))
      return true
    } catch (err) {
      opts.onError(err)
      return false
    } finally {
      saving.value = false
    }
  }

  let debounce: ReturnType<typeof setTimeout> | undefined
  // On page 1 already the watch on page would not fire, so load here.
  function firstPage(): void {
    if (page.value === 1) void load()
    else page.value = 1
  }
  watch(q, () => {
    clearTimeout(debounce)
    debounce = setTimeout(firstPage, opts.debounceMs ?? 300)
  })
  watch([status, topic], firstPage)
  watch(page, load)

  return { q, status, topic, items, total, page, selectedId, selected, saving, load, replace, save }
}
