/** Public face of the go-live console for IT: relation import, dead letters, self-check. */
export { wecomAdminRoutes } from './wecom-admin.routes.js'
