import { fileURLToPath } from 'node:url'
import { VantResolver } from '@vant/auto-import-resolver'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { defineConfig } from 'vite'

// Vant components are imported on demand by unplugin-vue-components (see README, "Front end").
export default defineConfig({
  plugins: [vue(), Components({ resolvers: [VantResolver()], dts: false })],
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
