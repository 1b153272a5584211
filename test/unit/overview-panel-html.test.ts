// The overview webview's shell: a policy that denies by default, scripts only by nonce, styles only
// from the extension's own files, and no inline code of any kind.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildOverviewHtml, createNonce } from '../../src/overviewPanel/html';

const input = {
  cspSource: "'self' https://*.vscode-cdn.net",
  nonce: createNonce(),
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/overview.js?a=1&b="2"',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/overview.css',
  title: 'Sessions <Overview>',
};

function policy(html: string): Map<string, string[]> {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match, 'a CSP meta tag');
  const csp = match[1].replaceAll('&#39;', "'").replaceAll('&amp;', '&');
  return new Map(csp.split(';').map((part) => {
    const [name, ...sources] = part.trim().split(/\s+/);
    return [name, sources];
  }));
}

describe('buildOverviewHtml', () => {
  const html = buildOverviewHtml(input);

  it('denies by default, allows scripts by nonce and styles from the extension only', () => {
    const directives = policy(html);
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), [`'nonce-${input.nonce}'`]);
    assert.deepEqual(directives.get('style-src'), ["'self'", 'https://*.vscode-cdn.net']);
    assert.equal(directives.size, 3);
  });

  it('has no inline code, no inline style and no eval', () => {
    assert.ok(!/unsafe-inline|unsafe-eval/.test(html));
    assert.ok(!/\sstyle=|<style/i.test(html));
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.ok(scripts[0].includes(`nonce="${input.nonce}"`));
    assert.ok(/<script[^>]*><\/script>/.test(html), 'the script tag has no inline body');
  });

  it('escapes what it puts in attributes and the title', () => {
    assert.ok(html.includes('src="https://file+.vscode-resource.vscode-cdn.net/ext/dist/overview.js?a=1&amp;b=&quot;2&quot;"'));
    assert.ok(html.includes('<title>Sessions &lt;Overview&gt;</title>'));
  });

  it('refuses a nonce or source that would break out of the policy', () => {
    assert.throws(() => buildOverviewHtml({ ...input, nonce: "abc'; script-src *" }));
    assert.throws(() => buildOverviewHtml({ ...input, cspSource: "'self'; script-src *" }));
    assert.throws(() => buildOverviewHtml({ ...input, cspSource: "'self', https://evil.example" }));
  });

  it('makes a fresh nonce of 144 bits each time', () => {
    const nonces = new Set(Array.from({ length: 20 }, createNonce));
    assert.equal(nonces.size, 20);
    for (const nonce of nonces) assert.equal(Buffer.from(nonce, 'base64').length, 18);
  });
});
