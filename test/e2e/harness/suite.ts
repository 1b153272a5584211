// One end-to-end suite: a contract server, a code-server with the extension and one browser context
// (code-server keeps SecretStorage in the browser profile, so keys set in one scenario serve the
// next). On failure it leaves a screenshot, the console and code-server's log under test-results/e2e/.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { startContractServer, type ContractServer, type ContractServerOptions } from '../../server/index';
import { launchBrowser, type Browser } from './browser';
import { startCodeServer, type ExtensionSource, type RunningCodeServer } from './codeServer';
import { cleanEnv, ensureCodeServer, log, REPO_ROOT } from './install';

export const FAILURE_DIR = path.join(REPO_ROOT, 'test-results', 'e2e');
/** A cold install downloads ~617 MB and compiles native modules; packaging adds a build. */
export const SETUP_TIMEOUT_MS = 15 * 60_000;
/** A bound for one scenario, so a wedged page fails the test instead of hanging the run. */
export const SCENARIO_TIMEOUT_MS = 3 * 60_000;

export interface SuiteOptions {
  readonly extension: ExtensionSource;
  /** Extension settings; the providers' base URLs are pointed at the contract server. */
  readonly settings?: Record<string, unknown>;
  /** Runs against the contract server before the workbench loads, e.g. to add sessions. */
  readonly prepare?: (server: ContractServer) => void;
  /** Settings that name the contract server, e.g. more base URLs or connections; merged after `settings`. */
  readonly settingsFor?: (server: ContractServer) => Record<string, unknown>;
  /** Options of the contract server, e.g. further accounts. */
  readonly contract?: ContractServerOptions;
}

export class E2ESuite {
  private contractServer: ContractServer | undefined;
  private running: RunningCodeServer | undefined;
  private browserHandle: Browser | undefined;
  private failed = false;

  constructor(private readonly name: string) {}

  get server(): ContractServer {
    assert.ok(this.contractServer, 'setup did not finish: no contract server');
    return this.contractServer;
  }

  get codeServer(): RunningCodeServer {
    assert.ok(this.running, 'setup did not finish: no code-server');
    return this.running;
  }

  get browser(): Browser {
    assert.ok(this.browserHandle, 'setup did not finish: no browser');
    return this.browserHandle;
  }

  async start(options: SuiteOptions): Promise<void> {
    try {
      const install = await ensureCodeServer();
      this.contractServer = await startContractServer(options.contract);
      options.prepare?.(this.contractServer);
      this.running = await startCodeServer({
        install,
        extension: options.extension,
        settings: {
          'browserSessions.brightData.baseUrl': this.contractServer.brightDataUrl,
          'browserSessions.anchor.baseUrl': this.contractServer.anchorUrl,
          ...options.settings,
          ...options.settingsFor?.(this.contractServer),
        },
      });
      this.browserHandle = await launchBrowser({ viewport: { width: 1400, height: 900 } });
      await this.browserHandle.workbench.open(this.running.url);
    } catch (error) {
      await this.recordFailure('setup');
      throw error;
    }
  }

  /** Runs one scenario; a failure leaves a screenshot named after it. */
  async scenario(name: string, body: (browser: Browser) => Promise<void>): Promise<void> {
    const browser = this.browser;
    try {
      await body(browser);
    } catch (error) {
      await this.recordFailure(name);
      throw error;
    }
  }

  /** Closes whatever started, even after a failed start or a failed step of closing. */
  async close(): Promise<void> {
    const problems: unknown[] = [];
    const attempt = async (step: () => Promise<unknown> | undefined): Promise<void> => {
      try {
        await step();
      } catch (error) {
        problems.push(error);
      }
    };
    await attempt(() => this.browserHandle?.close());
    const running = this.running;
    await attempt(() => running?.stop({ keepLog: this.failed }));
    if (running && this.failed) {
      const kept = path.join(FAILURE_DIR, `${this.name}-code-server.log`);
      await attempt(async () => {
        await fs.copyFile(running.logFile, kept);
        await fs.rm(running.logFile, { force: true });
        log(`${this.name}: code-server log kept as ${kept}`);
      });
    }
    await attempt(() => this.contractServer?.close());
    if (problems.length > 0) throw problems[0];
  }

  private async recordFailure(scenario: string): Promise<void> {
    this.failed = true;
    await fs.mkdir(FAILURE_DIR, { recursive: true });
    const base = path.join(FAILURE_DIR, `${this.name}-${scenario.replace(/\W+/g, '-')}`);
    const workbench = this.browserHandle?.workbench;
    if (!workbench) return;
    await workbench.screenshot(`${base}.png`).catch(() => undefined);
    await fs.writeFile(`${base}.console.json`, JSON.stringify(workbench.console, null, 2)).catch(() => undefined);
    log(`${this.name}: "${scenario}" failed; screenshot ${base}.png`);
  }
}

/**
 * `npm run package`: production bundles into dist/ and browser-sessions-<version>.vsix at the repo
 * root, exactly what would be published. Returns the .vsix path.
 */
export async function packageVsix(): Promise<string> {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('npm', ['run', 'package'], { cwd: REPO_ROOT, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`npm run package exited with ${code}:\n${output.join('')}`);
  const vsix = path.join(REPO_ROOT, `${manifest.name}-${manifest.version}.vsix`);
  log(`packaged ${path.relative(REPO_ROOT, vsix)}`);
  return vsix;
}
