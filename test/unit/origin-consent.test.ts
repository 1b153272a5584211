import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OriginAccess, consentKey, type ConsentMemory } from '../../src/config/consent';
import { DEFAULT_BASE_URLS } from '../../src/providers';
import type { ProviderId } from '../../src/providers/types';

function mapMemory(): ConsentMemory & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return {
    values,
    get: <T>(key: string) => values.get(key) as T | undefined,
    update: async (key: string, value: unknown) => {
      if (value === undefined) values.delete(key);
      else values.set(key, value);
    },
  };
}

function setup(urls: Partial<Record<ProviderId, string>>, answers: boolean[]) {
  const memory = mapMemory();
  const asked: { provider: ProviderId; origin: string; setting: string }[] = [];
  const access = new OriginAccess(
    () => ({ ...DEFAULT_BASE_URLS, ...urls }),
    memory,
    async (provider, origin, setting) => {
      asked.push({ provider, origin, setting });
      return answers.shift() ?? false;
    },
  );
  return { memory, asked, access };
}

describe('origin consent', () => {
  test('default and loopback origins never ask', async () => {
    const { access, asked } = setup({ anchor: 'http://127.0.0.1:4000/anchor' }, []);
    assert.equal(await access.check('brightData'), undefined);
    assert.equal(await access.check('anchor'), undefined);
    assert.equal(asked.length, 0);
  });

  test('http to a remote host is refused with the setting that fixes it, without asking', async () => {
    const { access, asked } = setup({ brightData: 'http://mirror.example.com' }, [true]);
    const block = await access.check('brightData');
    assert.equal(block?.reason, 'insecureHttp');
    assert.equal(block?.setting, 'browserSessions.brightData.baseUrl');
    assert.match(block?.message ?? '', /plain http to http:\/\/mirror\.example\.com/);
    assert.equal(asked.length, 0);
  });

  test('another https origin asks once, names provider and origin, remembers an allow in memory', async () => {
    const { access, asked, memory } = setup({ anchor: 'https://proxy.corp.example/anchor' }, [true]);
    const [first, second] = await Promise.all([access.check('anchor'), access.check('anchor')]);
    assert.equal(first, undefined);
    assert.equal(second, undefined);
    assert.deepEqual(asked, [{ provider: 'anchor', origin: 'https://proxy.corp.example', setting: 'browserSessions.anchor.baseUrl' }]);
    assert.equal(memory.values.get(consentKey('anchor', 'https://proxy.corp.example')), 'allowed');
    assert.equal(await access.check('anchor'), undefined);
    assert.equal(asked.length, 1, 'asked once');
  });

  test('a refusal is remembered and blocks without asking; forget() asks again', async () => {
    const { access, asked } = setup({ anchor: 'https://proxy.corp.example' }, [false, true]);
    assert.equal((await access.check('anchor'))?.reason, 'consentRefused');
    const again = await access.check('anchor');
    assert.equal(again?.reason, 'consentRefused');
    assert.equal(again?.origin, 'https://proxy.corp.example');
    assert.equal(asked.length, 1);
    await access.forget('anchor');
    assert.equal(await access.check('anchor'), undefined);
    assert.equal(asked.length, 2);
  });

  test('the answer is per origin: a new origin asks again', async () => {
    const urls: Partial<Record<ProviderId, string>> = { brightData: 'https://one.example' };
    const memory = mapMemory();
    let asks = 0;
    const access = new OriginAccess(() => ({ ...DEFAULT_BASE_URLS, ...urls }), memory, async () => (asks++, true));
    await access.check('brightData');
    urls.brightData = 'https://two.example';
    await access.check('brightData');
    assert.equal(asks, 2);
  });

  test('an invalid base URL is a block that names the setting', async () => {
    const { access } = setup({ brightData: 'ftp://api.brightdata.com' }, []);
    const block = await access.check('brightData');
    assert.equal(block?.reason, 'invalidUrl');
    assert.match(block?.message ?? '', /browserSessions\.brightData\.baseUrl/);
  });
});

describe('origin consent per connection', () => {
  test('an extra connection is asked about under its own id and label, apart from its provider default', async () => {
    const memory = mapMemory();
    const asked: string[] = [];
    const access = new OriginAccess(
      () => DEFAULT_BASE_URLS,
      memory,
      async (_provider, origin, setting, label) => {
        asked.push(`${label} ${origin} ${setting}`);
        return true;
      },
      (id) =>
        id === 'brightData-2'
          ? { provider: 'brightData', label: 'Bright Data · Second', baseUrl: 'https://mirror.example/api', setting: 'browserSessions.connections' }
          : undefined,
    );
    assert.equal(await access.check('brightData-2'), undefined);
    assert.deepEqual(asked, ['Bright Data · Second https://mirror.example browserSessions.connections']);
    assert.equal(memory.values.get(consentKey('brightData-2', 'https://mirror.example')), 'allowed');
    assert.equal(memory.values.get(consentKey('brightData', 'https://mirror.example')), undefined, 'the default connection is not covered');
    assert.equal(await access.check('brightData'), undefined, 'the default one still goes to its own origin');
    assert.equal((await access.check('unknown-1'))?.reason, 'invalidUrl', 'an unknown connection sends nothing');
  });
});
