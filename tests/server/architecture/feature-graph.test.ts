import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/** Feature-to-feature import edges ("server:contacts" → "server:wecom"), read from the source tree. */
function featureGraph(root: string): Map<string, Set<string>> {
  const featureOf = (file: string) =>
    file
      .match(/^(server|src)\/features\/([^/]+)\//)
      ?.slice(1, 3)
      .join(':')
  const edges = new Map<string, Set<string>>()
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const file = `${dir}/${entry.name}`
      if (entry.isDirectory()) visit(file)
      else if (/\.(ts|vue)$/.test(entry.name)) {
        const from = featureOf(file)
        const text = fs.readFileSync(path.join(root, file), 'utf8')
        for (const [, spec] of text.matchAll(/(?:from|import\()\s*'((?:\.|@\/)[^']+)'/g)) {
          const target = spec!.startsWith('@/')
            ? `src/${spec!.slice(2)}`
            : path.posix.join(path.posix.dirname(file), spec!)
          const to = featureOf(`${target}/`)
          if (from && to && from !== to) edges.set(from, (edges.get(from) ?? new Set()).add(to))
        }
      }
    }
  }
  visit('server')
  visit('src')
  return edges
}

/** Every cycle's members (strongly connected components with more than one feature), Tarjan's algorithm. */
function cycles(edges: Map<string, Set<string>>): string[][] {
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const found: string[][] = []
  const connect = (v: string) => {
    index.set(v, next)
    low.set(v, next++)
    stack.push(v)
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) connect(w)
      if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, low.get(w)!))
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = []
      for (let w = stack.pop()!; ; w = stack.pop()!) {
        component.push(w)
        if (w === v) break
      }
      if (component.length > 1) found.push(component.sort())
    }
  }
  for (const v of edges.keys()) if (!index.has(v)) connect(v)
  return found
}

describe('feature dependency graph', () => {
  it('when the source tree is read, then no feature depends on itself through others (no cycle)', () => {
    const graph = featureGraph(path.resolve(import.meta.dirname, '../../..'))
    expect(graph.size).toBeGreaterThan(10)
    expect(cycles(graph)).toEqual([])
  })

  it('when two features import each other, then the cycle is reported (the check can fail)', () => {
    const graph = new Map([
      ['server:a', new Set(['server:b'])],
      ['server:b', new Set(['server:c'])],
      ['server:c', new Set(['server:a'])],
      ['server:d', new Set(['server:a'])],
    ])
    expect(cycles(graph)).toEqual([['server:a', 'server:b', 'server:c']])
  })
})
