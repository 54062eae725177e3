import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { consoleRoutes } from './console/console.routes'

// Each surface is its own lazy chunk: the sidebar must never download console code.
const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/console' },
  { path: '/sidebar', component: () => import('./sidebar/SidebarShellPage.vue'), meta: { title: '企微顾问台' } },
  { path: '/v/:token', component: () => import('./verify/VerifyPage.vue'), meta: { title: '实名认证' } },
  { path: '/c/:sendId', component: () => import('./features/content/ContentViewPage.vue'), meta: { title: '资讯' } },
  { path: '/demo/login', component: () => import('./demo/DemoLoginPage.vue'), meta: { title: '演示登录' } },
  consoleRoutes,
  { path: '/:pathMatch(.*)*', component: () => import('./shared/NotFoundPage.vue'), meta: { title: '页面不存在' } },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.afterEach((to) => {
  document.title = (to.meta.title as string | undefined) ?? '企微顾问台'
})
