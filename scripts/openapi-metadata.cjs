// The @nestjs/swagger CLI plugin's metadata (JSDoc descriptions, class-validator limits, property types)
// written to a TypeScript file that SwaggerModule.loadPluginMetadata() reads: NestJS's way to get the
// plugin's output under SWC (the tests) and tsc (the build) alike, so that both serve the same document.
const path = require('node:path');
const ts = require('typescript');
const { PluginMetadataGenerator } = require('@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator');
const { ReadonlyVisitor } = require('@nestjs/swagger/plugin');

const root = path.resolve(__dirname, '..');
const OUTPUT_DIR = path.join(root, 'apps/api/src'); // the plugin writes imports relative to pathToSource
const FILENAME = 'swagger-metadata.ts';

/** The TypeScript program of the api's build (apps/api/tsconfig.app.json), not type-checked. */
function apiProgram() {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(root, 'apps/api/tsconfig.app.json'), undefined, ts.sys);
  if (!parsed || parsed.errors.length) throw new Error(`apps/api/tsconfig.app.json: ${ts.formatDiagnostics(parsed?.errors ?? [], ts.createCompilerHost({}))}`);
  return ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences });
}

/** Writes apps/api/src/swagger-metadata.ts (or `filename` in `outputDir`) from the api's sources. */
function generatePluginMetadata(filename = FILENAME, outputDir = OUTPUT_DIR) {
  const cwd = process.cwd();
  process.chdir(root);
  try {
    new PluginMetadataGenerator().generate({
      visitors: [new ReadonlyVisitor({ introspectComments: true, classValidatorShim: true, pathToSource: path.join(root, 'apps/api/src') })],
      outputDir, // the imports it writes are relative to pathToSource, wherever the file goes
      filename,
      watch: false,
      // Our own program: given only a tsconfig, the generator type-checks the whole api first (what
      // `npm run typecheck` does), which more than doubles the time and lists union members (the enums)
      // in checking order rather than in the order the source declares them.
      tsProgramRef: apiProgram(),
      printDiagnostics: false,
    });
  } finally {
    process.chdir(cwd);
  }
  return path.join(outputDir, filename);
}

module.exports = { generatePluginMetadata, OUTPUT_DIR, FILENAME };
