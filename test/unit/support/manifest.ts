// package.json as VS Code shows it: each string that is exactly `%key%` replaced by its English
// text from package.nls.json. Tests that check titles or descriptions read this, not the raw file.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');

/** A whole-string placeholder, as VS Code recognises it in a manifest. */
export const NLS_PLACEHOLDER = /^%([^%\s]+)%$/;

export const RAW_MANIFEST: unknown = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
export const NLS: Readonly<Record<string, unknown>> = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<
  string,
  unknown
>;

/** Replaces every `%key%` that package.nls.json defines; an unknown key stays as written (test/unit/l10n.test.ts names it). */
export function resolveNls(value: unknown, nls: Readonly<Record<string, unknown>> = NLS): unknown {
  if (typeof value === 'string') {
    const key = NLS_PLACEHOLDER.exec(value)?.[1];
    const text = key === undefined ? undefined : nls[key];
    return typeof text === 'string' ? text : value;
  }
  if (Array.isArray(value)) return value.map((entry) => resolveNls(entry, nls));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([name, entry]) => [name, resolveNls(entry, nls)]));
  }
  return value;
}

/** The resolved manifest; callers cast it to the shape they read. */
export const MANIFEST: unknown = resolveNls(RAW_MANIFEST);
