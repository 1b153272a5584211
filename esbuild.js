// The bundles: the extension host (Node, CommonJS, `vscode` provided by the host), undici apart,
// and one per webview (browser, ESM): details, and the overview, which stays free of the toolkit.
// `tsc --noEmit` type-checks separately (`npm run typecheck`).
const path = require('node:path');
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

/** The extension host's two files share these: Node, CommonJS, `vscode` provided by the host. */
const host = {
  ...common,
  platform: 'node',
  // VS Code 1.96's extension host runs Node 20.18 (see README: supported versions).
  target: 'node20.18',
  external: ['vscode'],
  // @vscode/l10n's `t` without its file and URL loaders (see src/system/l10nRuntime.ts).
  alias: { '@vscode/l10n': './src/system/l10nRuntime.ts' },
  // A lazy `import()` becomes `require()`: a plain require in the extension host, where an ESM
  // import of a CommonJS file is one more thing to go wrong.
  supported: { 'dynamic-import': false },
};

const FEATURES_ENTRY = 'src/features.ts';
/** The parameter through which dist/features.js receives activation's modules. */
const CORE = '__browserSessionsCore';

/**
 * Activation compiles and runs only dist/extension.js. Everything the first use of a command needs
 * beyond it (src/features.ts and what only it imports: commands, panels, export, the inspector) is
 * dist/features.js, loaded then (system/firstUse.ts). The two must share one copy of every module
 * they both use (the command log, the l10n bundle, ProviderError for `instanceof`), so
 * features.js holds none of extension.js's modules: it is a function of them, and extension.js
 * calls it with those it asks for.
 *
 * 1. Which modules extension.js holds, from a build of it with src/features.ts left out.
 * 2. features.js: each import of one of those becomes a read of the function's parameter.
 * 3. extension.js: src/loadFeatures.ts becomes a module that requires features.js and hands it the
 *    modules step 2 linked.
 */
async function buildHost() {
  const probe = await esbuild.build({
    ...host,
    entryPoints: ['src/extension.ts'],
    write: false,
    metafile: true,
    minify: false,
    sourcemap: false,
    plugins: [undiciApart, { name: 'features-out', setup: (build) => build.onResolve({ filter: /^\.\/features$/ }, () => ({ path: './features.js', external: true })) }],
  });
  const core = new Set(Object.keys(probe.metafile.inputs));
  if (core.has(FEATURES_ENTRY)) throw new Error(`${FEATURES_ENTRY} is imported by activation's modules`);
  const linked = new Set();
  const features = await esbuild.build({
    ...host,
    entryPoints: { features: FEATURES_ENTRY },
    outdir: 'dist',
    format: 'iife',
    globalName: 'features',
    banner: { js: `module.exports = function (${CORE}) {` },
    footer: { js: 'return features;\n};' },
    metafile: true,
    plugins: [undiciApart, linkCore(core, linked)],
  });
  // A second copy of one of our modules would have state and classes of its own (packages may be copied).
  const copied = Object.keys(features.metafile.inputs).filter((file) => file.startsWith('src/') && core.has(file));
  if (copied.length > 0) throw new Error(`features.js would copy modules of extension.js: ${copied.join(', ')}`);
  const extension = await esbuild.build({
    ...host,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    format: 'cjs',
    plugins: [undiciApart, featuresLoader(linked)],
  });
  return [features, extension];
}

/** Imports of our modules that extension.js holds are read from CORE instead of bundled again. */
function linkCore(core, linked) {
  return {
    name: 'link-core',
    setup(build) {
      // Our imports are relative and name a .ts file or folder index; @vscode/l10n is an alias of
      // one of ours. Packages are left to esbuild: their stateless functions may be copied into
      // features.js (linking a package would pull its whole index into extension.js).
      build.onResolve({ filter: /^(\.|@vscode\/l10n$)/ }, (args) => {
        const target = host.alias[args.path] ?? args.path;
        const base = path.resolve(target === args.path ? args.resolveDir : __dirname, target);
        for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
          const relative = path.relative(__dirname, candidate).split(path.sep).join('/');
          if (relative.startsWith('src/') && core.has(relative)) return { path: relative, namespace: 'core' };
        }
        return undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'core' }, (args) => {
        linked.add(args.path);
        return { contents: `module.exports = ${CORE}[${JSON.stringify(args.path)}];`, loader: 'js' };
      });
    },
  };
}

/**
 * src/loadFeatures.ts in extension.js: requires features.js on the first call and hands it the
 * modules it links. Those are imported statically: a module that is `require`d inside the bundle
 * becomes a lazily initialised wrapper, which V8 parses twice (once in full when it first runs).
 */
function featuresLoader(linked) {
  return {
    name: 'features-loader',
    setup(build) {
      build.onResolve({ filter: /^\.\/features\.js$/ }, () => ({ path: './features.js', external: true }));
      build.onLoad({ filter: /[\\/]src[\\/]loadFeatures\.ts$/ }, () => {
        const files = [...linked].sort();
        const imports = files.map((file, index) => `import * as m${index} from ${JSON.stringify(`./${file}`)};`);
        const table = files.map((file, index) => `  ${JSON.stringify(file)}: m${index},`);
        const contents = [
          ...imports,
          'let features;',
          'export function loadFeatures() {',
          `  features ??= require('./features.js')({\n${table.join('\n')}\n  });`,
          '  return Promise.resolve(features);',
          '}',
        ].join('\n');
        return { contents, loader: 'js', resolveDir: __dirname };
      });
    },
  };
}

async function main() {
  // undici's bundle and the two webviews'.
  const others = await Promise.all([
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
    // The host's three steps run again whenever a file either of its entries reaches changes.
    const trigger = await esbuild.context({
      ...host,
      entryPoints: ['src/extension.ts', FEATURES_ENTRY],
      outdir: 'dist',
      write: false,
      plugins: [...host.plugins, undiciApart, { name: 'host', setup: (build) => build.onEnd(async (result) => {
        if (result.errors.length === 0) await buildHost().catch((error) => console.error(`✘ [ERROR] ${error.message}`));
      }) }],
    });
    await Promise.all([trigger, ...others].map((ctx) => ctx.watch()));
    return;
  }
  const results = await Promise.all([...others.map((ctx) => ctx.rebuild()), buildHost().catch((error) => {
    console.error(error);
    return [{ errors: [error] }];
  })]);
  await Promise.all(others.map((ctx) => ctx.dispose()));
  if (results.flat().some((r) => r.errors.length > 0)) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
