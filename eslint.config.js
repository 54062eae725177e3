// ESLint flat config: typescript-eslint and eslint-plugin-vue recommended rules; formatting is Prettier's job.
import path from 'node:path'
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import vue from 'eslint-plugin-vue'
import tseslint from 'typescript-eslint'

// Feature boundaries (docs/style.md): a feature imports another feature only through its public face (index.ts),
// production code never imports the WeCom simulator (it plugs in at start-up, in server/app.ts), and migrations
// import no feature code (a migration must not change when a feature does).
// Files that wire the app together; only they may import the simulator.
const COMPOSITION_ROOTS = ['server/app.ts', 'server/cli/', 'server/db/database.ts']
const FEATURE = /(?:^|\/)(server|src)\/features\/([^/]+)(\/.*)?$/
const resolveSpec = (file, spec) =>
  spec.startsWith('@/') ? `src/${spec.slice(2)}` : path.posix.normalize(path.posix.join(path.posix.dirname(file), spec))
const featureBoundaries = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const file = path.relative(context.cwd, context.filename).split(path.sep).join('/')
    const from = file.match(FEATURE)
    const check = (node, spec, typeOnly) => {
      if (typeof spec !== 'string' || !(spec.startsWith('.') || spec.startsWith('@/'))) return
      const target = resolveSpec(file, spec)
      const to = target.match(FEATURE)
      if (!to) return
      if (file.startsWith('server/db/migrations/'))
        return context.report({ node, message: `Migrations must not import feature code (${spec}).` })
      const sameFeature = from && from[1] === to[1] && from[2] === to[2]
      if (sameFeature) return
      if (to[2] === 'simulator' && !typeOnly && !COMPOSITION_ROOTS.some((root) => file.startsWith(root)))
        return context.report({ node, message: `Only the composition root may import the simulator (${spec}).` })
      if (from && !/^\/index(\.js|\.ts)?$|^\/?$/.test(to[3] ?? ''))
        context.report({
          node,
          message: `Import ${to[2]} through its public face '${to[1]}/features/${to[2]}/index' (${spec}).`,
        })
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value, node.importKind === 'type'),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, node.exportKind === 'type'),
      ExportAllDeclaration: (node) => check(node, node.source.value, false),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value, false),
    }
  },
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'build/**',
      'data/**',
      'node_modules/**',
      'tests/e2e/screenshots/**',
      'tests/bench/results/**',
      'server/features/simulator/public/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        window: 'readonly',
        document: 'readonly',
      },
    },
    rules: {
      // TypeScript already reports undefined names, and knows the DOM and Node globals this rule does not.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['server/**/*.ts', 'src/**/*.ts', 'src/**/*.vue'],
    plugins: { advisor: { rules: { 'feature-boundaries': featureBoundaries } } },
    rules: { 'advisor/feature-boundaries': 'error' },
  },
  {
    // Kysely's own advice: a migration must not depend on today's schema types, so it sees `Kysely<any>`.
    files: ['server/db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  prettier,
)
