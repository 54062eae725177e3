import type { TaskDetail } from '@contracts/process'
import { ref } from 'vue'
import { useAsync } from '@/shared/use-async'
import { approveTask, fetchSyncRuns, fetchTask, fetchTaskOptions, fetchTasks, rejectTask, runSync } from './process.api'

export interface TasksOptions {
  /** Shown for a failed call; the page decides how (a toast). */
  onError: (err: unknown) => void
}

/**
 * The console's tasks page: the task list and sync runs (reloaded together after every change), the task open in
 * the side panel, its second-reviewer decision, and syncing WeCom data on demand.
 */
export function useTasks(opts: TasksOptions) {
  const changes = ref(0)
  const options = useAsync(() => 0, fetchTaskOptions)
  const tasks = useAsync(changes, fetchTasks)
  const runs = useAsync(changes, fetchSyncRuns)
  const detail = ref<TaskDetail | null>(null)
  const syncing = ref(false)
  const rejectReason = ref('')

  async function open(id: string): Promise<void> {
    try {
      detail.value = await fetchTask(id)
    } catch (err) {
      detail.value = null
      opts.onError(err)
    }
  }

  function close(): void {
    detail.value = null
  }

  /** A task was just created: list it and open it. */
  async function created(id: string): Promise<void> {
    changes.value++
    await open(id)
  }

  /** Approves (dispatches to WeCom) or rejects the open task under review; true when the server took it. */
  async function decide(verdict: 'approve' | 'reject'): Promise<boolean> {
    const task = detail.value
    if (!task) return false
    try {
      if (verdict === 'approve') await approveTask(task.id)
      else await rejectTask(task.id, rejectReason.value)
    } catch (err) {
      opts.onError(err)
      return false
    }
    rejectReason.value = ''
    changes.value++
    await open(task.id)
    return true
  }

  /** Runs every sync job now, then refreshes the lists and the open task; true when the sync finished. */
  async function syncNow(): Promise<boolean> {
    syncing.value = true
    try {
      await runSync('all')
    } catch (err) {
      opts.onError(err)
      return false
    } finally {
      syncing.value = false
    }
    changes.value++
    if (detail.value) await open(detail.value.id)
    return true
  }

  return { options, tasks, runs, detail, syncing, rejectReason, open, close, created, decide, syncNow }
}
