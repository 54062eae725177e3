import type { ContactProfile } from '@contracts/contacts'
import { createApp } from 'vue'
import '@/shared/base.css'
import FloorPage from './FloorPage.vue'

// The floor: the sidebar's profile components and Vant, data inline — no session, SDK or API round trip.
const profile = JSON.parse(document.getElementById('profile')!.textContent!) as ContactProfile
createApp(FloorPage, { profile }).mount('#app')
