import helmet from 'helmet'
import type { RequestHandler } from 'express'

/**
 * Helmet with a CSP the app and WeCom's webview can live with: scripts only from our origin,
 * inline style attributes (Vant sets them), avatars from WeCom's CDNs over https.
 */
export function securityHeaders(https: boolean, extraConnectSrc: string[] = []): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...extraConnectSrc],
        frameAncestors: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: https,
  })
}
