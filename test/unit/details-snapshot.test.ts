import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSnapshot, describeDomain, describeUrl, fieldText, panelTitle } from '../../src/details/snapshot';
import type { Session } from '../../src/providers/types';
import { formatAbsoluteTime } from '../../src/shared/format';

const brightRaw = {
  session_id: '2f1c7a9e-0000-4000-8000-000000000001',
  api_name: 'scraping_browser1',
  status: 'failed',
  target_url: 'https://www.another-site.com',
  end_url: 'https://www.another-site.com/examplesubdomain',
  navigations: 3,
  timestamp: '2025-12-16T17:20:15Z',
  duration: 45.2,
  captcha: 'none',
  bandwidth: 45678901,
  error: { code: 'unknown', message: 'Error' },
  region: 'eu',
};

const brightSession: Session = {
  id: brightRaw.session_id,
  provider: 'brightData',
  status: 'failed',
  statusKind: 'failed',
  targetUrl: brightRaw.target_url,
  endUrl: brightRaw.end_url,
  domains: [],
  startedAt: brightRaw.timestamp,
  durationSeconds: 45.2,
  bytes: 45678901,
  captcha: 'none',
  errorCode: 'unknown',
  errorMessage: 'Error',
  tags: [],
  steps: 3,
  zone: 'scraping_browser1',
  raw: brightRaw,
};

const anchorRaw = {
  id: 'sess_123456',
  status: 'completed',
  tags: ['production', 'scraping'],
  headless: false,
  recording: true,
  used_credits: 12.5,
  proxy_bytes: 102400,
  proxy_type: 'anchor_proxy',
  steps: 48,
  duration: 420,
  created_at: '2026-03-09T12:34:56.789Z',
  user_configuration: { session: { idle_timeout: 300 } },
  task_initiated: true,
  task_executions_count: 2,
  api_key_name: 'automation-key',
  browser_ip: '192.0.2.10',
  domains: ['example.com'],
};

const anchorSession: Session = {
  id: 'sess_123456',
  provider: 'anchor',
  status: 'completed',
  statusKind: 'finished',
  domains: ['example.com'],
  startedAt: anchorRaw.created_at,
  durationSeconds: 420,
  bytes: 102400,
  tags: ['production', 'scraping'],
  credits: 12.5,
  steps: 48,
  proxyType: 'anchor_proxy',
  raw: anchorRaw,
};

