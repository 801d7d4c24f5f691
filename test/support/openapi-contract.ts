import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';

/**
 * Every response an e2e test receives is held to the api's own OpenAPI document (/api/docs-json):
 * the status code is listed for the operation, the content type is one the document names for that
 * status, and the body matches its schema (Ajv, OpenAPI 3.0 `nullable` included). A mismatch fails the
 * test that received the response, naming the operation and the JSON path.
 *
 * Paths outside the document (the docs themselves, Bull Board) are not checked; a request to an
 * /api/v1 path or method that the document does not have must get a documented-style 404/405 error body.
 */

type Schema = Record<string, unknown>;
interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const API_PREFIX = '/api/v1/';
const REF_PREFIX = '#/components/schemas/';
const SCHEMA_ID = 'urn:qf:schema:';
const ERROR_BODY = 'ErrorBodyDto';

export class ContractViolation extends Error {
  name = 'ContractViolation';
}

export class OpenApiContract {
  private readonly ajv: Ajv;
  private readonly routes: { method: string; template: string; pattern: RegExp; params: number; operation: Operation }[] = [];
  private readonly validators = new Map<Schema, ValidateFunction>();

  constructor(document: OpenApiDocument) {
    // strict: false — OpenAPI 3.0 schemas carry keywords JSON Schema does not know (example, xml…).
    this.ajv = new Ajv({ allErrors: true, strict: false, discriminator: true });
    addFormats(this.ajv);
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
      this.ajv.addSchema(closeObjects(rewriteRefs(schema)), SCHEMA_ID + name);
    }
    for (const [template, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
        const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
        this.routes.push({ method: method.toUpperCase(), template, pattern: new RegExp(`^${source}/?$`), params: (template.match(/\{/g) ?? []).length, operation });
      }
    }
    // A literal segment wins over a parameter (`/sessions/series` before `/sessions/{id}`), as in the router.
    this.routes.sort((a, b) => a.params - b.params);
  }

  /** The violations of one response, or an empty list. */
  check(method: string, url: string, res: Response): string[] {
    // The path as sent, not normalised: `/users/..` reaches the router as `/users/:id` with id `..`.
    const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/[?#].*$/, '') || '/';
    if (!path.startsWith(API_PREFIX)) return [];
    const onPath = this.routes.filter((r) => r.pattern.test(path));
    const route = onPath.find((r) => r.method === method.toUpperCase());
    const name = route ? `${route.method} ${route.template}` : `${method.toUpperCase()} ${path} (not in the document)`;
    if (!route) {
      if (res.status === 404 || res.status === 405) return this.checkBody(name, res, { $ref: REF_PREFIX + ERROR_BODY });
      return [`${name} answered ${res.status}: only 404 is expected for a route the document does not have`];
    }
    const responses = route.operation.responses;
    const declared = responses[String(res.status)] ?? responses[`${String(res.status)[0]}XX`] ?? responses.default;
    if (!declared) {
      return [`${name} answered ${res.status}, which the document does not list (it lists ${Object.keys(responses).join(', ')})`];
    }
    const contentType = String(res.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const hasBody = res.status !== 204 && res.status !== 304 && (res.text ? res.text.length > 0 : Number(res.headers['content-length'] ?? 0) > 0 || Buffer.isBuffer(res.body));
    const content = declared.content;
    if (!content || Object.keys(content).length === 0) {
      return hasBody ? [`${name} → ${res.status}: the document declares no body, but the response has a ${contentType || 'untyped'} body`] : [];
    }
    if (!hasBody) return [`${name} → ${res.status}: the document declares a ${Object.keys(content).join(' or ')} body, but the response has none`];
    const media = content[contentType];
    if (!media) return [`${name} → ${res.status}: content type ${contentType || '(none)'} is not one the document lists (${Object.keys(content).join(', ')})`];
    if (!contentType.includes('json') || !media.schema) return [];
    return this.checkBody(`${name} → ${res.status}`, res, media.schema);
  }

  private checkBody(name: string, res: Response, schema: Schema): string[] {
    let validate = this.validators.get(schema);
    if (!validate) {
      validate = this.ajv.compile(rewriteRefs(schema));
      this.validators.set(schema, validate);
    }
    let body: unknown = res.body;
    if (res.text !== undefined && (body === undefined || (typeof body === 'object' && body !== null && Object.keys(body).length === 0 && res.text.trim() !== '{}'))) {
      try {
        body = JSON.parse(res.text);
      } catch {
        return [`${name}: the body is not JSON: ${res.text.slice(0, 200)}`];
      }
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${name}: body${e.instancePath || ''} ${describe(e)}`);
  }
}

function describe(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return `has a property the document does not declare: ${String(e.params.additionalProperty)}`;
  if (e.keyword === 'required') return `misses required property ${String(e.params.missingProperty)}`;
  return `${e.message ?? e.keyword} (schema ${e.schemaPath})${e.keyword === 'type' || e.keyword === 'enum' ? '' : ''}`;
}

/**
 * A response may not carry properties its schema does not declare (an undocumented field is a
 * contract the client cannot see): object schemas without `additionalProperties` are closed.
 */
function closeObjects(schema: Schema): Schema {
  if (schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
  for (const child of Object.values((schema.properties as Record<string, Schema>) ?? {})) closeObjects(child);
  if (schema.items) closeObjects(schema.items as Schema);
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) for (const child of (schema[key] as Schema[]) ?? []) closeObjects(child);
  return schema;
}

/** `#/components/schemas/X` → the id under which X was added to Ajv. */
function rewriteRefs(schema: unknown): Schema {
  return JSON.parse(JSON.stringify(schema), (key, value) =>
    key === '$ref' && typeof value === 'string' && value.startsWith(REF_PREFIX) ? SCHEMA_ID + value.slice(REF_PREFIX.length) : value,
  );
}

/**
 * supertest's entry (`request(server)`) whose every Test is checked against the contract: the check runs
 * in supertest's `assert` step, so both `await` and `.expect(…)` chains see a violation as the error.
 */
export function contractChecked<T extends object>(agent: T, contract: () => OpenApiContract | undefined): T {
  return new Proxy(agent, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (url: string) => {
        const test = value.call(target, url);
        const assert = test.assert;
        test.assert = function (resError: unknown, res: Response | undefined, fn: (err: unknown, res?: Response) => void) {
          const checker = contract();
          const violations = res && checker ? checker.check(test.method, test.url, res) : [];
          if (violations.length) {
            return fn.call(this, new ContractViolation(`response breaks the OpenAPI document:\n  - ${violations.join('\n  - ')}`), res);
          }
          return assert.call(this, resError, res, fn);
        };
        return test;
      };
    },
  });
}
