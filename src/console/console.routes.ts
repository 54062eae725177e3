import type { RouteRecordRaw } from 'vue-router'

/** Console route table; every page is lazy so none of it reaches the sidebar's chunk. */
export const consoleRoutes: RouteRecordRaw = {
  path: '/console',
  component: () => import('./ConsoleShellPage.vue'),
  redirect: '/console/dashboard',
  children: [
    {
      path: 'dashboard',
      component: () => import('@/features/process/DashboardPage.vue'),
      meta: { title: '经营看板', section: 'dashboard' },
    },
    {
      path: 'content',
      component: () => import('@/features/content/ContentLibraryPage.vue'),
      meta: { title: '内容库', section: 'content' },
    },
    {
      path: 'content-results',
      component: () => import('@/features/content/ContentResultsPage.vue'),
      meta: { title: '内容效果', section: 'content-results' },
    },
    {
      path: 'qa',
      component: () => import('@/features/replies/QaLibraryPage.vue'),
      meta: { title: '话术库', section: 'qa' },
    },
    {
      path: 'qa-insights',
      component: () => import('@/features/replies/QaInsightsPage.vue'),
      meta: { title: '话术优化', section: 'qa-insights' },
    },
    {
      path: 'escalations',
      component: () => import('@/features/replies/EscalationsPage.vue'),
      meta: { title: '问中台', section: 'escalations' },
    },
    {
      path: 'tasks',
      component: () => import('@/features/process/TasksPage.vue'),
      meta: { title: '任务', section: 'tasks' },
    },
    {
      path: 'welcome',
      component: () => import('@/features/welcome/WelcomeMessagesPage.vue'),
      meta: { title: '欢迎语', section: 'welcome' },
    },
    {
      path: 'tags',
      component: () => import('@/features/tags/TagCataloguePage.vue'),
      meta: { title: '客户标签', section: 'tags' },
    },
    {
      path: 'lexicon',
      component: () => import('@/features/review/LexiconPage.vue'),
      meta: { title: '合规词库', section: 'lexicon' },
    },
    {
      path: 'handover',
      component: () => import('@/features/handover/HandoverPage.vue'),
      meta: { title: '客户继承', section: 'handover' },
    },
    {
      path: 'audit',
      component: () => import('@/features/privacy/AuditLogPage.vue'),
      meta: { title: '访问审计', section: 'audit' },
    },
    {
      path: 'crm',
      component: () => import('@/features/crm-admin/CrmImportPage.vue'),
      meta: { title: '数据接入', section: 'crm' },
    },
    {
      path: 'wecom',
      component: () => import('@/features/wecom-admin/WecomGoLivePage.vue'),
      meta: { title: '企微上线', section: 'wecom' },
    },
  ],
}
