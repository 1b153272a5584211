// `npm run bench:activation`: what activation costs. Builds the production bundle, then in a fresh
// Node process per run requires dist/extension.js with a stand-in `vscode` module and awaits
// `activate` with a minimal fake context. Prints the median of the runs, the bundle size, and
// whether undici's module body ran (it must not before the first request), and whether the
// first-use half (dist/features.js: every command but the tree's own) was read (it must not be).
//
// The stand-in answers every property access, call and `new` with another stand-in, so the
// figure is the extension's own work: module evaluation plus the registrations activation makes.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';

const RUNS = 7;
const root = path.resolve(__dirname, '../..');
const bundle = path.join(root, 'dist/extension.js');
/** Builtins only undici requires in the bundle: seeing one means its module body was evaluated. */
const UNDICI_ONLY = ['node:http2', 'node:sqlite', 'node:dns', './undici.js'];

// Runs in the child, as plain CommonJS: the patch of Module._load exists only there.
const CHILD = String.raw`
const Module = require('node:module');
const bundle = process.argv[1];
const builtins = new Set();
function stub() {
  const own = new Map();
  const target = function () {};
  return new Proxy(target, {
    get(_t, key) {
      if (own.has(key)) return own.get(key);
      // Not a thenable, not iterable as anything but empty, and printable.
      if (key === 'then') return undefined;
      if (key === Symbol.iterator) return function* () {};
      if (key === Symbol.toPrimitive) return () => '';
      if (key === 'prototype') return target.prototype;
      const child = stub();
      own.set(key, child);
      return child;
    },
    set(_t, key, value) {
      own.set(key, value);
      return true;
    },
    apply: () => stub(),
    construct: () => stub(),
  });
}
// The bundle copies the module's own keys into a namespace object created with the module's
// prototype (esbuild's __toESM), so every name must also resolve through the prototype.
const names = stub();
const vscode = new Proxy({}, { get: (_t, key) => names[key], getPrototypeOf: () => names });
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'vscode') return vscode;
  if (request.startsWith('node:')) builtins.add(request);
  if (request === './undici.js' || request === './features.js') builtins.add(request);
  return load.call(this, request, ...rest);
};
const memento = () => ({ get: (_key, fallback) => fallback, update: async () => {}, keys: () => [], setKeysForSync() {} });
const context = {
  subscriptions: [],
  secrets: { get: async () => undefined, store: async () => {}, delete: async () => {}, onDidChange: () => ({ dispose() {} }) },
  workspaceState: memento(),
  globalState: memento(),
  extensionUri: vscode.Uri.file(require('node:path').dirname(bundle)),
  extensionPath: require('node:path').dirname(bundle),
  asAbsolutePath: (relative) => relative,
  extensionMode: 1,
};
(async () => {
  const started = performance.now();
  const extension = require(bundle);
  const required = performance.now();
  await extension.activate(context);
  const activated = performance.now();
  process.stdout.write(JSON.stringify({
    requireMs: required - started,
    totalMs: activated - started,
    builtins: [...builtins],
  }));
  for (const disposable of context.subscriptions) {
    try { disposable.dispose(); } catch {}
  }
  process.exit(0);
})().catch((error) => {
  process.stderr.write(String(error && error.stack || error));
  process.exit(1);
});
`;

interface Run {
  readonly requireMs: number;
  readonly totalMs: number;
  readonly builtins: readonly string[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function main(): void {
  const build = spawnSync(process.execPath, ['esbuild.js', '--production'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('production build failed');
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    const child = spawnSync(process.execPath, ['-e', CHILD, bundle], { cwd: root, encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`run ${i + 1} failed: ${child.stderr}`);
    runs.push(JSON.parse(child.stdout) as Run);
  }
  const undiciLoaded = runs.some((run) => run.builtins.some((name) => UNDICI_ONLY.includes(name)));
  const kib = statSync(bundle).size / 1024;
  console.log(`activation (require + activate), median of ${RUNS}: ${median(runs.map((run) => run.totalMs)).toFixed(1)} ms`);
  console.log(`  of which require:                         ${median(runs.map((run) => run.requireMs)).toFixed(1)} ms`);
  console.log(`  runs: ${runs.map((run) => run.totalMs.toFixed(1)).join(', ')} ms`);
  const kibOf = (file: string): string => (statSync(path.join(root, 'dist', file)).size / 1024).toFixed(0);
  console.log(
    `bundle dist/extension.js: ${kib.toFixed(0)} KiB (+ dist/features.js ${kibOf('features.js')} KiB, read on the first use of a ` +
      `command, and dist/undici.js ${kibOf('undici.js')} KiB, read on the first request)`,
  );
  const featuresLoaded = runs.some((run) => run.builtins.includes('./features.js'));
  console.log(`features.js evaluated at activation: ${featuresLoaded ? 'YES' : 'no'}`);
  console.log(`undici evaluated at activation: ${undiciLoaded ? 'YES' : 'no'} (builtins only undici requires: ${UNDICI_ONLY.join(', ')})`);
}

main();
