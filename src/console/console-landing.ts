import type { Me } from '@contracts/session'

/** Where each role starts: reviewers on the review queue, editors on their library, managers on the dashboard. */
export function landingPath(me: Me): string {
  if (me.role === 'middle') return me.reviewer ? '/console/content?status=in_review' : '/console/content'
  if (me.role === 'admin') return '/console/crm'
  return '/console/dashboard'
}
