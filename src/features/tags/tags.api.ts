import type { ContactTags, TagCatalogue } from '@contracts/tags'
import { http } from '@/shared/http'

const contactPath = (externalUserId: string) => `/contacts/${encodeURIComponent(externalUserId)}/tags`

export async function fetchCatalogue(): Promise<TagCatalogue> {
  return (await http.get<TagCatalogue>('/tags/catalogue')).data
}

export async function fetchContactTags(externalUserId: string): Promise<ContactTags> {
  return (await http.get<ContactTags>(contactPath(externalUserId))).data
}

export async function saveContactTags(externalUserId: string, tagIds: string[]): Promise<ContactTags> {
  return (await http.put<ContactTags>(contactPath(externalUserId), { tagIds })).data
}

export async function syncCatalogue(): Promise<void> {
  await http.post('/console/tags/sync')
}

export async function createGroup(name: string, tags: string[]): Promise<TagCatalogue> {
  return (await http.post<TagCatalogue>('/console/tags/groups', { name, tags })).data
}

export async function addTags(groupId: string, tags: string[]): Promise<TagCatalogue> {
  return (await http.post<TagCatalogue>(`/console/tags/groups/${encodeURIComponent(groupId)}/tags`, { tags })).data
}

export async function renameTagOrGroup(id: string, name: string): Promise<TagCatalogue> {
  return (await http.patch<TagCatalogue>(`/console/tags/${encodeURIComponent(id)}`, { name })).data
}

export async function deleteTag(id: string): Promise<TagCatalogue> {
  return (await http.delete<TagCatalogue>(`/console/tags/tags/${encodeURIComponent(id)}`)).data
}

export async function deleteGroup(groupId: string): Promise<TagCatalogue> {
  return (await http.delete<TagCatalogue>(`/console/tags/groups/${encodeURIComponent(groupId)}`)).data
}
