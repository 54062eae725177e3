import { createPinia } from 'pinia'
// Not from the 'vant' barrel: the sidebar's chunk plan (vite.config.ts) reads the entry's imports.
import { Locale } from 'vant/es/locale'
import zhCN from 'vant/es/locale/lang/zh-CN'
import 'vant/es/toast/style'
import 'vant/es/dialog/style'
import 'vant/es/notify/style'
import { createApp } from 'vue'
import App from './App.vue'
import { router } from './router'
import './shared/base.css'

Locale.use('zh-CN', zhCN)
createApp(App).use(createPinia()).use(router).mount('#app')
