import type {
  CreatedTask,
  MassPreview,
  MyTodo,
  ProcessView,
  ResultsView,
  StaffView,
  SyncRun,
  TaskBodyT,
  TaskDetail,
  TaskSummary,
  UncoveredCustomer,
} from '@contracts/process'
import { http } from '@/shared/http'

export interface DashboardParams {
  period: 'day' | 'week' | 'month'
  date?: string
  branchId?: string
}

export const fetchProcessView = async (p: DashboardParams) =>
  (await http.get<ProcessView>('/dashboard/process', { params: p })).data
export const fetchResultsView = async (p: DashboardParams) =>
  (await http.get<ResultsView>('/dashboard/results', { params: p })).data
/** The drill-down; `tagIds` keeps the adds carrying the chosen corp tags. */
export const fetchStaffView = async (userid: string, p: DashboardParams, tagIds: string[] = []) =>
  (
    await http.get<StaffView>(`/dashboard/staff/${encodeURIComponent(userid)}`, {
      params: tagIds.length ? { ...p, tagIds: tagIds.join(',') } : p,
    })
  ).data
export const fetchUncovered = async (userid: string, segment: string) =>
  (
    await http.get<UncoveredCustomer[]>(`/dashboard/staff/${encodeURIComponent(userid)}/uncovered`, {
      params: { segment },
    })
  ).data

export function exportUrl(p: DashboardParams, kind: 'export.xlsx' | 'bulletin'): string {
  const q = new URLSearchParams(Object.entries(p).filter(([, v]) => v) as [string, string][])
  return `/api/dashboard/${kind}?${q}`
}

export interface TaskOptions {
  branches: { id: string; name: string; level: string; parentId: string | null }[]
  staff: { userid: string; name: string; title: string; branchId: string }[]
  items: { id: number; title: string; kind: string; body: string; link: string | null }[]
}
export type TaskInput = Partial<TaskBodyT> & Pick<TaskBodyT, 'kind' | 'title' | 'startDate' | 'dueDate'>

export const fetchTasks = async () => (await http.get<{ tasks: TaskSummary[] }>('/tasks')).data.tasks
export const fetchTask = async (id: string) => (await http.get<TaskDetail>(`/tasks/${id}`)).data
export const fetchTaskOptions = async () => (await http.get<TaskOptions>('/tasks/options')).data
export const previewTask = async (body: TaskInput) => (await http.post<MassPreview>('/tasks/preview', body)).data
export const createTask = async (body: TaskInput) => (await http.post<CreatedTask>('/tasks', body)).data
export const cancelTask = async (id: string) => {
  await http.post(`/tasks/${id}/cancel`)
}
/** Second-person review of a task's free text; approval sends it to WeCom. */
export const approveTask = async (id: string) => (await http.post<{ failures: number }>(`/tasks/${id}/approve`)).data
export const rejectTask = async (id: string, reason: string) => {
  await http.post(`/tasks/${id}/reject`, { reason })
}
export const fetchSyncRuns = async () => (await http.get<{ runs: SyncRun[] }>('/sync/runs')).data.runs
export const runSync = async (job: 'all' | 'behaviour' | 'tasks' | 'rollups' = 'all') =>
  (await http.post('/sync', { job })).data

export const fetchMyTodo = async () => (await http.get<MyTodo>('/me/todo')).data
