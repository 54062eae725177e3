import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildFrontEndIfNeeded } from '../../../server/cli/build-if-needed.js'

/** The e2e suite drives the built app exactly as `npm start` serves it. */
export default function setup(): void {
  buildFrontEndIfNeeded(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..'))
}
