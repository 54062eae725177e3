import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The repository root (the folder holding package.json), found by walking up from this file, so the
 * same code finds dist/, package.json and the simulator's static files whether it runs from the
 * TypeScript sources (tsx, tests) or compiled into build/ (`npm run build`, production).
 */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir)
    if (up === dir) throw new Error('package.json not found above the server code')
    dir = up
  }
  return dir
}

export const PROJECT_ROOT = findRoot()
