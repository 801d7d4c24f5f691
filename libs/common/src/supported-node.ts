/**
 * The Node versions Qingfeng runs on. Imported FIRST by every entry point (api, worker, cli), so a
 * wrong Node stops with a message before any native module (argon2, built for the Node 24 that the
 * npm scripts run) is loaded — on Node 20 that load segfaults. Run the processes through npm
 * (`npm run start:api`, `npm run start:worker`, `npm run cli -- …`): npm scripts use the pinned
 * `node` devDependency. Keep in step with package.json `engines`.
 */
export const MIN_NODE = { major: 24, minor: 9 } as const;

/** Why `version` cannot run Qingfeng, or undefined when it can. */
export function unsupportedNodeMessage(version: string): string | undefined {
  const [major, minor] = version.split('.').map(Number);
  if (major > MIN_NODE.major || (major === MIN_NODE.major && minor >= MIN_NODE.minor)) return undefined;
  return (
    `Qingfeng needs Node >= ${MIN_NODE.major}.${MIN_NODE.minor}; this is Node ${version}. ` +
    'Its native modules are built for the Node 24 that the npm scripts run: use `npm start`, `npm run start:api`, ' +
    '`npm run start:worker` or `npm run cli -- <command>` instead of calling `node` yourself.'
  );
}

const message = typeof process !== 'undefined' && process.versions?.node ? unsupportedNodeMessage(process.versions.node) : undefined;
if (message) {
  console.error(message);
  process.exit(1);
}
