import type { DeadLetters, DoctorCheck, RelationImport } from '@contracts/wecom-admin'
import { http } from '@/shared/http'

export async function fetchRelationImport(): Promise<RelationImport> {
  return (await http.get<RelationImport>('/wecom/import')).data
}

export async function startRelationImport(): Promise<void> {
  await http.post('/wecom/import')
}

export async function fetchDeadLetters(): Promise<DeadLetters> {
  return (await http.get<DeadLetters>('/wecom/dead-letters')).data
}

export async function retryDeadLetter(id: number): Promise<void> {
  await http.post(`/wecom/dead-letters/${id}/retry`)
}

export async function runDoctor(): Promise<DoctorCheck[]> {
  return (await http.get<{ checks: DoctorCheck[] }>('/wecom/doctor', { timeout: 60_000 })).data.checks
}
