import type { ContentDetail, ContentItem, ContentItemInput, ContentKind, ContentTopic } from '@contracts/content'
import type { ReviewStatus } from '@contracts/review'
import { ref, watch } from 'vue'
import { createContentItem, fetchContentDetail, fetchContentItems, updateContentItem } from './content-console.api'

export interface ContentLibraryOptions {
  /** The review queue is this page with `?status=in_review` (where reviewers land). */
  status?: ReviewStatus
  /** How long typing pauses before the search runs. */
  debounceMs?: number
  /** Shown for a failed load or save; the page decides how (a toast). */
  onError: (err: unknown) => void
}

/**
 * The console's content library: the filters (search, status, topic, kind, expiring within 7 days), the matching
 * items, the selected item's detail or a new one being written, and saving it. Every filter change reloads the
 * list; the search waits for typing to pause. The first load is the page's to start (`load`).
 */
export function useContentLibrary(opts: ContentLibraryOptions) {
  const q = ref('')
  const status = ref<ReviewStatus | ''>(opts.status ?? '')
  const topic = ref<ContentTopic | ''>('')
  const kind = ref<ContentKind | ''>('')
  const expiring = ref(false)
  const items = ref<ContentItem[]>([])
  const selectedId = ref<number | 'new' | null>(null)
  const detail = ref<ContentDetail | null>(null)
  const saving = ref(false)

  async function load(): Promise<void> {
    try {
      items.value = await fetchContentItems({
        q: q.value.trim() || undefined,
        status: status.value || undefined,
        topic: topic.value || undefined,
        kind: kind.value || undefined,
        expiring: expiring.value ? '1' : undefined,
      })
    } catch (err) {
      opts.onError(err)
    }
  }

  /** Opens an item's detail (with its review history), or an empty editor for `'new'`. */
  async function select(id: number | 'new'): Promise<void> {
    selectedId.value = id
    if (id === 'new') {
      detail.value = null
      return
    }
    try {
      detail.value = await fetchContentDetail(id)
    } catch (err) {
      detail.value = null
      opts.onError(err)
    }
  }

  function close(): void {
    selectedId.value = null
  }

  /**
   * Saves the open item, or creates one; then reloads the list and opens what was saved. Returns whether the save
   * made a new version (an approved item edited goes back to review), or null when it failed.
   */
  async function save(input: ContentItemInput): Promise<{ newVersion: boolean } | null> {
    saving.value = true
    try {
      const current = detail.value
      const res = current
        ? await updateContentItem(current.item.id, input)
        : { ...(await createContentItem(input)), newVersion: false }
      await load()
      await select(res.id)
      return { newVersion: res.newVersion }
    } catch (err) {
      opts.onError(err)
      return null
    } finally {
      saving.value = false
    }
  }

  /** After a review action on the open item: the list and the item again. */
  async function changed(): Promise<void> {
    await load()
    if (typeof selectedId.value === 'number') await select(selectedId.value)
  }

  let debounce: ReturnType<typeof setTimeout> | undefined
  watch(q, () => {
    clearTimeout(debounce)
    debounce = setTimeout(load, opts.debounceMs ?? 300)
  })
  watch([status, topic, kind, expiring], load)

  return { q, status, topic, kind, expiring, items, selectedId, detail, saving, load, select, close, save, changed }
}
