#!/usr/bin/env node
// `npm run openapi`: refreshes the swagger plugin metadata (apps/api/src/swagger-metadata.ts, see
// openapi-metadata.cjs) and writes the api's OpenAPI document to openapi.json at the repository root, with no
// server, database or Redis (the module graph in Nest's preview mode: apps/api/src/openapi/standalone-document.ts).
// The TypeScript sources are compiled on the fly by @swc/core with the repository's .swcrc, as the tests do.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..');
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...swcrc, filename, swcrc: false, configFile: false, sourceMaps: false });
  module._compile(code, filename);
};
// The `@qf/<lib>` path alias of tsconfig.json.
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = /^@qf\/([^/]+)(\/.*)?$/.exec(request);
  if (alias) request = path.join(root, 'libs', alias[1], 'src', alias[2] ?? '');
  // swagger-metadata.ts imports the sources as './x.js' (what tsc emits); here they are './x.ts'.
  else if (/^\.{1,2}\/.*\.js$/.test(request)) request = request.slice(0, -3);
  return resolve.call(this, request, ...rest);
};

require('./openapi-metadata.cjs').generatePluginMetadata();
const { writeOpenApiFile } = require(path.join(root, 'apps/api/src/openapi/openapi-file.ts'));
writeOpenApiFile()
  .then((file) => console.log(`wrote ${path.relative(process.cwd(), file)}`))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
