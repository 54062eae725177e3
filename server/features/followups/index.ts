/** Public face of 跟进记录: the sidebar's notes per customer. */
export { followupsRoutes } from './followups.routes.js'
export { dueFollowups } from './followups.service.js'
