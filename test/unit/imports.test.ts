// The layering of ARCHITECTURE.md, checked on the source: no import cycles between files, no
// import between folders that goes up the layers, no `vscode` in providers/ or store/, and the
// webview app sees only the protocol. `import type` counts like any other import: a type that
// points upward ties the lower layer to the upper one's design just the same. One exemption, for
// cycles only: type-only imports inside providers/. `ProviderId` derives from the registry, which
// lists the definitions, which name `ProviderId` and `Session` in their types: a knot that only
// the compiler sees and that has no evaluation order.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const SRC = path.resolve(__dirname, '../../src');

/**
 * Lowest first; a folder may import itself and any folder ranked strictly lower. Files directly in
 * src/ are the composition root. webview/ is a separate bundle with a rule of its own.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['shared'], // guards, lists, formatting, hosts, URLs, the webview protocol: pure, used by all
  ['providers'], // the APIs, pure Node
  ['system'], // command ids, the command wrapper, argument guards
  ['filters'], // the filter value and its mapping; its pickers
  ['store'], // state per provider; asks providers, announces changes
  ['connections'], // the accounts: the setting parsed and validated, with each provider's default
  ['overview'], // the overview's numbers: count queries and the capped listing over providers, filters, connection ids
  ['keys'],
  ['config'], // settings, origin policy and consent, clients
  ['tree', 'details', 'overviewPanel'], // views over the store and the overview's source; never each other
  ['commands'], // act on sessions through the store, the tree's selection and the panels
  ['watch', 'export'], // status bar + failure notifications (read the store, reveal in the tree); export (lists through the store's clients)
  ['.'], // extension.ts and its wiring
];
const WEBVIEW_MAY_IMPORT = new Set([
  'shared/protocol.ts',
  'shared/guards.ts',
  'shared/statusKind.ts',
  // The overview webview's protocol and the report types it carries.
  'shared/overviewProtocol.ts',
  'shared/overview.ts',
]);
const NO_VSCODE = ['providers', 'store', 'overview'];

type Graph = ReadonlyMap<string, readonly string[]>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : [];
  });
}

interface Specifier {
  readonly specifier: string;
  readonly typeOnly: boolean;
}

/** `import type {…}`, `export type {…}`, or braces whose every name is marked `type`. */
function isTypeOnly(clause: string): boolean {
  if (/^\s*(?:import|export)\s+type\b/.test(clause)) return true;
  const braces = /\{([^}]*)\}/.exec(clause);
  if (!braces || /^\s*import\s+[\w$]+\s*,/.test(clause) || /\*\s+as\b/.test(clause)) return false;
  const names = braces[1].split(',').map((name) => name.trim()).filter(Boolean);
  return names.length > 0 && names.every((name) => name.startsWith('type '));
}

/** Static imports and re-exports (type-only included), side-effect imports, `import()` and `require()`. */
function specifiers(text: string): Specifier[] {
  const found: Specifier[] = [];
  for (const match of text.matchAll(/^\s*((?:import|export)\s[^;]*?\sfrom)\s*['"]([^'"]+)['"]/gms)) {
    found.push({ specifier: match[2], typeOnly: isTypeOnly(match[1]) });
  }
  for (const match of text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)) found.push({ specifier: match[1], typeOnly: false });
  for (const match of text.matchAll(/\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push({ specifier: match[1], typeOnly: false });
  }
  return found;
}

function resolve(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts'), base]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return path.relative(SRC, candidate).split(path.sep).join('/');
  }
  throw new Error(`${path.relative(SRC, from)}: cannot resolve ${specifier}`);
}

