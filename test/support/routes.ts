import type { TestApp } from './test-app';

export interface ApiRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, e.g. `/api/v1/sessions/{id}`. */
  path: string;
  operation: Record<string, any>;
}

/** Every operation of the OpenAPI document the app serves: the routes it registers. */
export async function apiRoutes(t: TestApp): Promise<{ routes: ApiRoute[]; doc: Record<string, any> }> {
  const res = await t.http().get('/api/docs-json').expect(200);
  const doc = res.body;
  const routes: ApiRoute[] = [];
  for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      if (item[method]) routes.push({ method, path, operation: item[method] });
    }
  }
  return { routes, doc };
}

/** Fills `{param}` placeholders. */
export function fillPath(path: string, value: (name: string) => string): string {
  return path.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(value(name)));
}

/** Property names of an operation's JSON request body (resolving one $ref level). */
export function bodyProperties(doc: Record<string, any>, op: Record<string, any>): string[] {
  let schema = op.requestBody?.content?.['application/json']?.schema;
  if (schema?.$ref) schema = doc.components?.schemas?.[schema.$ref.split('/').pop()];
  return Object.keys(schema?.properties ?? {});
}
