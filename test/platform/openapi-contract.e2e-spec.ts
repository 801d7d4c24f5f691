import type { Response } from 'supertest';
import { ContractViolation, OpenApiContract } from '../support/openapi-contract';
import { seedOrg } from '../support/seed';
import { createTestApp, TestApp } from '../support/test-app';

/** The response checker every e2e test goes through (test/support/openapi-contract.ts) catches what it must. */
describe('responses held to the OpenAPI document (e2e)', () => {
  let t: TestApp;
  let contract: OpenApiContract;

  beforeAll(async () => {
    t = await createTestApp();
    contract = new OpenApiContract((await t.app.inject({ method: 'GET', url: '/api/docs-json' })).json());
  });
  afterAll(() => t.close());

  const json = (status: number, body: unknown): Response =>
    ({ status, headers: { 'content-type': 'application/json; charset=utf-8' }, body, text: JSON.stringify(body) }) as unknown as Response;
  const unit = { id: '7d1f0c7e-9a56-4b67-8d1e-3c4c3f0f5a11', name: '第一党支部', parentId: null };

  it('accepts a documented response, null included where the document says nullable', () => {
    expect(contract.check('GET', '/api/v1/units', json(200, [unit]))).toEqual([]);
  });

  it('names the operation and the JSON path of a body that breaks the schema', () => {
    expect(contract.check('GET', '/api/v1/units?x=1', json(200, [{ ...unit, name: 1, extra: true }]))).toEqual([
      expect.stringMatching(/^GET \/api\/v1\/units → 200: body\/0 has a property the document does not declare: extra$/),
      expect.stringMatching(/^GET \/api\/v1\/units → 200: body\/0\/name must be string/),
    ]);
    expect(contract.check('GET', '/api/v1/units', json(200, [{ ...unit, id: null }]))).toEqual([expect.stringMatching(/body\/0\/id must be string/)]);
  });

  it('refuses a status code the operation does not list, and a content type it does not name', () => {
    expect(contract.check('GET', '/api/v1/units', json(418, { statusCode: 418, message: 'no', error: 'I’m a teapot' }))).toEqual([
      expect.stringMatching(/^GET \/api\/v1\/units answered 418, which the document does not list/),
    ]);
    const csv = { status: 200, headers: { 'content-type': 'text/csv' }, body: {}, text: 'a,b' } as unknown as Response;
    expect(contract.check('GET', '/api/v1/units', csv)).toEqual([expect.stringMatching(/content type text\/csv is not one the document lists/)]);
  });

  it('matches a literal segment before a parameter and checks error bodies of unknown routes', () => {
    expect(contract.check('POST', '/api/v1/sessions/series', json(409, { statusCode: 409, message: 'x', error: 'Conflict' }))).toEqual([
      expect.stringMatching(/^POST \/api\/v1\/sessions\/series answered 409/),
    ]);
    expect(contract.check('GET', '/api/v1/nowhere', json(404, { statusCode: 404, message: 'Cannot GET /api/v1/nowhere', error: 'Not Found' }))).toEqual([]);
    expect(contract.check('GET', '/api/v1/nowhere', json(404, { message: 'x' }))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^GET \/api\/v1\/nowhere \(not in the document\): body misses required property statusCode$/)]),
    );
  });

  it('fails the request of a test through http() when the response breaks the document', async () => {
    const check = jest.spyOn(OpenApiContract.prototype, 'check').mockReturnValueOnce(['GET /api/v1/health → 200: body/status must be string']);
    try {
      await expect(t.http().get('/api/v1/health').expect(200)).rejects.toThrow(ContractViolation);
    } finally {
      check.mockRestore();
    }
    await t.http().get('/api/v1/health').expect(200);
  });

  it('checks real responses: public, protected, validation errors and unknown routes', async () => {
    const seed = await seedOrg(t);
    await t.http().get('/api/v1/units').expect(401);
    const admin = seed.auth('admin');
    await t.http().get('/api/v1/units').set('Authorization', admin).expect(200);
    await t.http().post('/api/v1/units').set('Authorization', admin).send({ name: '', bogus: 1 }).expect(400);
    await t.http().get('/api/v1/nowhere').set('Authorization', admin).expect(404);
  });
});
