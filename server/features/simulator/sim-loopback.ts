import type { AddressInfo } from 'node:net'
import express from 'express'
import type { AppContext } from '../../lib/context.js'
import { simulatorMount } from './simulator.mount.js'

/**
 * Runs `work` with a context whose WeCom client talks to the simulator on a loopback port of its own, before
 * the app's port is open: the demo's relation import then goes through the real client and qyapi over HTTP,
 * as on a real corp, without serving anyone half-imported relations. The simulator keeps its state in the
 * database, so the tokens it issues here stay valid for the app afterwards.
 */
export async function withLoopbackSimulator<T>(ctx: AppContext, work: (ctx: AppContext) => Promise<T>): Promise<T> {
  const app = express()
  app.use(express.json({ limit: '256kb' }))
  app.use(simulatorMount(ctx).router)
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)))
  })
  try {
    const { port } = server.address() as AddressInfo
    const apiBase = `http://127.0.0.1:${port}/simulator/cgi-bin`
    return await work({ ...ctx, config: { ...ctx.config, wecom: { ...ctx.config.wecom, apiBase } } })
  } finally {
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  }
}
