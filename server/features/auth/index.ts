/** Public face of the auth feature: what other features may import. */
export { cookieOptions, issueSession } from './session-cookie.js'
export { currentStaff } from './session.middleware.js'
