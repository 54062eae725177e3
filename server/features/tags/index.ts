/** Public face of 企业客户标签: routes, the schedule, and the tag filter other features apply to recipients. */
export { tagsRoutes } from './tags.routes.js'
export { startTagSchedule } from './tag-schedule.js'
export { filterByTags } from './tag-filter.js'
export { syncCatalogue } from './catalogue.service.js'