describe('buildSnapshot', () => {
  it('formats every normalised Bright Data field', () => {
    const now = new Date('2025-12-16T17:25:15Z');
    const snapshot = buildSnapshot(brightSession, now);
    assert.equal(snapshot.provider, 'brightData');
    assert.equal(snapshot.providerLabel, 'Bright Data');
    assert.equal(snapshot.id, brightRaw.session_id);
    assert.equal(snapshot.status, 'failed');
    assert.equal(snapshot.statusKind, 'failed');
    assert.equal(snapshot.startedIso, '2025-12-16T17:20:15Z');
    assert.equal(snapshot.startedAbsolute, formatAbsoluteTime('2025-12-16T17:20:15Z'));
    assert.match(snapshot.startedAbsolute ?? '', /Dec 16, 2025/);
    assert.equal(snapshot.startedRelative, '5 minutes ago');
    assert.equal(snapshot.duration, '45.2s');
    assert.equal(snapshot.stepsLabel, 'Navigations');
    assert.equal(snapshot.steps, '3');
    assert.equal(snapshot.bytesLabel, 'Bandwidth');
    assert.equal(snapshot.bytes, '45.7 MB (45,678,901 bytes)');
    assert.equal(snapshot.captcha, 'none');
    assert.equal(snapshot.zone, 'scraping_browser1');
    assert.equal(snapshot.errorCode, 'unknown');
    assert.equal(snapshot.errorMessage, 'Error');
    assert.deepEqual(snapshot.targetUrl, { text: 'https://www.another-site.com', openable: true });
    assert.deepEqual(snapshot.endUrl, { text: 'https://www.another-site.com/examplesubdomain', openable: true });
    assert.equal(snapshot.credits, undefined);
    assert.equal(snapshot.proxyType, undefined);
    assert.deepEqual(snapshot.tags, []);
    assert.deepEqual(snapshot.domains, []);
  });

  it('formats every normalised Anchor field', () => {
    const snapshot = buildSnapshot(anchorSession, new Date('2026-03-09T14:34:56.789Z'));
    assert.equal(snapshot.providerLabel, 'Anchor');
    assert.equal(snapshot.statusKind, 'finished');
    assert.equal(snapshot.startedRelative, '2 hours ago');
    assert.equal(snapshot.duration, '7m 0s');
    assert.equal(snapshot.stepsLabel, 'Steps');
    assert.equal(snapshot.steps, '48');
    assert.equal(snapshot.bytesLabel, 'Proxy bytes');
    assert.equal(snapshot.bytes, '102.4 kB (102,400 bytes)');
    assert.equal(snapshot.credits, '12.5');
    assert.equal(snapshot.proxyType, 'anchor_proxy');
    assert.deepEqual(snapshot.tags, ['production', 'scraping']);
    assert.deepEqual(snapshot.domains, [{ name: 'example.com', openable: true }]);
    assert.equal(snapshot.targetUrl, undefined);
    assert.equal(snapshot.endUrl, undefined);
    assert.equal(snapshot.errorCode, undefined);
  });

  it('lists the raw fields no normalised field shows, in record order', () => {
    assert.deepEqual(buildSnapshot(anchorSession).otherFields, [
      { name: 'headless', value: 'false' },
      { name: 'recording', value: 'true' },
      { name: 'user_configuration', value: '{"session":{"idle_timeout":300}}' },
      { name: 'task_initiated', value: 'true' },
      { name: 'task_executions_count', value: '2' },
      { name: 'api_key_name', value: 'automation-key' },
      { name: 'browser_ip', value: '192.0.2.10' },
    ]);
    assert.deepEqual(buildSnapshot(brightSession).otherFields, [{ name: 'region', value: 'eu' }]);
  });

  it('keeps a raw value the normaliser rejected visible under All fields', () => {
    const raw = { ...brightRaw, navigations: 'three', duration: null };
    const session: Session = { ...brightSession, steps: undefined, durationSeconds: undefined, raw };
    const snapshot = buildSnapshot(session);
    assert.equal(snapshot.steps, undefined);
    assert.deepEqual(snapshot.otherFields, [
      { name: 'navigations', value: 'three' },
      { name: 'region', value: 'eu' },
    ]);
  });

  it('puts the raw record into rawJson unchanged', () => {
    assert.equal(buildSnapshot(anchorSession).rawJson, JSON.stringify(anchorRaw, null, 2));
    assert.deepEqual(JSON.parse(buildSnapshot(brightSession).rawJson), brightRaw);
  });

  it('passes hostile strings through untouched: the webview renders them as text', () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const raw = { ...brightRaw, session_id: hostile, note: hostile };
    const session: Session = {
      ...brightSession,
      id: hostile,
      status: hostile,
      captcha: hostile,
      errorMessage: hostile,
      zone: hostile,
      targetUrl: 'javascript:alert(document.domain)',
      raw,
    };
    const snapshot = buildSnapshot(session);
    assert.equal(snapshot.id, hostile);
    assert.equal(snapshot.status, hostile);
    assert.equal(snapshot.captcha, hostile);
    assert.equal(snapshot.errorMessage, hostile);
    assert.equal(snapshot.zone, hostile);
    assert.deepEqual(snapshot.targetUrl, {
      text: 'javascript:alert(document.domain)',
      openable: false,
      hint: 'not openable: javascript: scheme',
    });
    assert.deepEqual(snapshot.otherFields, [
      { name: 'region', value: 'eu' },
      { name: 'note', value: hostile },
    ]);
    assert.ok(snapshot.rawJson.includes(JSON.stringify(hostile)));
  });

  it('leaves missing values out so the webview shows a dash', () => {
    const bare: Session = { id: 'x', provider: 'anchor', status: '', statusKind: 'other', domains: [], tags: [], raw: {} };
    const snapshot = buildSnapshot(bare);
    for (const key of ['startedAbsolute', 'startedRelative', 'duration', 'steps', 'bytes', 'credits', 'captcha'] as const) {
      assert.equal(snapshot[key], undefined, key);
    }
    assert.equal(snapshot.status, '');
    assert.deepEqual(snapshot.otherFields, []);
    assert.equal(snapshot.rawJson, '{}');
    assert.equal(buildSnapshot({ ...bare, startedAt: 'not a date', captcha: '' }).startedAbsolute, undefined);
    assert.equal(buildSnapshot({ ...bare, captcha: '' }).captcha, undefined);
  });

  it('shows small byte counts once', () => {
    assert.equal(buildSnapshot({ ...anchorSession, bytes: 0 }).bytes, '0 byte');
    assert.equal(buildSnapshot({ ...anchorSession, bytes: 999 }).bytes, '999 byte');
  });
});

