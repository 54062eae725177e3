import type { DemoStaff, Me } from '@contracts/session'
import { http } from './http'

export async function fetchMe(): Promise<Me> {
  return (await http.get<Me>('/session/me')).data
}

export async function logout(): Promise<void> {
  await http.post('/session/logout')
}

export async function fetchDemoStaff(): Promise<DemoStaff[]> {
  return (await http.get<{ staff: DemoStaff[] }>('/demo/staff')).data.staff
}

export async function demoLogin(userid: string): Promise<void> {
  await http.post('/demo/login', { userid })
}
