// issue 9: the contract server's live-view, pages, recordings and logs endpoints, by plain fetch:
// auth and 404 on every one, the provider's faults, Anchor's 302 to a second origin, and the file
// host's own rules (a key is refused and counted, a link expires, each fetch mints a new link).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startContractServer, type ContractServer, type ProviderId } from '../server/index';
import { recordingFile } from '../server/inspectData';
import { KEY_HEADER } from './server.helpers';

let server: ContractServer;
before(async () => {
  server = await startContractServer();
});
after(() => server.close());
beforeEach(() => {
  server.clearFaults();
  server.fileHost.requests.length = 0;
});

const key = (provider: ProviderId): Record<string, string> => KEY_HEADER[provider](`test-key-${provider.toLowerCase()}`);

function plainId(provider: ProviderId, test: (record: Record<string, unknown>) => boolean): string {
  const record = server
    .sessions(provider)
    .map((candidate) => candidate as unknown as Record<string, unknown>)
    .find((candidate) => /^[\w-]+$/.test(String(candidate['id'])) && test(candidate));
  assert.ok(record);
  return String(record['id']);
}

const ENDPOINTS: readonly { provider: ProviderId; path: (id: string) => string; pick: (record: Record<string, unknown>) => boolean }[] = [
  { provider: 'anchor', path: (id) => `/v1/sessions/${id}/pages`, pick: (r) => r['status'] === 'running' },
  { provider: 'anchor', path: (id) => `/v1/sessions/${id}/recordings`, pick: (r) => r['status'] === 'completed' && r['recording'] === true },
  { provider: 'browserbase', path: (id) => `/v1/sessions/${id}/debug`, pick: (r) => r['status'] === 'RUNNING' },
  { provider: 'browserbase', path: (id) => `/v1/sessions/${id}/logs`, pick: () => true },
  { provider: 'browserbase', path: (id) => `/v1/sessions/${id}/recording/downloads`, pick: (r) => r['status'] === 'COMPLETED' },
  { provider: 'steel', path: (id) => `/v1/sessions/${id}/live-details`, pick: (r) => r['status'] === 'live' },
  { provider: 'hyperbrowser', path: (id) => `/api/session/${id}/recording-url`, pick: () => true },
  { provider: 'hyperbrowser', path: (id) => `/api/session/${id}/video-recording-url`, pick: () => true },
  { provider: 'hyperbrowser', path: (id) => `/api/session/${id}/event-logs`, pick: () => true },
];

describe('contract server: issue 9 endpoints', () => {
  for (const { provider, path, pick } of ENDPOINTS) {
    it(`${provider} ${path(':id')}: 200 with the key, 401 without, 404 for an unknown session, faults apply`, async () => {
      const url = (id: string): string => `${server.urlFor(provider)}${path(id)}`;
      const id = plainId(provider, pick);
      assert.equal((await fetch(url(id), { headers: key(provider) })).status, 200);
      assert.equal((await fetch(url(id))).status, 401);
      assert.equal((await fetch(url('no-such-session'), { headers: key(provider) })).status, 404);
      server.setFault(provider, { status: 503, times: 1 });
      assert.equal((await fetch(url(id), { headers: key(provider) })).status, 503);
    });
  }

  it('Anchor fetch: 302 to another origin, a fresh link each time, the file behind it byte for byte', async () => {
    const id = plainId('anchor', (r) => r['status'] === 'completed' && r['recording'] === true);
    const listing = (await (await fetch(`${server.urlFor('anchor')}/v1/sessions/${id}/recordings`, { headers: key('anchor') })).json()) as {
      data: { items: { id: string; size: number }[] };
    };
    const [item] = listing.data.items;
    const fetchUrl = `${server.urlFor('anchor')}/v1/sessions/${id}/recordings/primary/fetch`;
    const first = await fetch(fetchUrl, { headers: key('anchor'), redirect: 'manual' });
    const second = await fetch(fetchUrl, { headers: key('anchor'), redirect: 'manual' });
    assert.equal(first.status, 302);
    const location = first.headers.get('location')!;
    assert.notEqual(new URL(location).origin, new URL(server.url).origin);
    assert.notEqual(location, second.headers.get('location'));
    const file = Buffer.from(await (await fetch(location)).arrayBuffer());
    assert.equal(file.length, item.size);
    assert.ok(file.equals(recordingFile(`anchor/${id}/${item.id}`)));
  });

  it('the file host refuses any key header with 401 and counts it; an expired link is 403', async () => {
    const id = plainId('anchor', (r) => r['status'] === 'completed' && r['recording'] === true);
    const fetchUrl = `${server.urlFor('anchor')}/v1/sessions/${id}/recordings/primary/fetch`;
    const location = (await fetch(fetchUrl, { headers: key('anchor'), redirect: 'manual' })).headers.get('location')!;
    assert.equal((await fetch(location, { headers: key('anchor') })).status, 401);
    assert.equal((await fetch(location, { headers: { Authorization: 'Bearer x' } })).status, 401);
    assert.equal(server.fileHost.keyReceived, 2);
    server.fileHost.expireAll();
    assert.equal((await fetch(location)).status, 403);
  });

  it('Hyperbrowser event-logs pages with page and limit and refuses a bad page', async () => {
    const id = plainId('hyperbrowser', () => true);
    const url = `${server.urlFor('hyperbrowser')}/api/session/${id}/event-logs`;
    const page = (await (await fetch(`${url}?page=2&limit=5`, { headers: key('hyperbrowser') })).json()) as { page: number; perPage: number };
    assert.deepEqual([page.page, page.perPage], [2, 5]);
    assert.equal((await fetch(`${url}?page=0`, { headers: key('hyperbrowser') })).status, 400);
  });
});
