import type { Express } from 'express'
import type { RouteDoc } from './api-docs.js'
import type { RoutePolicy } from './policy.js'

export interface RouteEntry {
  method: string
  path: string
  policy?: RoutePolicy
  doc?: RouteDoc
}

interface Layer {
  rawPath?: unknown
  route?: {
    path: string
    methods: Record<string, boolean>
    stack: Array<{ handle: { policy?: RoutePolicy; doc?: RouteDoc } }>
  }
  handle?: { stack?: Layer[] }
}

/** Every route the app answers, with the policy declared on it (if any). Walks Express 5's router stack. */
export function listRoutes(app: Express): RouteEntry[] {
  const out: RouteEntry[] = []
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const policy = layer.route.stack.map((l) => l.handle.policy).find(Boolean)
        const doc = layer.route.stack.map((l) => l.handle.doc).find(Boolean)
        for (const method of Object.keys(layer.route.methods))
          out.push({ method: method.toUpperCase(), path: prefix + layer.route.path, policy, doc })
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : ''
        walk(layer.handle.stack, prefix + mount)
      }
    }
  }
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '')
  return out
}
