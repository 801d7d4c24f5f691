import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildStandaloneDocument } from './standalone-document';

/** openapi.json at the repository root: what client developers and the web app's generated types read. */
export const OPENAPI_FILE = join(__dirname, '..', '..', '..', '..', 'openapi.json');

/** The document as openapi.json holds it (stable key order from the builder, two-space indent, final newline). */
export async function openApiFileContent(): Promise<string> {
  return `${JSON.stringify(await buildStandaloneDocument(), null, 2)}\n`;
}

export async function writeOpenApiFile(): Promise<string> {
  await writeFile(OPENAPI_FILE, await openApiFileContent());
  return OPENAPI_FILE;
}
