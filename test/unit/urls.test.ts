import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { commandFor } from '../../src/details/actions';
import { buildSnapshot, describeDomain, describeUrl, panelTitle } from '../../src/details/snapshot';
import type { Session } from '../../src/providers/types';
import { displayDomain, displayHost, displayTarget, displayUrl } from '../../src/shared/hosts';
import { sessionTarget } from '../../src/tree/model';
import { domainUrl, isMixedScript } from '../../src/shared/urls';

function anchorSession(domains: string[], extra: Partial<Session> = {}): Session {
  return { id: 'a1', provider: 'anchor', status: 'completed', statusKind: 'finished', domains, tags: [], raw: {}, ...extra };
}

describe('one rule for domains, hosts shown safely', () => {
  test('domainUrl: plain host and port only', () => {
    assert.equal(domainUrl('example.com')?.href, 'https://example.com/');
    assert.equal(domainUrl('example.com:8443')?.host, 'example.com:8443');
    for (const bad of ['good.com:443@evil.com', 'user@evil.com', 'good.com/x', 'a b', 'good.com?x', 'good.com#x', '', 'javascript:x', 'good.com\\evil']) {
      assert.equal(domainUrl(bad), undefined, bad);
    }
  });

  test('the panel agrees with the tree about "good.com:443@evil.com"', () => {
    assert.equal(describeDomain('good.com:443@evil.com').openable, false);
    assert.equal(describeDomain('example.com').openable, true);
  });

  test('mixed scripts: a Cyrillic "apple" under .com is a lookalike; single scripts and CJK mixes are not', () => {
    assert.equal(isMixedScript('аррӏе.com'), true);
    assert.equal(isMixedScript('paypaӏ.com'), true);
    assert.equal(isMixedScript('пример.рф'), false);
    assert.equal(isMixedScript('münchen.de'), false);
    assert.equal(isMixedScript('例え.jp'), false);
    assert.equal(isMixedScript('한국.kr'), false);
    assert.equal(displayHost('xn--80ak6aa92e.com'), 'xn--80ak6aa92e.com');
    assert.equal(displayHost('xn--r8jz45g.jp'), '例え.jp');
    assert.equal(displayUrl('https://аррӏе.com/a?b'), 'https://xn--80ak6aa92e.com/a?b');
    assert.equal(displayUrl('https://例え.jp/検索'), 'https://例え.jp/検索', 'a readable host stays as sent');
    assert.equal(displayDomain('аррӏе.com'), 'xn--80ak6aa92e.com');
    assert.equal(displayDomain('example.com'), 'example.com');
  });

  test('the panel shows a lookalike in punycode, and its Open request still reaches the real domain', () => {
    const session = anchorSession(['аррӏе.com'], { targetUrl: 'https://аррӏе.com/x' });
    const snapshot = buildSnapshot(session);
    assert.deepEqual(snapshot.domains, [{ name: 'xn--80ak6aa92e.com', openable: true }]);
    assert.equal(snapshot.targetUrl?.text, 'https://xn--80ak6aa92e.com/x');
    assert.match(panelTitle(session), /xn--80ak6aa92e\.com/);
    const call = commandFor({ type: 'openDomain', requestId: 1, domain: 'xn--80ak6aa92e.com' }, session);
    assert.deepEqual(call?.args, [session, 'аррӏе.com']);
    assert.equal(commandFor({ type: 'openDomain', requestId: 2, domain: 'evil.com' }, session), undefined);
  });

  test('one host formatter: tree label, picker and panel title read an international host alike', () => {
    // The API may send a domain in punycode or in Unicode; either way people read the same name.
    assert.equal(displayDomain('xn--r8jz45g.jp'), '例え.jp');
    assert.equal(displayDomain('例え.jp'), '例え.jp');
    assert.equal(displayDomain('xn--bcher-kva.de:8443'), 'bücher.de:8443');
    const sessions: Session[] = [
      anchorSession(['xn--r8jz45g.jp']),
      anchorSession(['例え.jp']),
      anchorSession([], { provider: 'brightData', targetUrl: 'https://xn--r8jz45g.jp/検索' }),
      anchorSession([], { provider: 'brightData', targetUrl: 'https://例え.jp:8443/' }),
    ];
    for (const session of sessions) {
      const host = displayTarget(session);
      assert.match(host ?? '', /^例え\.jp(:8443)?$/);
      assert.equal(sessionTarget(session), host);
      assert.equal(panelTitle(session), `Session ${host} · a1`);
    }
    const lookalike = anchorSession(['аррӏе.com']);
    assert.equal(sessionTarget(lookalike), 'xn--80ak6aa92e.com');
    assert.equal(panelTitle(lookalike), 'Session xn--80ak6aa92e.com · a1');
  });

  test('a target URL with credentials is openable only after a question, and the panel says so', () => {
    const described = describeUrl('https://good.com:443@evil.com/');
    assert.equal(described?.openable, true);
    assert.match(described?.hint ?? '', /user name or password.*evil\.com/);
  });
});
