import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHash } from 'node:crypto';
import { EMPTY_STYLE_HASH, buildDetailsHtml, createNonce, escapeHtml } from '../../src/details/html';

const hostileTitle = 'Session <img src=x onerror="window.__pwned=1"> & \'quoted\'';
const input = {
  // What VS Code (and code-server 4.139) gives as webview.cspSource: a list, quotes included.
  cspSource: "'self' https://*.vscode-cdn.net",
  nonce: createNonce(),
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js?a=1&b="2"',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/details.css?x=<y>',
  title: hostileTitle,
};

/** The policy as the browser reads it, i.e. with the attribute's character references decoded. */
function cspOf(html: string): string {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match, 'a CSP meta tag');
  return match[1].replaceAll('&#39;', "'").replaceAll('&amp;', '&');
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('buildDetailsHtml', () => {
  const html = buildDetailsHtml(input);

  it('sets a CSP that denies by default and allows only the nonce for scripts', () => {
    const policy = directives(cspOf(html));
    assert.deepEqual(policy.get('default-src'), ["'none'"]);
    assert.deepEqual(policy.get('script-src'), [`'nonce-${input.nonce}'`]);
    assert.deepEqual(policy.get('style-src'), ["'self'", 'https://*.vscode-cdn.net', EMPTY_STYLE_HASH]);
    assert.deepEqual(policy.get('font-src'), ["'self'", 'https://*.vscode-cdn.net']);
    assert.deepEqual(policy.get('img-src'), ["'self'", 'https://*.vscode-cdn.net', 'data:']);
    assert.equal(policy.size, 5);
  });

  it('admits only an empty inline <style> through the style hash', () => {
    const emptyDigest = createHash('sha256').update('').digest('base64');
    assert.equal(EMPTY_STYLE_HASH, `'sha256-${emptyDigest}'`);
  });

  it('never allows inline code or eval', () => {
    assert.ok(!html.includes('unsafe-inline'));
    assert.ok(!html.includes('unsafe-eval'));
    assert.ok(!/\sstyle=/i.test(html), 'no style attributes');
    assert.ok(!/<style/i.test(html), 'no style elements');
  });

  it('puts the CSP nonce on every script tag', () => {
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    for (const tag of scripts) {
      assert.match(tag, new RegExp(` nonce="${input.nonce.replace(/[+/]/g, '\\$&')}"`));
    }
    assert.ok(cspOf(html).includes(`'nonce-${input.nonce}'`));
  });

  it('escapes a hostile title', () => {
    assert.ok(!html.includes('<img'));
    assert.ok(html.includes('<title>Session &lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt; &amp; &#39;quoted&#39;</title>'));
  });

  it('escapes the resource URIs', () => {
    assert.ok(html.includes('src="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js?a=1&amp;b=&quot;2&quot;"'));
    assert.ok(html.includes('href="https://file+.vscode-resource.vscode-cdn.net/ext/media/details.css?x=&lt;y&gt;"'));
  });

  it('renders an empty mount point for the script to fill', () => {
    assert.match(html, /<main id="app"><\/main>/);
  });

  it('refuses values that would break out of the policy', () => {
    assert.throws(() => buildDetailsHtml({ ...input, nonce: "abc'; script-src *" }));
    assert.throws(() => buildDetailsHtml({ ...input, nonce: 'short' }));
    assert.throws(() => buildDetailsHtml({ ...input, cspSource: "https://x; script-src 'unsafe-inline'" }));
    assert.throws(() => buildDetailsHtml({ ...input, cspSource: 'https://x, script-src *' }));
  });
});

describe('createNonce', () => {
  it('gives at least 16 random bytes, fresh each time', () => {
    const nonce = createNonce();
    assert.ok(Buffer.from(nonce, 'base64').length >= 16);
    assert.match(nonce, /^[A-Za-z0-9+/]+$/);
    assert.notEqual(createNonce(), nonce);
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML specials', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
