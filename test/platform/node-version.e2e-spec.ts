import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { MIN_NODE, unsupportedNodeMessage } from '../../libs/common/src/supported-node';

const root = resolve(__dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/**
 * Newcomer traps: every documented command runs on the pinned Node, `engines` and the README say
 * which Node that is, and an entry point started with another Node stops with a message instead of
 * segfaulting in a native module built for Node 24.
 */
describe('the Node the processes run on (e2e)', () => {
  it('refuses Node < 24.9 with a message that names the npm scripts, and accepts 24.9+', () => {
    for (const old of ['20.20.2', '22.12.0', '24.8.1']) expect(unsupportedNodeMessage(old)).toMatch(/needs Node >= 24\.9.*npm run start:api.*npm run cli --/);
    for (const ok of ['24.9.0', '24.21.0', '26.1.0']) expect(unsupportedNodeMessage(ok)).toBeUndefined();
    expect(unsupportedNodeMessage(process.versions.node)).toBeUndefined(); // the npm scripts' own Node
  });

  it('checks the Node before anything else in every entry point', () => {
    for (const app of ['api', 'worker', 'cli']) {
      const firstImport = /^import [^\n]+$/m.exec(read(`apps/${app}/src/main.ts`))?.[0];
      expect([app, firstImport]).toEqual([app, "import '../../../libs/common/src/supported-node';"]);
    }
  });

  // The machine's own older Node when it has one (Debian's Node 20 here); else this Node, told it is 20.
  const systemNode = ['/usr/bin/node', '/usr/local/bin/node'].find(
    (bin) => existsSync(bin) && unsupportedNodeMessage(spawnSync(bin, ['-p', 'process.versions.node']).stdout.toString().trim()),
  );
  it(`stops an older Node (${systemNode ?? 'this Node posing as 20.20.2'}) with that message and exit code 1`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'qf-node-'));
    const js = ts.transpileModule(read('libs/common/src/supported-node.ts'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    const file = join(dir, 'supported-node.js');
    writeFileSync(file, js);
    const run = systemNode
      ? spawnSync(systemNode, [file])
      : spawnSync(process.execPath, ['-e', `Object.defineProperty(process.versions, 'node', { value: '20.20.2' }); require(${JSON.stringify(file)})`]);
    expect(run.status).toBe(1);
    expect(run.stderr.toString()).toMatch(/needs Node >= 24\.9/);
  });

  it('has engines, the pinned node and the npm scripts agree, and the README documents only npm commands', () => {
    const pkg = JSON.parse(read('package.json'));
    expect(pkg.engines.node).toBe(`>=${MIN_NODE.major}.${MIN_NODE.minor}.0`);
    expect(unsupportedNodeMessage(pkg.devDependencies.node)).toBeUndefined();
    for (const script of ['start', 'start:api', 'start:worker', 'cli']) expect(pkg.scripts[script]).toMatch(/node dist\/apps\//);
    const readme = read('README.md');
    expect(readme).not.toMatch(/Node ≥ 20|Node >= 20/);
    expect(readme).not.toMatch(/`node dist\/apps/);
    expect(readme).toMatch(/npm run start:api/);
    expect(readme).toMatch(/npm run start:worker/);
  });
});
