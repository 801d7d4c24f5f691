// ESLint (flat config): typescript-eslint's recommended + type-checked rules, with the few that fight
// NestJS (decorators, DI, lifecycle hooks) or raw SQL rows turned off, each with its reason.
// `npm run lint` (cached; `npm run lint -- --fix` for the fixable ones).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/', '**/dist/', '**/coverage/', '.data/', 'bench/', 'docker/', 'apps/api/src/swagger-metadata.ts' /* generated: npm run openapi */, 'apps/web/src/api/schema.d.ts' /* generated: npm run openapi:web */, '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // TypeORM's query() returns rows as `any` (typed by annotation); these would flag every raw query.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      // String enums (JobName, QueueName) and Nest's numeric HttpStatus are compared with the plain
      // strings and numbers that BullMQ, Redis and HTTP hand back.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // Reports values used only in decorators (`const uuid = new ParseUUIDPipe()` for `@Param('id', uuid)`).
      'no-useless-assignment': 'off',
      // Nest lifecycle hooks, guards and handlers are async by contract even when they do not await.
      '@typescript-eslint/require-await': 'off',
      // Unused parameters keep Nest's and Fastify's signatures (e.g. `_req`); prefix them with `_`.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: {
      // expect(obj.method) and jest mocks pass methods around on purpose.
      '@typescript-eslint/unbound-method': 'off',
      // Response bodies (supertest) and fixtures are untyped JSON.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // React and antd props (onClick, onFinish, …) take promise-returning handlers by design.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      // react-router's navigate() and react-query's invalidations return promises that handlers fire and forget.
      '@typescript-eslint/no-floating-promises': 'off',
      // Store hooks hand out plain functions that never use `this`.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
