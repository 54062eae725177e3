/** Public face of the wecom feature: what other features may import. */
export { WecomError } from './wecom-errors'
export { openChat } from './wecom-sdk'
export { sendImage } from './wecom-sdk'
export { sendNews } from './wecom-sdk'
export { sendText } from './wecom-sdk'
export { shareToExternalMoments } from './wecom-sdk'
export { supportsMoments } from './wecom-sdk'
