// Browserbase's user-metadata query `q`, the one syntax its spec documents:
// user_metadata['key']['nested']:'value' — string equality only, field paths only, no arrays. The
// spec gives no escaping rule, so a single quote inside a key or value cannot be expressed: such
// input is refused here rather than sent in a form the API may read differently. Pure; its
// problems go through @vscode/l10n, which activation gives VS Code's bundle.
import * as l10n from '@vscode/l10n';

export interface MetadataQuery {
  readonly path: readonly string[];
  readonly value: string;
}

const QUERY = /^user_metadata((?:\['[^']+'\])+):'([^']*)'$/;
const SEGMENT = /\['([^']+)'\]/g;

/** The path and value of a query in the documented syntax, or undefined. */
export function parseMetadataQuery(query: string): MetadataQuery | undefined {
  const parsed = QUERY.exec(query);
  if (!parsed) return undefined;
  return { path: [...parsed[1].matchAll(SEGMENT)].map((segment) => segment[1]), value: parsed[2] };
}

export function formatMetadataQuery({ path, value }: MetadataQuery): string {
  return `user_metadata${path.map((key) => `['${key}']`).join('')}:'${value}'`;
}

/**
 * What the input box accepts: the documented syntax as is, or the shorthand `key.nested=value`
 * (dots split the path; the value is everything after the first `=`, kept exactly). Empty: no
 * filter (`undefined`). Anything else is a problem message.
 */
export function readMetadataInput(input: string): { readonly query: string | undefined } | { readonly problem: string } {
  const trimmed = input.trim();
  if (trimmed === '') return { query: undefined };
  if (trimmed.startsWith('user_metadata')) {
    return parseMetadataQuery(trimmed)
      ? { query: trimmed }
      : { problem: l10n.t("Write user_metadata['key']:'value' (nested: ['key']['nested']), or key=value.") };
  }
  const equals = trimmed.indexOf('=');
  if (equals < 0) return { problem: l10n.t('Write key=value (nested keys: team.name=payments).') };
  const path = trimmed
    .slice(0, equals)
    .split('.')
    .map((key) => key.trim());
  const value = trimmed.slice(equals + 1).trim();
  if (path.some((key) => key === '')) return { problem: l10n.t('Every key in the path needs a name (team.name=payments).') };
  if ([...path, value].some((part) => part.includes("'"))) {
    return { problem: l10n.t('Browserbase documents no way to write a single quote in a metadata query.') };
  }
  return { query: formatMetadataQuery({ path, value }) };
}

/** The documented form back as the shorthand, for prefilling the box; as is when it has no shorthand. */
export function metadataInputFor(query: string | undefined): string {
  if (query === undefined) return '';
  const parsed = parseMetadataQuery(query);
  // A key holding a dot has no shorthand.
  if (!parsed || parsed.path.some((key) => key.includes('.'))) return query;
  return `${parsed.path.join('.')}=${parsed.value}`;
}
