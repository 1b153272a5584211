import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyBaseUrl, isLoopbackHost } from '../../src/config/originPolicy';
import { DEFAULT_BASE_URLS } from '../../src/providers';

const BD = DEFAULT_BASE_URLS.brightData;

describe('origin policy', () => {
  test('the documented origin, with or without a path, is the default', () => {
    assert.deepEqual(classifyBaseUrl('https://api.brightdata.com', BD), { kind: 'default', origin: 'https://api.brightdata.com' });
    assert.equal(classifyBaseUrl('https://API.brightdata.com/v2/', BD).kind, 'default');
    assert.equal(classifyBaseUrl('https://api.brightdata.com:443', BD).kind, 'default');
  });

  test('loopback hosts are accepted over http and https without asking', () => {
    for (const url of ['http://127.0.0.1:8080', 'http://127.1.2.3', 'http://127.1', 'http://localhost:3000/bd', 'http://[::1]:9', 'https://localhost']) {
      assert.equal(classifyBaseUrl(url, BD).kind, 'loopback', url);
    }
  });

  test('plain http to any other host is refused, with the reason', () => {
    for (const url of ['http://api.brightdata.com', 'http://10.0.0.5', 'http://128.0.0.1', 'http://localhost.evil.com', 'http://127.0.0.1.evil.com', 'http://[::2]']) {
      const verdict = classifyBaseUrl(url, BD);
      assert.equal(verdict.kind, 'refusedHttp', url);
      if (verdict.kind === 'refusedHttp') assert.match(verdict.reason, /only accepted for this machine/);
    }
  });

  test('another https origin needs consent', () => {
    assert.deepEqual(classifyBaseUrl('https://mirror.example.com/bd', BD), { kind: 'otherHttps', origin: 'https://mirror.example.com' });
    assert.equal(classifyBaseUrl('https://api.brightdata.com:8443', BD).kind, 'otherHttps', 'another port is another origin');
  });

  test('unparsable URLs, other schemes and credentials are invalid', () => {
    for (const url of ['', 'api.brightdata.com', 'ftp://api.brightdata.com', 'file:///etc/passwd', 'https://user:pw@api.brightdata.com']) {
      assert.equal(classifyBaseUrl(url, BD).kind, 'invalid', url);
    }
  });

  test('loopback test on serialised host names', () => {
    assert.equal(isLoopbackHost('127.0.0.1'), true);
    assert.equal(isLoopbackHost('localhost'), true);
    assert.equal(isLoopbackHost('[::1]'), true);
    assert.equal(isLoopbackHost('127.0.0.1.nip.io'), false);
    assert.equal(isLoopbackHost('0.0.0.0'), false);
  });
});
