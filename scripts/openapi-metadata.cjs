// The @nestjs/swagger CLI plugin's metadata (JSDoc descriptions, class-validator limits, property types)
// written to a TypeScript file that SwaggerModule.loadPluginMetadata() reads: NestJS's way to get the
// plugin's output under SWC (the tests) and tsc (the build) alike, so that both serve the same document.
const path = require('node:path');
const { PluginMetadataGenerator } = require('@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator');
const { ReadonlyVisitor } = require('@nestjs/swagger/plugin');

const root = path.resolve(__dirname, '..');
const OUTPUT_DIR = path.join(root, 'apps/api/src'); // the plugin writes imports relative to pathToSource
const FILENAME = 'swagger-metadata.ts';

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
      tsconfigPath: 'apps/api/tsconfig.app.json',
      printDiagnostics: false,
    });
  } finally {
    process.chdir(cwd);
  }
  return path.join(outputDir, filename);
}

module.exports = { generatePluginMetadata, OUTPUT_DIR, FILENAME };
