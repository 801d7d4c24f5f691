/// <reference types="vitest/config" />
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, defineConfig, type Plugin, type Rolldown, type UserConfig } from 'vite';

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

const nodeModule = /[\\/]node_modules[\\/]/;

/**
 * The modules of the member's first page: those of the entry chunk and of every chunk it imports
 * statically, in a build with the bundler's own chunking (the first of two passes; not written).
 * Rolldown's `$initial` tag will not do: it follows every static import, also those whose bindings
 * tree-shaking dropped (antd's form context imports all of @rc-component/form), ~30 KiB gzipped more.
 */
async function firstPageModules(config: UserConfig): Promise<Set<string>> {
  const result = await build({ ...config, configFile: false, plugins: [], logLevel: 'silent', build: { ...config.build, write: false, minify: false } });
  const chunks = new Map<string, Rolldown.OutputChunk>();
  for (const output of Array.isArray(result) ? result : [result as Rolldown.RolldownOutput]) {
    for (const file of output.output) if (file.type === 'chunk') chunks.set(file.fileName, file);
  }
  const modules = new Set<string>();
  const visit = (chunk: Rolldown.OutputChunk | undefined, seen: Set<string>) => {
    if (!chunk || seen.has(chunk.fileName)) return;
    seen.add(chunk.fileName);
    chunk.moduleIds.forEach((id) => modules.add(id));
    chunk.imports.forEach((file) => visit(chunks.get(file), seen));
  };
  const seen = new Set<string>();
  for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk, seen);
  if (modules.size === 0) throw new Error('vite.config: the first pass found no entry chunk');
  return modules;
}

/**
 * The member's first page in a few files (libraries, app code, the entry) instead of the ~40 chunks
 * the bundler makes of the modules it shares with lazy pages: over HTTP/1.1 (six connections per
 * host) each costs a round trip, which on a phone network (150 ms) delayed the home page by ~0.6 s
 * (bench/web, issue #13). The same modules, grouped: lazy pages keep their chunks and import these.
 * Only modules already in the first page are captured, and their dependencies are in it too, so
 * `includeDependenciesRecursively` is off (it would follow the unused imports again).
 */
function firstPageChunks(initial: Set<string>) {
  return {
    includeDependenciesRecursively: false,
    groups: [
      { name: 'vendor', test: (id: string) => initial.has(id) && nodeModule.test(id), priority: 2 },
      { name: 'app', test: (id: string) => initial.has(id), priority: 1 },
    ],
  };
}

/**
 * The web app. Built into apps/web/dist, which the api serves at `/`.
 * `npm run dev:web` runs this dev server with /api and /admin proxied to the api (QF_API_URL).
 */
const config: UserConfig = {
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
};

export default defineConfig(async ({ command }) => {
  if (command !== 'build') return config;
  const initial = await firstPageModules(config);
  const rolldownOptions = { ...config.build!.rolldownOptions, output: { codeSplitting: firstPageChunks(initial) } };
  return { ...config, build: { ...config.build, rolldownOptions } };
});