function buildGraph(): { graph: Graph; cycleGraph: Graph; external: ReadonlyMap<string, readonly string[]> } {
  const graph = new Map<string, string[]>();
  const cycleGraph = new Map<string, string[]>();
  const external = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const key = path.relative(SRC, file).split(path.sep).join('/');
    const all = specifiers(readFileSync(file, 'utf8'));
    const edges = all.flatMap(({ specifier, typeOnly }) => {
      const target = resolve(file, specifier);
      return target === undefined ? [] : [{ target, typeOnly }];
    });
    graph.set(key, [...new Set(edges.map((edge) => edge.target))]);
    const exempt = (edge: { target: string; typeOnly: boolean }): boolean =>
      edge.typeOnly && folderOf(key) === 'providers' && folderOf(edge.target) === 'providers';
    cycleGraph.set(key, [...new Set(edges.filter((edge) => !exempt(edge)).map((edge) => edge.target))]);
    external.set(key, all.map((s) => s.specifier).filter((s) => !s.startsWith('.')));
  }
  return { graph, cycleGraph, external };
}

/** Every cycle, each as the files on it (one representative per strongly connected component). */
export function findCycles(graph: Graph): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indices.get(next)!));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return cycles;
}

function folderOf(file: string): string {
  return file.includes('/') ? file.slice(0, file.indexOf('/')) : '.';
}

function rankOf(folder: string): number {
  const rank = LAYERS.findIndex((layer) => layer.includes(folder));
  if (rank < 0) throw new Error(`src/${folder}/ is in no layer: add it to LAYERS (and to the README's picture)`);
  return rank;
}

/** Imports from one folder into another that is not strictly lower. */
export function upwardImports(graph: Graph): string[] {
  const bad: string[] = [];
  for (const [from, targets] of graph) {
    const source = folderOf(from);
    if (source === 'webview') continue;
    for (const to of targets) {
      const target = folderOf(to);
      if (target === source) continue;
      if (target === 'webview' || rankOf(target) >= rankOf(source)) bad.push(`${from} → ${to}`);
    }
  }
  return bad.sort();
}

describe('imports', () => {
  const { graph, cycleGraph, external } = buildGraph();

  it('sees the source (the check would pass vacuously on nothing)', () => {
    assert.ok(graph.size > 40);
    assert.ok(graph.get('extension.ts')!.includes('store/sessionStore.ts'));
    assert.ok(cycleGraph.get('filters/describe.ts')!.includes('filters/model.ts'), 'import type is an edge');
    assert.ok(cycleGraph.get('providers/anchor.ts')!.includes('providers/paging.ts'));
    assert.ok(!cycleGraph.get('providers/anchor.ts')!.includes('providers/types.ts'), 'the exemption is type-only');
  });

  it('has no cycles', () => {
    assert.deepEqual(findCycles(cycleGraph), []);
  });

  it('never imports up the layers', () => {
    assert.deepEqual(upwardImports(graph), []);
  });

  it('keeps vscode out of providers/ and store/', () => {
    const offending = [...external].filter(([file, specs]) => NO_VSCODE.includes(folderOf(file)) && specs.includes('vscode'));
    assert.deepEqual(offending.map(([file]) => file), []);
  });

  it('gives the webview app nothing of the host but its protocol', () => {
    const offending = [...graph]
      .filter(([file]) => folderOf(file) === 'webview')
      .flatMap(([file, targets]) => targets.filter((t) => folderOf(t) !== 'webview' && !WEBVIEW_MAY_IMPORT.has(t)).map((t) => `${file} → ${t}`));
    assert.deepEqual(offending, []);
  });

  it('the checks catch what they are for', () => {
    const cyclic: Graph = new Map([
      ['filters/model.ts', ['filters/describe.ts']],
      ['filters/describe.ts', ['filters/model.ts']],
      ['tree/model.ts', []],
    ]);
    assert.deepEqual(findCycles(cyclic), [['filters/describe.ts', 'filters/model.ts']]);
    const upward: Graph = new Map([
      ['store/reloadTriggers.ts', ['keys/apiKeys.ts', 'store/state.ts']],
      ['tree/register.ts', ['commands/args.ts']],
      ['keys/apiKeys.ts', []],
      ['store/state.ts', []],
      ['commands/args.ts', []],
    ]);
    assert.deepEqual(upwardImports(upward), ['store/reloadTriggers.ts → keys/apiKeys.ts', 'tree/register.ts → commands/args.ts']);
  });
});
