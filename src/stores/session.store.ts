import type { Me } from '@contracts/session'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { fetchMe, logout as apiLogout } from '@/shared/session.api'

/** Who is signed in; shared by the sidebar and the console shells. */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null)

  async function load(): Promise<Me> {
    me.value = await fetchMe()
    return me.value
  }

  async function logout(): Promise<void> {
    await apiLogout()
    me.value = null
  }

  return { me, load, logout }
})
