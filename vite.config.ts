import { fileURLToPath } from 'node:url'
import { VantResolver } from '@vant/auto-import-resolver'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { defineConfig, type Plugin } from 'vite'

/**
 * Vant's icon font lists a CDN woff after its inline woff2. Our CSP (font-src 'self' data:) blocks the CDN
 * anyway, so drop it: no doomed request and no CSP error in the WeCom webview's console.
 */
const dropCdnFontSources = (): Plugin => ({
  name: 'drop-cdn-font-sources',
  transform(code, id) {
    if (!id.includes('/vant/') || !id.endsWith('.css')) return null
    return code.replace(/,\s*url\(\/\/at\.alicdn\.com[^)]*\)\s*format\("woff"\)/g, '')
  },
})

interface GraphInfo {
  importedIds: readonly string[]
  dynamicallyImportedIds: readonly string[]
  importers: readonly string[]
  dynamicImporters: readonly string[]
  isEntry: boolean
}
type ModuleInfoOf = (id: string) => GraphInfo | null

const SIDEBAR_PAGE = /[\\/]src[\\/]sidebar[\\/]SidebarShellPage\.vue$/
const SIDEBAR_BOOT = /[\\/]src[\\/]sidebar[\\/]sidebar-boot\.ts$/
const PUBLIC_PAGES = /[\\/]src[\\/](verify[\\/]VerifyPage|features[\\/]content[\\/]ContentViewPage)\.vue$/
/** Bundler and compiler helpers (a few hundred bytes): one chunk, not one round trip each. */
const HELPERS = /^\0@oxc-project\+runtime@/
/** `import { showToast } from 'vant'`: the module graph lists every Vant component behind it; tree-shaking keeps what is used. */
const BARREL = /[\\/]node_modules[\\/]vant[\\/]es[\\/]index\.mjs$/

/**
 * The sidebar's first screen in a handful of chunks instead of some twenty. Rolldown's automatic
 * chunking gives every set of pages sharing a module its own chunk; with on-demand Vant that is many
 * sub-kilobyte chunks, and on a mobile link each costs a round trip (6 connections per host on
 * HTTP/1.1). What the sidebar's shell and boot import beyond the app entry goes to:
 * - `sidebar-boot`: the boot and what only the sidebar uses of its imports (the JS-SDK); no Vue, so it
 *   runs before the framework has downloaded (shared imports, i.e. the HTTP client, stay as they are);
 * - `sidebar`: what only the sidebar (its lazy tabs included) uses;
 * - `sidebar-public`: what the customer-facing pages (verification, content view) use too;
 * - `sidebar-console`: what other pages (console, demo login) use too.
 * Everything else is chunked as before. Module reachability is read through static imports, not
 * through the Vant barrel (which would make every page "use" all of Vant) — except for "does another
 * page use it", where the barrel counts, so anything in doubt is shared rather than sidebar-only.
 * The plan is empty (automatic chunking) if the entry itself goes through the barrel.
 */
function sidebarChunks() {
  let plan: Map<string, string> | undefined
  // Planned once per build, on the first module the bundler asks about (the graph is complete by then).
  const name = (id: string, ctx: { getModuleInfo: ModuleInfoOf }) => {
    plan ??= planSidebarChunks(id, (m) => ctx.getModuleInfo(m))
    return plan.get(id) ?? null
  }
  const plugin: Plugin = {
    name: 'sidebar-chunks',
    buildStart() {
      plan = undefined
    },
    // The entry must never load a sidebar chunk: the plan keeps the entry's modules out of its groups.
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.isEntry) continue
        const sidebar = chunk.imports.filter((f) => /(^|\/)sidebar-/.test(f))
        if (sidebar.length) this.error(`the entry ${chunk.fileName} imports sidebar chunks: ${sidebar.join(', ')}`)
      }
    },
  }
  return { plugin, group: { name, debugName: 'sidebar-first-screen', includeDependenciesRecursively: false } }
}

