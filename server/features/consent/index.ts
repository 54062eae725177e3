/** Public face of marketing consent: who asked not to receive marketing, and recording it. */
export { findConsent, insertConsent, listOptedOut, type ConsentState } from './consent.repository.js'
export { consentRoutes } from './consent.routes.js'
export type { ConsentChannel } from './consent.table.js'
