/// <reference types="vitest/config" />
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const apiTarget = process.env.QF_API_URL ?? 'http://127.0.0.1:3000';

/**
 * Writes `<file>.gz` and `<file>.br` beside every built script and style sheet of 1 KiB or more, which
 * the api serves (@fastify/static `preCompressed`) to browsers that accept them: compressed once at
 * build time, at the highest levels, instead of on every request or not at all.
 */
function precompress(): Plugin {
  return {
    name: 'qingfeng-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const [file, output] of Object.entries(bundle)) {
        if (!/\.(js|css|svg)$/.test(file)) continue;
        const data = Buffer.from(output.type === 'chunk' ? output.code : output.source);
        if (data.length < 1024) continue;
        const path = join(options.dir!, file);
        writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
        writeFileSync(`${path}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
      }
    },
  };
}

/**
 * The web app. Built into apps/web/dist, which the api serves at `/`.
 * `npm run dev:web` runs this dev server with /api and /admin proxied to the api (QF_API_URL).
 */
export default defineConfig({
  root: here('.'),
  plugins: [precompress()],
  // Vite 8 transforms JSX with oxc; no React plugin needed (no fast refresh in dev).
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  resolve: {
    alias: {
      // Shared rules that import nothing server-side (字数). Imported, never copied.
      '@libs/common': here('../../libs/common/src'),
      '@web': here('./src'),
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': apiTarget, '/admin': apiTarget },
  },
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // The @rc-component packages under antd declare no `sideEffects`, so importing one export of a
      // package index keeps every module behind it (antd Input's form context alone pulled in rc-form
      // and async-validator, ~13 KiB gzipped, on the login page). They have no import-time effects.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]node_modules[\\/]@rc-component[\\/]/.test(id) },
      // antd marks its modules "use client" (for React Server Components); meaningless in this bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: [here('./src/test/setup.ts')],
    css: false,
    // Under Vitest `antd` resolves to its CommonJS build (antd/lib), so app/Feedback.tsx must provide
    // that build's App context for `App.useApp()` to find it (the app's own build uses antd/es alike).
    alias: { 'antd/es/app/context': 'antd/lib/app/context' },
  },
});
