// The machine check that runs before anything long in `npm start` and `npm test`: the Debian
// packages code-server's first install compiles against, and Chromium for the browser-driven tests.
// Missing ones are installed with apt when this process may (root, or passwordless sudo), announced
// in one line; otherwise it stops before the ~600 MB download with the exact command to run.
//   tsx test/e2e/harness/setup.ts --for start|test
import { execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface Requirement {
  pkg: string;
  why: string;
}

/**
 * kerberos is a regular (not optional) dependency of VS Code inside code-server, and its build
 * includes gssapi.h; the others are node-gyp's toolchain. Only needed while code-server is not cached.
 */
export const BUILD_PACKAGES: readonly Requirement[] = [
  { pkg: 'libkrb5-dev', why: "code-server's kerberos module compiles against gssapi.h" },
  { pkg: 'g++', why: 'node-gyp compiles code-server\'s native modules' },
  { pkg: 'make', why: 'node-gyp compiles code-server\'s native modules' },
  { pkg: 'python3', why: 'node-gyp runs on Python' },
];

export const BROWSER_PACKAGE: Requirement = { pkg: 'chromium', why: 'the end-to-end tests drive /usr/bin/chromium' };

export type Privilege = 'root' | 'sudo' | 'none';

export interface SetupOptions {
  /** Chromium: the browser-driven tests need it, `npm start` does not. */
  browser: boolean;
  /** The build packages: only a cold code-server install compiles anything. */
  build: boolean;
  /** Where apt's full output goes. */
  logDir: string;
  write?: (line: string) => void;
}

export class SetupError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** `dpkg-query` exits non-zero for a package it does not know; "install ok installed" means present. */
async function isInstalled(pkg: string): Promise<boolean> {
  try {
    const { stdout } = await execFileAsync('dpkg-query', ['-W', '-f=${Status}', pkg]);
    return stdout.trim() === 'install ok installed';
  } catch {
    return false;
  }
}

async function hasDpkg(): Promise<boolean> {
  try {
    await execFileAsync('dpkg-query', ['--version']);
    return true;
  } catch {
    return false;
  }
}

async function privilege(): Promise<Privilege> {
  if (process.getuid?.() === 0) return 'root';
  try {
    await execFileAsync('sudo', ['-n', 'true']);
    return 'sudo';
  } catch {
    return 'none';
  }
}

export function installCommand(packages: readonly string[], sudo: boolean): string {
  const prefix = sudo ? 'sudo ' : '';
  return `${prefix}apt-get update && ${prefix}apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

/**
 * Returns the packages it installed. Throws SetupError (with a short, complete message) when a
 * package is missing and cannot be installed, or when apt fails.
 */
export async function ensureSystemPackages(options: SetupOptions): Promise<string[]> {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const wanted: Requirement[] = [...(options.build ? BUILD_PACKAGES : [])];
  // A browser named by E2E_CHROMIUM is the caller's business; the default path is Debian's package.
  if (options.browser && process.env.E2E_CHROMIUM === undefined) wanted.push(BROWSER_PACKAGE);
  if (wanted.length === 0) return [];
  if (!(await hasDpkg())) {
    write(`[setup] no dpkg-query: not a Debian system, so not checking for ${wanted.map((r) => r.pkg).join(', ')}`);
    return [];
  }
  const missing: Requirement[] = [];
  for (const requirement of wanted) if (!(await isInstalled(requirement.pkg))) missing.push(requirement);
  if (missing.length === 0) return [];

  const names = missing.map((r) => r.pkg);
  const reasons = missing.map((r) => `${r.pkg}: ${r.why}`).join('; ');
  const who = await privilege();
  if (who === 'none') {
    throw new SetupError(
      `[setup] missing Debian packages (${reasons}).\n[setup] Run: ${installCommand(names, true)}\n[setup] then run the same npm command again.`,
      2,
    );
  }
  write(`[setup] installing ${names.join(' ')} with apt (${reasons})`);
  await fs.mkdir(options.logDir, { recursive: true });
  const logFile = path.join(options.logDir, 'apt.log');
  const sudo = who === 'sudo';
  try {
    await runLogged(sudo ? 'sudo' : 'apt-get', [...(sudo ? ['-n', 'apt-get'] : []), 'update', '-q'], logFile);
    await runLogged(sudo ? 'sudo' : 'apt-get', [...(sudo ? ['-n', 'apt-get'] : []), 'install', '-y', '-q', '--no-install-recommends', ...names], logFile);
  } catch (error) {
    throw new SetupError(
      `[setup] apt could not install ${names.join(' ')} (${error instanceof Error ? error.message : String(error)}); full output: ${logFile}\n[setup] Try: ${installCommand(names, sudo)}`,
      1,
    );
  }
  const stillMissing: string[] = [];
  for (const name of names) if (!(await isInstalled(name))) stillMissing.push(name);
  if (stillMissing.length > 0) {
    throw new SetupError(`[setup] apt finished but ${stillMissing.join(' ')} is still not installed; full output: ${logFile}`, 1);
  }
  return names;
}

/** Appends the command's output to logFile; rejects with its exit status. */
export function runLogged(command: string, args: string[], logFile: string, env: NodeJS.ProcessEnv = process.env, cwd?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(logFile, { flags: 'a' });
    out.write(`$ ${command} ${args.join(' ')}\n`);
    const child = spawn(command, args, { cwd, env: { ...env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    const finish = (error?: Error): void => {
      out.end(() => (error ? reject(error) : resolve()));
    };
    child.on('error', (error) => finish(error));
    child.on('close', (code, signal) => finish(code === 0 ? undefined : new Error(`${[command, ...args.slice(0, 2)].join(' ')} ${signal ? `killed by ${signal}` : `exited ${code}`}`)));
  });
}

/** Where the harness keeps the install logs; kept beside the cache it describes. */
export function logDirFor(cacheDir: string): string {
  return path.join(cacheDir, 'logs');
}

if (require.main === module) {
  void (async () => {
    const { values } = parseArgs({ options: { for: { type: 'string', default: 'test' } } });
    if (values.for !== 'start' && values.for !== 'test') {
      process.stderr.write(`[setup] --for must be start or test, got "${values.for}"\n`);
      process.exit(2);
    }
    // Imported here, not at the top: install.ts imports this module for its own check.
    const { CACHE_DIR, codeServerCached } = await import('./install');
    try {
      await ensureSystemPackages({ browser: values.for === 'test', build: !codeServerCached(), logDir: logDirFor(CACHE_DIR) });
    } catch (error) {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(error instanceof SetupError ? error.exitCode : 1);
    }
  })();
}
