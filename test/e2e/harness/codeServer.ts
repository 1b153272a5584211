// Starts a throwaway code-server with one extension installed: every folder it writes to is a
// scratch folder under os.tmpdir(), removed again by stop().
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { cleanEnv, ensureCodeServer, type CodeServerInstall } from './install';

export type ExtensionSource = { kind: 'folder'; path: string } | { kind: 'vsix'; path: string };

export interface CodeServerOptions {
  extension: ExtensionSource;
  /** More extension folders to install beside it (bench:e2e's bare-webview yardstick). */
  extraExtensions?: readonly string[];
  /** Merged over the harness defaults into the user settings.json. */
  settings?: Record<string, unknown>;
  /** Opened as the workspace; an empty scratch folder otherwise. */
  workspaceDir?: string;
  /** A fixed port (for `npm start`); a free one otherwise. */
  port?: number;
  /** Skips ensureCodeServer() when the caller already has the install. */
  install?: CodeServerInstall;
  /** Reused and kept (a restart that keeps VS Code's state, secrets included); a scratch one otherwise. */
  userDataDir?: string;
}

export interface RunningCodeServer {
  url: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  workspaceDir: string;
  /** code-server's stdout and stderr; outlives stop() only when asked to keep it. */
  logFile: string;
  logTail(lines?: number): string;
  stop(options?: { keepLog?: boolean }): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

/** What a test run should never see: telemetry, update checks, welcome pages, trust prompts. */
export const BASE_SETTINGS: Readonly<Record<string, unknown>> = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

interface ScratchDirs {
  root: string;
  userData: string;
  extensions: string;
  workspace: string;
  xdgConfig: string;
  xdgData: string;
  xdgCache: string;
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const install = options.install ?? (await ensureCodeServer());
  const dirs = await makeScratchDirs(options.workspaceDir, options.userDataDir);
  const logFile = `${dirs.root}.log`;
  const env = codeServerEnv(dirs);
  let child: ChildProcess | undefined;
  const killOnExit = (): void => killGroup(child, 'SIGKILL');
  process.on('exit', killOnExit);

  const logTail = (lines = 60): string => readTail(logFile, lines);
  let stopped = false;
  const stop = async ({ keepLog = false } = {}): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await stopGroup(child);
    process.off('exit', killOnExit);
    await fs.rm(dirs.root, { recursive: true, force: true });
    if (!keepLog) await fs.rm(logFile, { force: true });
  };

  try {
    await writeSettings(dirs.userData, { ...BASE_SETTINGS, ...options.settings });
    await installExtension(install, options.extension, dirs, env, logFile);
    for (const folder of options.extraExtensions ?? []) {
      await installExtension(install, { kind: 'folder', path: folder }, dirs, env, logFile);
    }
    const port = options.port ?? (await freePort());
    child = spawnCodeServer(install, dirs, env, port, logFile);
    const url = `http://127.0.0.1:${port}/`;
    await waitUntilAnswering(url, child, logFile);
    return {
      url,
      port,
      userDataDir: dirs.userData,
      extensionsDir: dirs.extensions,
      workspaceDir: dirs.workspace,
      logFile,
      logTail,
      stop,
    };
  } catch (error) {
    await stop({ keepLog: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`code-server did not start: ${reason}\n--- ${logFile} (last lines) ---\n${logTail()}`);
  }
}

async function makeScratchDirs(workspaceDir: string | undefined, userDataDir: string | undefined): Promise<ScratchDirs> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'e2e-code-server-'));
  const dirs: ScratchDirs = {
    root,
    userData: userDataDir ?? path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    workspace: workspaceDir ?? path.join(root, 'workspace'),
    xdgConfig: path.join(root, 'xdg-config'),
    xdgData: path.join(root, 'xdg-data'),
    xdgCache: path.join(root, 'xdg-cache'),
  };
  for (const dir of [dirs.userData, dirs.extensions, dirs.workspace, dirs.xdgConfig, dirs.xdgData, dirs.xdgCache]) {
    await fs.mkdir(dir, { recursive: true });
  }
  return dirs;
}

