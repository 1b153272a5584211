// The set-up check of `npm start` / `npm test`, run as the real CLI with a stubbed package query:
// dpkg-query, apt-get, sudo and npm are small scripts first on PATH, so nothing is installed or
// uninstalled on this machine.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..');
const SETUP = path.join(ROOT, 'test', 'e2e', 'harness', 'setup.ts');
const INSTALL = path.join(ROOT, 'test', 'e2e', 'harness', 'install.ts');
const ALL = ['libkrb5-dev', 'g++', 'make', 'python3', 'chromium'];
const UNPRIVILEGED = 65_534;

let scratch: string;
before(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'setup-test-'));
  // Readable by the unprivileged user the first case runs as.
  await fs.chmod(scratch, 0o755);
});
after(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

interface Stubs {
  /** Packages dpkg-query reports installed before apt runs. */
  installed?: string[];
  aptFails?: boolean;
  sudoWorks?: boolean;
  /** Lines a failing `npm` prints. */
  npmFailure?: string[];
}

interface Case {
  dir: string;
  cache: string;
  calls: string;
  env: NodeJS.ProcessEnv;
}

let counter = 0;
async function makeCase(stubs: Stubs): Promise<Case> {
  const dir = path.join(scratch, `case-${counter++}`);
  const bin = path.join(dir, 'bin');
  const state = path.join(dir, 'installed');
  const cache = path.join(dir, 'cache');
  const calls = path.join(dir, 'calls');
  await fs.mkdir(bin, { recursive: true });
  await fs.mkdir(state, { recursive: true });
  await fs.mkdir(cache, { recursive: true });
  for (const pkg of stubs.installed ?? []) await fs.writeFile(path.join(state, pkg), '');
  const script = async (name: string, body: string): Promise<void> => {
    await fs.writeFile(path.join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  };
  await script(
    'dpkg-query',
    `[ "$1" = --version ] && exit 0
pkg=$3
if [ -e "${state}/$pkg" ]; then printf 'install ok installed'; exit 0; fi
echo "dpkg-query: no packages found matching $pkg" >&2; exit 1`,
  );
  await script(
    'apt-get',
    `echo "apt-get $*" >> "${calls}"
${stubs.aptFails ? 'i=0; while [ $i -lt 200 ]; do echo "apt noise $i"; i=$((i+1)); done; echo "E: Unable to locate package libkrb5-dev" >&2; exit 100' : ''}
if [ "$1" = install ]; then for a in "$@"; do case "$a" in -*|install) ;; *) : > "${state}/$a";; esac; done; fi
exit 0`,
  );
  await script('sudo', stubs.sudoWorks ? `[ "$1" = -n ] && shift\nexec "$@"` : `echo "sudo: a password is required" >&2; exit 1`);
  const failure = (stubs.npmFailure ?? []).map((line) => `echo '${line}'`).join('\n');
  await script('npm', `echo "npm $*" >> "${calls}"\n${failure}\nexit 1`);
  await fs.chmod(dir, 0o755);
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, E2E_CACHE_DIR: cache };
  delete env.E2E_CHROMIUM;
  return { dir, cache, calls, env };
}

interface Run {
  code: number | null;
  stderr: string;
  stdout: string;
}

function run(args: string[], env: NodeJS.ProcessEnv, options: { unprivileged?: boolean } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const asRoot = process.getuid?.() === 0;
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: ROOT,
      env: options.unprivileged && asRoot ? { ...env, HOME: os.tmpdir() } : env,
      // As root, drop to nobody so "cannot install" is real; otherwise this user already cannot.
      ...(options.unprivileged && asRoot ? { uid: UNPRIVILEGED, gid: UNPRIVILEGED } : {}),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function readCalls(file: string): Promise<string[]> {
  return existsSync(file) ? (await fs.readFile(file, 'utf8')).trim().split('\n') : [];
}

test('missing packages without root or sudo: stops at once with the exact command and exit 2', async () => {
  const c = await makeCase({ installed: ['g++', 'make', 'python3'] });
  const result = await run([SETUP, '--for', 'test'], c.env, { unprivileged: true });
  assert.equal(result.code, 2, result.stderr);
  const lines = result.stderr.trim().split('\n');
  assert.deepEqual(lines, [
    "[setup] missing Debian packages (libkrb5-dev: code-server's kerberos module compiles against gssapi.h; chromium: the end-to-end tests drive /usr/bin/chromium).",
    '[setup] Run: sudo apt-get update && sudo apt-get install -y --no-install-recommends libkrb5-dev chromium',
    '[setup] then run the same npm command again.',
  ]);
  assert.deepEqual(await readCalls(c.calls), [], 'neither apt nor npm ran');
});

test('as root or with passwordless sudo: installs what is missing with apt, saying so in one line', async () => {
  // Root runs apt-get itself; anyone else goes through the stub sudo, which runs the same apt-get.
  const c = await makeCase({ installed: ['make'], sudoWorks: true });
  const result = await run([SETUP, '--for', 'test'], c.env);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(result.stderr.trim().split('\n'), [
    "[setup] installing libkrb5-dev g++ python3 chromium with apt (libkrb5-dev: code-server's kerberos module compiles against gssapi.h; g++: node-gyp compiles code-server's native modules; python3: node-gyp runs on Python; chromium: the end-to-end tests drive /usr/bin/chromium)",
  ]);
  assert.deepEqual(await readCalls(c.calls), [
    'apt-get update -q',
    'apt-get install -y -q --no-install-recommends libkrb5-dev g++ python3 chromium',
  ]);
});

test('npm start does not need Chromium, and a cached code-server needs no build packages', async () => {
  const c = await makeCase({ installed: [] });
  await fs.mkdir(path.join(c.cache, 'code-server-4.139.1'));
  const start = await run([SETUP, '--for', 'start'], c.env, { unprivileged: true });
  assert.equal(start.code, 0, start.stderr);
  assert.equal(start.stderr, '');
  const tests = await run([SETUP, '--for', 'test'], c.env, { unprivileged: true });
  assert.equal(tests.code, 2);
  assert.match(tests.stderr, /Run: sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium\n/);
});

test('apt failing: one short summary naming the log with the full output, exit 1', async () => {
  const c = await makeCase({ installed: ALL.filter((pkg) => pkg !== 'libkrb5-dev'), aptFails: true });
  const result = await run([SETUP, '--for', 'start'], c.env);
  assert.equal(result.code, 1);
  const logFile = path.join(c.cache, 'logs', 'apt.log');
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 3, result.stderr);
  assert.match(lines[1] ?? '', new RegExp(`apt could not install libkrb5-dev \\(apt-get update -q exited 100\\); full output: ${logFile}$`));
  const log = await fs.readFile(logFile, 'utf8');
  assert.match(log, /apt noise 199\n/);
  assert.match(log, /E: Unable to locate package libkrb5-dev/);
});

test('a failing code-server install ends in a short summary, the full npm output in a log', async () => {
  const noise = Array.from({ length: 200 }, (_, i) => `gyp info noise ${i}`);
  const c = await makeCase({
    installed: ALL,
    npmFailure: [...noise.slice(0, 100), '../src/kerberos.h:5:10: fatal error: gssapi/gssapi.h: No such file or directory', ...noise.slice(100)],
  });
  const result = await run([INSTALL], c.env);
  assert.equal(result.code, 1);
  const logFile = path.join(c.cache, 'logs', 'Node-24.21.0.log');
  const last = result.stderr.trim().split('\n').at(-1) ?? '';
  assert.equal(
    last,
    `[e2e] Node 24.21.0: npm install failed (npm install --prefix exited 1); first error: ../src/kerberos.h:5:10: fatal error: gssapi/gssapi.h: No such file or directory. Full output: ${logFile}`,
  );
  assert.ok(result.stderr.split('\n').length < 10, result.stderr);
  assert.doesNotMatch(result.stderr, /gyp info noise/);
  assert.match(await fs.readFile(logFile, 'utf8'), /gyp info noise 199\n/);
});
