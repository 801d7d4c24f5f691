// @vitest-environment node
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';

const root = (p: string) => fileURLToPath(new URL(`../../../../${p}`, import.meta.url));

describe('generated api types', () => {
  it('schema.d.ts matches openapi.json (run `npm run openapi:web` after the api changes)', async () => {
    const spec = JSON.parse(readFileSync(root('openapi.json'), 'utf8'));
    const generated = astToString(await openapiTS(spec, { defaultNonNullable: false })); // as `npm run openapi:web`
    const committed = readFileSync(root('apps/web/src/api/schema.d.ts'), 'utf8');
    const body = (s: string) => s.replace(/^\/\*\*[\s\S]*?\*\/\s*/, '').trim();
    expect(body(committed)).toBe(body(generated));
  });
});
