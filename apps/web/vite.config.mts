/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const apiTarget = process.env.QF_API_URL ?? 'http://127.0.0.1:3000';

/**
 * The web app. Built into apps/web/dist, which the api serves at `/`.
 * `npm run dev:web` runs this dev server with /api and /admin proxied to the api (QF_API_URL).
 */
export default defineConfig({
  root: here('.'),
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
  },
});
