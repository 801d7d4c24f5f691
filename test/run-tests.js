// `npm test`: the web app's component tests (Vitest, apps/web/src/**/*.test.tsx), then Jest (unit specs
// and the end-to-end specs, the browser ones included). Arguments go to Jest, and then only Jest runs
// (`npm test -- test/x.e2e-spec.ts`), unless an argument names apps/web: then only Vitest runs, with them.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const args = process.argv.slice(2);
const run = (argv) => spawnSync(process.execPath, argv, { cwd: root, stdio: 'inherit' }).status ?? 1;
const vitest = (extra) => run([join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'apps/web/vite.config.mts', ...extra]);
const jest = (extra) =>
  run(['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', join(root, 'node_modules/jest/bin/jest.js'), '--config', 'test/jest.config.js', ...extra]);

const webArgs = args.some((a) => a.includes('apps/web'));
let status = 0;
if (webArgs) status = vitest(args.map((a) => a.replace(/^apps\/web\//, '')));
else {
  if (args.length === 0) status = vitest([]);
  status = jest(args) || status;
}
process.exit(status);
