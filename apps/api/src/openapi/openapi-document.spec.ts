import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { OPENAPI_FILE, openApiFileContent } from './openapi-file';

const root = join(__dirname, '..', '..', '..', '..');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
type Json = Record<string, any>;

describe('the OpenAPI document', () => {
  let content: string;
  let doc: Json;
  beforeAll(async () => {
    content = await openApiFileContent();
    doc = JSON.parse(content);
  });

  function operations(): [string, Json][] {
    return Object.entries(doc.paths as Json).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m): [string, Json] => [`${m.toUpperCase()} ${path}`, item[m]]),
    );
  }

  it('is the committed openapi.json (else run `npm run openapi` and commit the file)', async () => {
    const committed = await readFile(OPENAPI_FILE, 'utf8').catch(() => '');
    if (committed !== content) throw new Error('openapi.json is stale: run `npm run openapi` and commit openapi.json');
  });

  it('is built from the current swagger plugin metadata, apps/api/src/swagger-metadata.ts (else run `npm run openapi`)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qf-swagger-metadata-'));
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { generatePluginMetadata, OUTPUT_DIR, FILENAME } = require(join(root, 'scripts', 'openapi-metadata.cjs'));
      const fresh = await readFile(generatePluginMetadata(FILENAME, dir), 'utf8');
      const committed = await readFile(join(OUTPUT_DIR, FILENAME), 'utf8');
      if (committed !== fresh) throw new Error('apps/api/src/swagger-metadata.ts is stale: run `npm run openapi` and commit it with openapi.json');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('passes Redocly’s recommended lint (redocly.yaml) with zero errors, offline', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qf-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      await writeFile(file, content);
      const cli = join(root, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
      const run = await promisify(execFile)(process.execPath, [cli, 'lint', file, '--config', join(root, 'redocly.yaml'), '--format', 'json'], {
        cwd: dir,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
        maxBuffer: 16 * 1024 * 1024,
      }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
      const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
      const errors = report.problems.filter((p: Json) => p.severity === 'error').map((p: Json) => `${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer}`);
      expect(errors).toEqual([]);
      expect(report.totals.errors).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('names a server and a license', () => {
    expect(doc.servers.length).toBeGreaterThan(0);
    expect(doc.info.license.name).toBeTruthy();
  });

  it('says on every operation whether it is public (security: []) or needs the bearer token', () => {
    const publicOps = operations().filter(([, op]) => op.security.length === 0).map(([name]) => name);
    expect(publicOps.sort()).toEqual(['GET /api/v1/health', 'POST /api/v1/auth/login']);
    for (const [name, op] of operations()) {
      if (op.security.length) expect({ name, security: op.security }).toEqual({ name, security: [{ bearer: [] }] });
      if (op.security.length) expect({ name, has401: !!op.responses['401'], has403: !!op.responses['403'] }).toEqual({ name, has401: true, has403: true });
    }
  });

  it('gives every error response of every operation the shared error body', () => {
    for (const [name, op] of operations()) {
      for (const status of ['400', '413', '415', '429', '500']) expect({ name, status, listed: !!op.responses[status] }).toEqual({ name, status, listed: true });
      if (name.includes('{')) expect({ name, has404: !!op.responses['404'] }).toEqual({ name, has404: true });
      for (const [status, res] of Object.entries(op.responses as Json)) {
        if (Number(status) < 400 || (name === 'GET /api/v1/health' && status === '503')) continue;
        expect({ name, status, schema: res.content?.['application/json']?.schema }).toEqual({ name, status, schema: { $ref: '#/components/schemas/ErrorBodyDto' } });
      }
    }
  });

  it('types every property: no `string | null` left as an untyped object (give it `type: String`)', () => {
    const untyped: string[] = [];
    const walk = (schema: Json, at: string) => {
      if (!schema || typeof schema !== 'object') return;
      if (schema.type === 'object' && !schema.properties && !schema.additionalProperties && !schema.oneOf && !schema.allOf && !schema.enum) untyped.push(at);
      for (const [key, child] of Object.entries((schema.properties as Json) ?? {})) walk(child, `${at}.${key}`);
      if (schema.items) walk(schema.items, `${at}[]`);
    };
    for (const [name, schema] of Object.entries(doc.components.schemas as Json)) walk(schema, name);
    expect(untyped).toEqual([]);
  });

  it('declares the content types of downloads', () => {
    const exportOk = doc.paths['/api/v1/audit/attendance/export'].get.responses['200'];
    expect(Object.keys(exportOk.content).sort()).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv']);
  });
});
