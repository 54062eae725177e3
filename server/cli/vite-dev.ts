import fs from 'node:fs'
import path from 'node:path'
import type { FrontEndSource } from '../lib/spa.js'

/** `npm run dev`: Vite in middleware mode inside our Express app, so the API and HMR share one port. */
export async function viteDevFrontEnd(root: string): Promise<FrontEndSource> {
  const { createServer } = await import('vite')
  const hmrPort = 24678
  const vite = await createServer({ root, server: { middlewareMode: true, hmr: { port: hmrPort } }, appType: 'custom' })
  return {
    assets: [vite.middlewares],
    connectSrc: [`ws://localhost:${hmrPort}`],
    indexHtml: async (req) =>
      vite.transformIndexHtml(req.originalUrl, fs.readFileSync(path.join(root, 'index.html'), 'utf8')),
  }
}
