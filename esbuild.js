// The bundles: the extension host (Node, CommonJS, `vscode` provided by the host), undici apart,
// and one per webview (browser, ESM): details, and the overview, which stays free of the toolkit.
// `tsc --noEmit` type-checks separately (`npm run typecheck`).
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the shape VS Code's `$esbuild-watch` problem matcher reads. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * undici is most of the host bundle (≈ 520 of 600 KiB) and is needed only at the first request, so
 * it is a bundle of its own: the extension's `import('undici')` becomes `require('./undici.js')`
 * and activation no longer reads or compiles it.
 */
const undiciApart = {
  name: 'undici-apart',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'silent',
  plugins: [problemMatcherPlugin],
};

async function main() {
  const contexts = await Promise.all([
    esbuild.context({
      ...common,
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/extension.js',
      format: 'cjs',
      platform: 'node',
      // VS Code 1.96's extension host runs Node 20.18 (see README: supported versions).
      target: 'node20.18',
      external: ['vscode'],
      plugins: [...common.plugins, undiciApart],
      // @vscode/l10n's `t` without its file and URL loaders (see src/system/l10nRuntime.ts).
      alias: { '@vscode/l10n': './src/system/l10nRuntime.ts' },
      // The lazy `import('undici')` becomes `require('./undici.js')`: a plain require in the
      // extension host, where an ESM import of a CommonJS file is one more thing to go wrong.
      supported: { 'dynamic-import': false },
    }),
    esbuild.context({
      ...common,
      entryPoints: { undici: require.resolve('undici') },
      outfile: undefined,
      outdir: 'dist',
      format: 'cjs',
      platform: 'node',
      target: 'node20.18',
    }),
    esbuild.context({
      ...common,
      entryPoints: ['src/webview/main.ts'],
      outfile: 'dist/webview.js',
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
    }),
    esbuild.context({
      ...common,
      entryPoints: ['src/webview/overview.ts'],
      outfile: 'dist/overview.js',
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
    }),
  ]);
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  const results = await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  if (results.some((r) => r.errors.length > 0)) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
