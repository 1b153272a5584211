// What the bundle runs for `import * as l10n from '@vscode/l10n'` (esbuild.js aliases it here): the
// package's `t` and `config({ contents })`, the only parts the extension uses. The package's own
// module also requires fs/promises for loaders we never call (a bundle from a path or a URL), which
// cost several milliseconds of activation. Sources keep importing the package, so its types apply
// and `npm run l10n` still finds every string; test/unit/l10n-runtime.test.ts holds the two equal.

type Arguments = Record<string, unknown> | unknown[];
type Message = string | { readonly message: string; readonly args?: Arguments; readonly comment?: string | string[] };
type BundleEntry = string | { readonly message: string; readonly comment?: unknown };

let bundle: Readonly<Record<string, BundleEntry>> | undefined;

export function config(options: { readonly contents: string | Record<string, BundleEntry> }): void {
  bundle = typeof options.contents === 'string' ? (JSON.parse(options.contents) as Record<string, BundleEntry>) : options.contents;
}

export function t(message: Message, ...rest: unknown[]): string {
  let key: string;
  let text: string;
  let values: Arguments;
  if (typeof message === 'string') {
    key = text = message;
    const [first] = rest;
    values = typeof first === 'object' && first !== null ? (first as Arguments) : rest;
  } else {
    key = text = message.message;
    if (message.comment && message.comment.length > 0) key += `/${Array.isArray(message.comment) ? message.comment.join('') : message.comment}`;
    values = message.args ?? {};
  }
  const translated = bundle?.[key];
  const template = typeof translated === 'string' && translated ? translated : typeof translated === 'object' && translated.comment ? translated.message : text;
  if (Object.keys(values).length === 0) return template;
  const lookup = values as Record<string, unknown>;
  return template.replace(/{([^}]+)}/g, (match, name: string) => {
    const value = lookup[name];
    // As the package does: a value prints as JavaScript prints it.
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    return value === undefined || value === null ? match : String(value);
  });
}
