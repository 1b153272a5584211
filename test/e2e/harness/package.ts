// `npm run package`: browser-sessions-<version>.vsix at the repo root, offline. Everything the
// extension needs is bundled by esbuild, so vsce's npm dependency detection is switched off.
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { log, REPO_ROOT } from './install';

interface Manifest {
  name: string;
  version: string;
  repository?: string | { url?: string };
}

const VSCE_BIN = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

/**
 * vsce refuses a README with relative links unless it can tell where they will resolve; it
 * recognises GitHub and GitLab only. Deriving the bases from package.json's repository keeps
 * packaging offline and independent of the host, and is harmless for a README without such links.
 */
function readmeBaseUrls(manifest: Manifest): string[] {
  const raw = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  if (!raw) throw new Error('package.json has no repository URL to resolve README links against');
  const repository = raw.replace(/^git\+/, '').replace(/\.git$/, '').replace(/\/$/, '');
  return ['--baseContentUrl', `${repository}/blob/HEAD/`, '--baseImagesUrl', `${repository}/raw/HEAD/`];
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code, signal) => (code === 0 ? resolve() : reject(new Error(`vsce failed (${signal ?? `exit ${code}`})`))));
  });
}

async function main(): Promise<void> {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
  const vsix = path.join(REPO_ROOT, `${manifest.name}-${manifest.version}.vsix`);
  // vsce prints the tree of packaged files itself.
  await run(process.execPath, [VSCE_BIN, 'package', '--no-dependencies', ...readmeBaseUrls(manifest), '--out', vsix]);
  const kib = statSync(vsix).size / 1024;
  log(`${path.relative(REPO_ROOT, vsix)}: ${kib.toFixed(1)} KiB`);
}

main().catch((error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
