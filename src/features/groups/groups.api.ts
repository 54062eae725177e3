import type { GroupView } from '@contracts/groups'
import { http } from '@/shared/http'

export async function fetchGroup(chatId: string): Promise<GroupView> {
  return (await http.get<GroupView>(`/groups/${encodeURIComponent(chatId)}`)).data
}
