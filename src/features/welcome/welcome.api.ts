import type { WelcomeMessageInput, WelcomeOverview } from '@contracts/welcome'
import { http } from '@/shared/http'

export const fetchWelcome = async () => (await http.get<WelcomeOverview>('/welcome')).data
export const createWelcome = async (body: WelcomeMessageInput) =>
  (await http.post<{ id: number }>('/welcome/messages', body)).data
export const editWelcome = async (id: number, body: WelcomeMessageInput) =>
  (await http.put<{ id: number }>(`/welcome/messages/${id}`, body)).data
export const submitWelcome = async (id: number) => (await http.post(`/welcome/messages/${id}/submit`)).data
export const approveWelcome = async (id: number, validUntil: string) =>
  (await http.post(`/welcome/messages/${id}/approve`, { validUntil })).data
export const rejectWelcome = async (id: number, reason: string) => {
  await http.post(`/welcome/messages/${id}/reject`, { reason })
}
export const retireWelcome = async (id: number, reason: string) => {
  await http.post(`/welcome/messages/${id}/retire`, { reason })
}
