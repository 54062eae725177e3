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

// Vant components are imported on demand by unplugin-vue-components (see README, "Front end").
export default defineConfig({
  plugins: [vue(), Components({ resolvers: [VantResolver()], dts: false }), dropCdnFontSources()],
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
  },
})