function planSidebarChunks(anyId: string, info: ModuleInfoOf): Map<string, string> {
  const all = new Set<string>()
  const queue = [anyId]
  while (queue.length) {
    const id = queue.pop()!
    if (all.has(id)) continue
    all.add(id)
    const m = info(id)
    if (m) queue.push(...m.importedIds, ...m.dynamicallyImportedIds, ...m.importers, ...m.dynamicImporters)
  }
  const closure = (roots: string[], throughBarrel: boolean) => {
    const seen = new Set<string>()
    const stack = [...roots]
    while (stack.length) {
      const id = stack.pop()!
      if (seen.has(id)) continue
      seen.add(id)
      if (throughBarrel || !BARREL.test(id)) stack.push(...(info(id)?.importedIds ?? []))
    }
    return seen
  }
  const ids = [...all]
  const page = ids.find((id) => SIDEBAR_PAGE.test(id))
  const boot = ids.find((id) => SIDEBAR_BOOT.test(id))
  const initial = closure(
    ids.filter((id) => info(id)?.isEntry),
    false,
  )
  if (!page || !boot || [...initial].some((id) => BARREL.test(id))) return new Map()
  const firstScreen = closure([page, boot], false)
  const lazyTabs = [...firstScreen].flatMap((id) => info(id)?.dynamicallyImportedIds ?? [])
  const sidebarEntries = new Set([page, boot, ...lazyTabs])
  const otherPages = ids.filter((id) => (info(id)?.dynamicImporters.length ?? 0) > 0 && !sidebarEntries.has(id))
  const usedElsewhere = closure(otherPages, true)
  const usedByPublic = closure(
    otherPages.filter((id) => PUBLIC_PAGES.test(id)),
    false,
  )
  const bootNeeds = closure([boot], false)
  const plan = new Map<string, string>()
  for (const id of firstScreen) {
    // The page stays its own (dynamic entry) chunk: the manifest and the router name it.
    if (initial.has(id) || id.split('?')[0] === page) continue
    if (HELPERS.test(id)) plan.set(id, 'helpers')
    else if (!usedElsewhere.has(id)) plan.set(id, bootNeeds.has(id) ? 'sidebar-boot' : 'sidebar')
    else if (!bootNeeds.has(id)) plan.set(id, usedByPublic.has(id) ? 'sidebar-public' : 'sidebar-console')
  }
  return plan
}

/**
 * Vant's resolver imports every component from the `vant/es` barrel; this imports it from its own
 * folder (`vant/es/tabs`), the same module the barrel re-exports. The bundle is the same, but the module
 * graph then says which page uses which component, which the sidebar's chunk plan reads.
 */
function vantDirectResolver(): ReturnType<typeof VantResolver> {
  const vant = VantResolver()
  return {
    type: 'component',
    resolve: (name) => {
      const found = vant.resolve(name)
      const dir = found?.sideEffects && /^vant\/es\/([a-z-]+)\/style\/index$/.exec(found.sideEffects)?.[1]
      return found && dir ? { ...found, from: `vant/es/${dir}` } : found
    },
  }
}

const VANT_FUNCTION_DIRS: Record<string, string> = {
  showToast: 'toast',
  closeToast: 'toast',
  showFailToast: 'toast',
  showLoadingToast: 'toast',
  showSuccessToast: 'toast',
  showDialog: 'dialog',
  showConfirmDialog: 'dialog',
  closeDialog: 'dialog',
  showNotify: 'notify',
  closeNotify: 'notify',
}

/**
 * `import { showToast } from 'vant'` in our code becomes `import { showToast } from 'vant/es/toast'`: the same
 * module, minus the barrel that lists all of Vant behind it (see vantDirectResolver). Imports of other names
 * are left alone.
 */
const vantFunctionsDirect = (): Plugin => ({
  name: 'vant-functions-direct',
  enforce: 'post',
  transform(code, id) {
    if (!id.includes('/src/') || !/from\s*['"]vant['"]/.test(code)) return null
    return code.replace(/import\s*\{([^}]*)\}\s*from\s*['"]vant['"];?/g, (all, names: string) => {
      const specifiers = names
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean)
      if (!specifiers.every((n) => VANT_FUNCTION_DIRS[n.split(/\s+as\s+/)[0]!])) return all
      return specifiers
        .map((n) => `import { ${n} } from 'vant/es/${VANT_FUNCTION_DIRS[n.split(/\s+as\s+/)[0]!]}';`)
        .join('\n')
    })
  },
})

const sidebar = sidebarChunks()

// Vant components are imported on demand by unplugin-vue-components (see README, "Front end").
export default defineConfig({
  plugins: [
    vue(),
    Components({ resolvers: [vantDirectResolver()], dts: false }),
    dropCdnFontSources(),
    vantFunctionsDirect(),
    sidebar.plugin,
  ],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      '@contracts': fileURLToPath(new URL('./server/contracts', import.meta.url)),
    },
  },
  build: {
    // WeCom's Android webview is Chrome 97+.
    target: 'chrome97',
    manifest: true,
    outDir: 'dist',
    emptyOutDir: true,
    // The one chunk over Vite's 500 kB default is the dashboard's chart (ProcessChart: tree-shaken ECharts,
    // ~535 kB minified, ~180 kB gzip), lazily loaded by the console's 经营看板 only, never by the sidebar or
    // the customer pages. Splitting it would not shrink what the dashboard downloads, only add round trips,
    // so the limit sits just above it: a warning again means something new grew, which is worth a look.
    chunkSizeWarningLimit: 600,
    // The sidebar's first screen in a few chunks (see sidebarChunks); everything else as Rolldown splits it.
    rolldownOptions: { output: { codeSplitting: { groups: [sidebar.group] } } },
  },
})