describe('describeUrl', () => {
  it('marks only http and https as openable', () => {
    assert.deepEqual(describeUrl('https://example.com/a?b=1'), { text: 'https://example.com/a?b=1', openable: true });
    assert.deepEqual(describeUrl('http://example.com'), { text: 'http://example.com', openable: true });
    assert.deepEqual(describeUrl('HTTPS://EXAMPLE.COM'), { text: 'HTTPS://EXAMPLE.COM', openable: true });
  });

  it('refuses other schemes with a hint naming the scheme', () => {
    assert.deepEqual(describeUrl('javascript:alert(1)'), {
      text: 'javascript:alert(1)',
      openable: false,
      hint: 'not openable: javascript: scheme',
    });
    assert.equal(describeUrl('  JavaScript:alert(1)')?.hint, 'not openable: javascript: scheme');
    assert.equal(describeUrl('java\tscript:alert(1)')?.openable, false);
    assert.equal(describeUrl('file:///etc/passwd')?.hint, 'not openable: file: scheme');
    assert.equal(describeUrl('data:text/html,<script>alert(1)</script>')?.openable, false);
    assert.equal(describeUrl('vscode://settings')?.openable, false);
    assert.equal(describeUrl('command:workbench.action.quit')?.openable, false);
  });

  it('refuses garbage', () => {
    assert.deepEqual(describeUrl('not a url'), { text: 'not a url', openable: false, hint: 'not openable: not a valid URL' });
    assert.equal(describeUrl('//example.com')?.openable, false);
    assert.equal(describeUrl('example.com')?.openable, false);
    assert.equal(describeUrl('http://')?.openable, false);
  });

  it('has nothing to describe for a missing URL', () => {
    assert.equal(describeUrl(undefined), undefined);
    assert.equal(describeUrl(''), undefined);
  });
});

describe('describeDomain', () => {
  it('accepts plain hosts', () => {
    assert.deepEqual(describeDomain('example.com'), { name: 'example.com', openable: true });
    assert.equal(describeDomain('sub.example.co.uk').openable, true);
    assert.equal(describeDomain('localhost:8080').openable, true);
    assert.equal(describeDomain('bücher.de').openable, true);
  });

  it('refuses anything that is not a plain host', () => {
    for (const name of [
      '',
      'javascript:alert(1)',
      'example.com/path',
      'user@example.com',
      'example.com?q=1',
      'example.com#x',
      'exa mple.com',
      'evil.com\\@good.com',
      '<img src=x>',
    ]) {
      const described = describeDomain(name);
      assert.equal(described.openable, false, name);
      assert.equal(described.hint, 'not openable: not a plain domain');
    }
  });
});

describe('fieldText', () => {
  it('renders values as text', () => {
    assert.equal(fieldText('abc'), 'abc');
    assert.equal(fieldText(0), '0');
    assert.equal(fieldText(false), 'false');
    assert.equal(fieldText(null), '—');
    assert.equal(fieldText(''), '—');
    assert.equal(fieldText([1, 'a']), '[1,"a"]');
    assert.equal(fieldText({ a: { b: 1 } }), '{"a":{"b":1}}');
  });
});

describe('panelTitle', () => {
  it('names the host and a short id', () => {
    assert.equal(panelTitle(brightSession), 'Session www.another-site.com · 2f1c7a9e…');
    assert.equal(panelTitle(anchorSession), 'Session example.com · sess_123456');
    assert.equal(panelTitle({ ...anchorSession, domains: [] }), 'Session sess_123456');
    assert.equal(panelTitle({ ...brightSession, targetUrl: 'javascript:alert(1)' }), 'Session 2f1c7a9e…');
  });
});