/**
 * code-server and VS Code's device id write under the home folder unless the XDG dirs say otherwise.
 * An empty gallery stops the workbench querying open-vsx.org for built-in extension updates.
 */
function codeServerEnv(dirs: ScratchDirs): NodeJS.ProcessEnv {
  return {
    ...cleanEnv(),
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    EXTENSIONS_GALLERY: '{}',
  };
}

/**
 * code-server's workbench is a remote window: settings with `"scope": "machine"` (the API base URLs
 * and connections, so that a workspace cannot redirect a key) are read only from the remote
 * (Machine) settings file and ignored in the User one. Those go to both files; everything else
 * only to User, where the Settings editor edits it (a Machine value would override such an edit).
 */
async function writeSettings(userDataDir: string, settings: Record<string, unknown>): Promise<void> {
  const machine = Object.fromEntries(Object.entries(settings).filter(([key]) => isMachineScoped(key)));
  const files: [string, Record<string, unknown>][] = [
    ['User', settings],
    ['Machine', machine],
  ];
  for (const [folder, values] of files) {
    const dir = path.join(userDataDir, folder);
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'settings.json'), `${JSON.stringify(values, null, 2)}\n`);
  }
}

function isMachineScoped(key: string): boolean {
  return /^browserSessions\.[A-Za-z]+\.baseUrl$/.test(key) || key === 'browserSessions.connections';
}

async function installExtension(
  install: CodeServerInstall,
  extension: ExtensionSource,
  dirs: ScratchDirs,
  env: NodeJS.ProcessEnv,
  logFile: string,
): Promise<void> {
  if (extension.kind === 'folder') {
    const folder = path.resolve(extension.path);
    const manifest = JSON.parse(await fs.readFile(path.join(folder, 'package.json'), 'utf8')) as {
      publisher: string;
      name: string;
      version: string;
    };
    // VS Code finds extensions by folder name <publisher>.<name>-<version> in the extensions dir.
    await fs.symlink(folder, path.join(dirs.extensions, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
    return;
  }
  const vsix = path.resolve(extension.path);
  if (!existsSync(vsix)) throw new Error(`${vsix} does not exist`);
  const args = [install.entry, ...dirArgs(dirs), '--install-extension', vsix];
  const code = await new Promise<number | null>((resolve, reject) => {
    const log = openSync(logFile, 'a');
    const child = spawn(install.node.nodeBin, args, { env, stdio: ['ignore', log, log] });
    closeSync(log);
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`--install-extension ${vsix} exited with ${code}`);
}

function dirArgs(dirs: ScratchDirs): string[] {
  return ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
}

function spawnCodeServer(install: CodeServerInstall, dirs: ScratchDirs, env: NodeJS.ProcessEnv, port: number, logFile: string): ChildProcess {
  const args = [
    install.entry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...dirArgs(dirs),
    dirs.workspace,
  ];
  const log = openSync(logFile, 'a');
  // Its own process group, so stop() also ends the extension host and the other helpers it forks.
  const child = spawn(install.node.nodeBin, args, { env, detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  return child;
}

/** Asks the OS for a free port; the small window before code-server binds it is accepted. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilAnswering(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exit: string | undefined;
  child.once('exit', (code, signal) => (exit = signal ?? `exit code ${code}`));
  while (Date.now() < deadline) {
    if (exit) throw new Error(`code-server quit (${exit})`);
    try {
      await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`${url} did not answer within ${READY_TIMEOUT_MS / 1000} s (log: ${logFile})`);
}

function killGroup(child: ChildProcess | undefined, signal: NodeJS.Signals): void {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function stopGroup(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
  // The extension host and other helpers may outlive the server by a moment.
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The whole group has exited.
  }
}

function readTail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
