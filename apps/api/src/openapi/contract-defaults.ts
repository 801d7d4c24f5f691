import type { OpenAPIObject } from '@nestjs/swagger';

type SchemaObject = { type?: string; nullable?: boolean; properties?: Record<string, SchemaObject>; items?: SchemaObject; allOf?: SchemaObject[]; oneOf?: SchemaObject[]; anyOf?: SchemaObject[]; [key: string]: unknown };
type ResponseObject = { description: string; content?: Record<string, { schema?: SchemaObject | { $ref: string } }> };
type OperationObject = {
  responses: Record<string, ResponseObject>;
  security?: Record<string, string[]>[];
  parameters?: { in: string; schema?: SchemaObject }[];
  requestBody?: { content?: Record<string, { schema?: SchemaObject | { $ref: string } }> };
};

/** Set by `@Public()` on an operation; turned into `security: []` here and then removed. */
export const PUBLIC_EXTENSION = 'x-qf-public';
const BEARER = 'bearer';
export const ERROR_BODY_REF = '#/components/schemas/ErrorBodyDto';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

/**
 * The errors every operation may answer; 401/403 only when a token is needed, 404 only when the request
 * names an object by id (a path parameter, a uuid query parameter or a uuid field of the body).
 */
const DEFAULT_ERRORS: Record<string, { description: string; when?: (op: { secured: boolean; refersById: boolean }) => boolean }> = {
  '400': { description: 'Bad input: `message` lists the broken rules (validation), or names the malformed body or parameter' },
  '401': { description: 'Missing or invalid token', when: (o) => o.secured },
  '403': { description: 'The caller’s role or scope forbids it, or a password change is required first', when: (o) => o.secured },
  '404': { description: 'Missing, or not visible to the caller (existence is never leaked)', when: (o) => o.refersById },
  '413': { description: 'Body larger than 256 KiB' },
  '415': { description: 'Body of a content type this operation does not accept (JSON only, unless listed)' },
  '429': { description: 'Rate limited' },
  '500': { description: 'Unexpected server error; `errorId` names the log entry (never caused by client input)' },
  '503': { description: 'The database is busy or was lost mid-request; nothing was changed, retry' },
};

/**
 * The rules every operation follows, applied in one place so that new routes get them by default:
 * explicit security (`[]` for public operations, the bearer scheme for all others), the error
 * responses the api can give with the shared error body, nullable references a JSON Schema validator
 * reads as nullable, and binary bodies for file downloads.
 */
export function applyContractDefaults(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = item[method] as (OperationObject & Record<string, unknown>) | undefined;
      if (!op) continue;
      const secured = op[PUBLIC_EXTENSION] !== true;
      delete op[PUBLIC_EXTENSION];
      op.security = secured ? [{ [BEARER]: [] }] : [];
      const refersById = path.includes('{') || refersToObjects(op, document);
      for (const [status, { description, when }] of Object.entries(DEFAULT_ERRORS)) {
        if (!op.responses[status] && (!when || when({ secured, refersById }))) op.responses[status] = { description };
      }
      for (const [status, response] of Object.entries(op.responses)) {
        const res = response as ResponseObject;
        if (Number(status) >= 400 && !res.content) res.content = { 'application/json': { schema: { $ref: ERROR_BODY_REF } } };
        for (const [type, media] of Object.entries(res.content ?? {})) {
          if (!type.includes('json') && (!media.schema || Object.keys(media.schema).length === 0)) media.schema = { type: 'string', format: 'binary' };
        }
      }
      op.responses = Object.fromEntries(Object.entries(op.responses).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
  for (const schema of Object.values(document.components?.schemas ?? {})) walkSchema(schema as SchemaObject);
  return document;
}

/** A uuid query parameter, or a uuid property of the JSON body (one level down, arrays included). */
function refersToObjects(op: OperationObject, document: OpenAPIObject): boolean {
  const isId = (s: SchemaObject | undefined) => s?.format === 'uuid' || (s?.items as SchemaObject | undefined)?.format === 'uuid';
  if ((op.parameters ?? []).some((p) => p.in === 'query' && isId(p.schema))) return true;
  const body = op.requestBody?.content?.['application/json']?.schema;
  const resolve = (s: SchemaObject | { $ref: string } | undefined): SchemaObject | undefined =>
    s && '$ref' in s && typeof s.$ref === 'string' ? (document.components?.schemas?.[s.$ref.split('/').pop()!] as SchemaObject) : (s as SchemaObject | undefined);
  const schema = resolve(body);
  return Object.values(schema?.properties ?? {}).some((p) => {
    const prop = resolve(p as SchemaObject);
    return isId(prop) || Object.values(resolve(prop?.items as SchemaObject)?.properties ?? resolve(prop)?.properties ?? {}).some((q) => isId(resolve(q as SchemaObject)));
  });
}

/**
 * `nullable` counts only next to a `type` of the same schema (OpenAPI 3.0.3), so a nullable reference
 * (`{nullable, allOf: [$ref]}`, as @nestjs/swagger writes it) does not admit null to a validator or a
 * client generator: it becomes `{type: object, nullable, oneOf: [$ref, null]}`.
 */
function walkSchema(schema: SchemaObject): void {
  if (schema.nullable && (!schema.type || schema.type === 'object') && !schema.properties && schema.allOf?.length === 1 && !schema.oneOf && !schema.anyOf) {
    // The outer `type` + `nullable` admit null; `oneOf` then holds null to its null branch, an object to the reference.
    schema.oneOf = [schema.allOf[0], { type: 'object', nullable: true, enum: [null] }];
    schema.type = 'object';
    delete schema.allOf;
  }
  for (const child of Object.values(schema.properties ?? {})) walkSchema(child as SchemaObject);
  if (schema.items) walkSchema(schema.items as SchemaObject);
  for (const child of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) walkSchema(child as SchemaObject);
}
